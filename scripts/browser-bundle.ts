// What the browser entries cost a page: each is bundled the way a frontend build would (esbuild,
// platform browser, minified) and its size printed, largest inputs first. `npm run build` runs it;
// a build error here (a Node built-in reaching a browser entry) fails the build.
import { build, type Metafile } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

export const BROWSER_ENTRIES = {
  'allsign-v2-toolkit/msw': 'src/mock/adapters/msw.ts',
  'allsign-v2-toolkit/mock/core': 'src/mock/core.ts',
  'allsign-v2-toolkit/admin': 'src/admin-client/index.ts',
  'allsign-v2-toolkit/validate': 'src/validate/index.ts',
} as const;

export interface BrowserBundle {
  errors: string[];
  code: string;
  bytes: number;
  gzipBytes: number;
  metafile: Metafile;
}

export async function bundleForBrowser(entry: string): Promise<BrowserBundle> {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  }).catch((error: { errors?: { text: string }[] }) => ({ errors: error.errors ?? [{ text: String(error) }], outputFiles: [], metafile: { inputs: {}, outputs: {} } }));
  const code = result.outputFiles[0]?.text ?? '';
  return {
    errors: result.errors.map((e) => e.text),
    code,
    bytes: Buffer.byteLength(code),
    gzipBytes: code ? gzipSync(code, { level: 9 }).byteLength : 0,
    metafile: result.metafile,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Bytes in the output by package (or our own src/), largest first. */
function breakdown(metafile: Metafile): [string, number][] {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? (input.startsWith('src/contract/document.generated') ? 'the contract (JSON)' : input.startsWith('src/contract/admin-document.generated') ? 'the control plane\'s contract (JSON)' : 'src/');
      sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let failed = false;
  for (const [name, entry] of Object.entries(BROWSER_ENTRIES)) {
    const bundle = await bundleForBrowser(entry);
    if (bundle.errors.length) {
      failed = true;
      console.error(`browser bundle of ${name}: ${bundle.errors.length} errors\n  ${bundle.errors.join('\n  ')}`);
      continue;
    }
    const parts = breakdown(bundle.metafile).slice(0, 5).map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`);
    console.log(`browser bundle of ${name}: ${kb(bundle.bytes)} minified, ${kb(bundle.gzipBytes)} gzip, 0 errors (${parts.join(', ')})`);
  }
  if (failed) process.exit(1);
}
