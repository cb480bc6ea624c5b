import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import ignoreModule from 'ignore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as a consumer gets it: packed from a copy of the working tree (so `prepare` builds
// there, as in a clean clone, and this checkout's dist/ is left alone), installed from the tarball
// into a scratch project (its dependencies from the npm cache or registry), then used.
const run = promisify(execFile);
// a CommonJS module: its types reach the function as `.default`, which it also sets at run time
const ignore = ignoreModule.default;
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string>;
  devDependencies: Record<string, string>;
  license: string;
};
const CONSUMER_DEPS = ['msw', 'openapi-fetch', 'typescript', '@types/node'].map((name) => `${name}@${pkg.devDependencies[name]}`);

/** The checkout's files as a clone would have them: what .gitignore leaves (no git needed: a bare machine may have only Node). */
function sourceFiles(): string[] {
  const ignored = ignore().add(readFileSync(join(root, '.gitignore'), 'utf8')).add('.git');
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return ignored.ignores(`${path}/`) ? [] : walk(path);
      return ignored.ignores(path) ? [] : [path];
    });
  return walk('');
}

let work: string;
let clone: string;
let consumer: string;
let files: string[];

async function npm(args: string[], cwd: string) {
  return run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'allsign-pack-'));
  clone = join(work, 'clone');
  for (const file of sourceFiles()) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    cpSync(join(root, file), join(clone, file));
  }
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
  const out = join(work, 'out');
  mkdirSync(out);
  await npm(['pack', '--pack-destination', out], clone);
  const tarball = join(out, readdirSync(out).find((f) => f.endsWith('.tgz'))!);
  files = (await run('tar', ['-tzf', tarball])).stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));

  consumer = join(work, 'consumer');
  mkdirSync(join(consumer, 'src'), { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'scratch-consumer', private: true, type: 'module' }));
  await npm(['install', '--prefer-offline', '--no-package-lock', tarball, ...CONSUMER_DEPS], consumer);
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The URL a starting mock prints; rejects with its output if it exits first. */
function listeningUrl(child: ChildProcessByStdio<null, Readable, Readable>): Promise<string> {
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  return new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the mock exited ${code}: ${output}`)));
  });
}

describe('the packed package', () => {
  it('ships the build, the contract, the docs and the license; no sources, tests or source maps', () => {
    for (const file of ['dist/mock/cli.js', 'dist/conformance/cli.js', 'dist/mock/index.d.ts', 'dist/mock/adapters/msw.js', 'dist/admin-client/index.js', 'dist/reference-ui/swagger-ui-bundle.js', 'dist/reference-ui/swagger-ui.css', 'dist/reference-ui/LICENSE', 'openapi/allsign-v2.yaml', 'docs/mock.md', 'README.md', 'LICENSE', 'package.json']) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => /\.map$|^src\/|^test\/|^examples\//.test(f))).toEqual([]);
    // every export points at a file in the tarball
    for (const target of Object.values(pkg.exports)) expect(files).toContain(target.replace(/^\.\//, ''));
  });

  it('states one license: the toolkit’s, MIT', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('runs allsign-mock from its bin until healthy, and stops it with SIGTERM', async () => {
    const child = spawn(join(consumer, 'node_modules/.bin/allsign-mock'), ['--port', '0', '--contacts', '0'], { cwd: consumer, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await listeningUrl(child);
    const health = await fetch(`${url}/__admin/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', tenants: 2 });
    // the API reference's viewer comes in the package; no viewer package (nor its telemetry) was installed
    expect((await fetch(`${url}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    expect(readdirSync(join(consumer, 'node_modules')).filter((name) => /swagger|scarf/.test(name))).toEqual([]);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('npm start runs the built mock, and one SIGTERM to npm stops it (no node left behind)', async () => {
    const npmStart = spawn('npm', ['start', '--', '--port', '0', '--contacts', '0'], { cwd: clone, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await listeningUrl(npmStart);
    expect((await fetch(`${url}/__admin/health`)).status).toBe(200);
    const exited = new Promise((resolve) => npmStart.on('exit', resolve));
    npmStart.kill('SIGTERM');
    await exited;
    // the mock itself has stopped: nothing answers on its port any more
    await expect(fetch(`${url}/__admin/health`)).rejects.toThrow();
  }, 30_000);

  it('runs allsign-conformance --help', async () => {
    const { stdout } = await run(join(consumer, 'node_modules/.bin/allsign-conformance'), ['--help'], { cwd: consumer });
    expect(stdout).toMatch(/--base-url/);
  });

  it('imports every export in Node', async () => {
    const script = `
      import { createRequire } from 'node:module';
      import { readFileSync } from 'node:fs';
      const require = createRequire(import.meta.url);
      const out = {};
      for (const name of ${JSON.stringify(Object.keys(pkg.exports))}) {
        const spec = 'allsign-v2-toolkit' + name.slice(1);
        if (name === './package.json') out[name] = require(spec).name;
        else if (name.endsWith('.yaml')) out[name] = readFileSync(require.resolve(spec), 'utf8').slice(0, 14);
        else out[name] = Object.keys(await import(spec)).length;
      }
      console.log(JSON.stringify(out));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
    const loaded = JSON.parse(stdout) as Record<string, unknown>;
    expect(loaded['./package.json']).toBe('allsign-v2-toolkit');
    expect(loaded['./openapi.yaml']).toBe('openapi: 3.1.0');
    expect(loaded['./admin.yaml']).toBe('openapi: 3.1.0');
    expect(loaded['./types']).toBe(0); // types only
    for (const name of ['./mock', './mock/core', './msw', './playwright', './admin', './contract', './conformance', './validate']) expect(loaded[name], name).toBeGreaterThan(0);
  }, 30_000);

  it('type-checks a strict consumer (exactOptionalPropertyTypes, skipLibCheck false) under moduleResolution nodenext and bundler', async () => {
    cpSync(join(root, 'test/types/consumer'), join(consumer, 'src'), { recursive: true });
    const strict = { strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, noEmit: true, target: 'ES2022' };
    const configs = {
      // a Node project: Node's types, no DOM
      'tsconfig.nodenext.json': { compilerOptions: { ...strict, module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'], types: ['node'] }, files: ['src/types.ts', 'src/client.ts', 'src/node.ts'] },
      // a Vite-style page: the DOM, no Node types
      'tsconfig.bundler.json': { compilerOptions: { ...strict, module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: [] }, files: ['src/types.ts', 'src/client.ts', 'src/browser.ts'] },
    };
    const tsc = join(consumer, 'node_modules/typescript/bin/tsc');
    const results = await Promise.all(
      Object.entries(configs).map(async ([file, config]) => {
        writeFileSync(join(consumer, file), JSON.stringify(config, null, 2));
        return run(process.execPath, [tsc, '-p', file], { cwd: consumer }).then(
          () => `${file}: ok`,
          (error: { stdout?: string }) => `${file}:\n${error.stdout ?? String(error)}`,
        );
      }),
    );
    expect(results).toEqual(['tsconfig.nodenext.json: ok', 'tsconfig.bundler.json: ok']);
  }, 120_000);
});
