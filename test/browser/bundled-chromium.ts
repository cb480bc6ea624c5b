import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The Chromium that @sparticuz/chromium ships inside its npm package (brotli-compressed, with the
// NSS libraries and a font it needs): unpacked once per install into node_modules/.cache, where
// `npm ci` clears it with the package it came from. Nothing is downloaded.

const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE = '@sparticuz/chromium';

export interface BundledChromium {
  executablePath: string;
  /** the package's version */
  version: string;
  /** what the browser process needs in its environment: the shipped libraries and font */
  env: Record<string, string>;
}

function packageVersion(): string {
  const entry = createRequire(import.meta.url).resolve(PACKAGE);
  // build/cjs/index.cjs → the package's root (its exports do not include package.json)
  const manifest = join(dirname(entry), '..', '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function runtimeOf(dir: string): BundledChromium['env'] {
  const libraries = join(dir, 'al2023', 'lib');
  const inherited = process.env.LD_LIBRARY_PATH;
  return { LD_LIBRARY_PATH: inherited ? `${libraries}:${inherited}` : libraries, FONTCONFIG_PATH: join(dir, 'fontconfig') };
}

/**
 * The package's Chromium, unpacked where this checkout keeps caches. The package unpacks into the
 * system's temporary folder, under fixed names, and takes any file already there as done; so it
 * runs in a child process whose TMPDIR is a fresh folder, which is then renamed into place in one
 * step: a parallel test file or an interrupted run never sees half a binary.
 */
export async function bundledChromium(): Promise<BundledChromium> {
  const version = packageVersion();
  const cache = join(root, 'node_modules', '.cache', 'allsign-v2-toolkit');
  const dir = join(cache, `chromium-${version}`);
  const executablePath = join(dir, 'chromium');
  if (existsSync(executablePath)) return { executablePath, version, env: runtimeOf(dir) };

  mkdirSync(cache, { recursive: true });
  const partial = mkdtempSync(join(cache, `chromium-${version}.partial-`));
  try {
    const script = `const { default: chromium } = await import(${JSON.stringify(PACKAGE)}); process.stdout.write(await chromium.executablePath());`;
    // AWS_LAMBDA_JS_RUNTIME: the package unpacks the NSS libraries it ships (libnss3, libnspr4,
    // libexpat) only where it takes the system for Amazon Linux 2023, which it reads from this
    // variable; a slim Debian lacks them just as much.
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, TMPDIR: partial, AWS_LAMBDA_JS_RUNTIME: 'nodejs20.x' },
    });
    if (stdout !== join(partial, 'chromium')) throw new Error(`${PACKAGE} unpacked to ${stdout}, not into ${partial}`);
    mkdirSync(join(partial, 'fontconfig'));
    writeFileSync(
      join(partial, 'fontconfig', 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${dir}/fonts</dir>\n  <dir>/usr/share/fonts</dir>\n  <cachedir>${dir}/fontconfig/cache</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(partial, dir);
    } catch (error) {
      // another test file unpacked it first: use that one
      if (!existsSync(executablePath)) throw error;
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return { executablePath, version, env: runtimeOf(dir) };
}
