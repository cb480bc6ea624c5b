import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './chromium.js';

// examples/vite-msw, built by Vite 7 as its README says: `vite build` gives a bundle with no mock in
// it; a development build (NODE_ENV=development) served by `vite preview` answers from the mock in
// headless Chromium and keeps what the page made across a reload. The toolkit is what the package
// ships (dist/), as an installed copy would resolve it.
const root = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = join(root, 'examples/vite-msw');
const run = promisify(execFile);

let work: string;
/** Vite's config for the example, as a file the CLI reads: the toolkit resolved to what the package ships. */
const CONFIG = (outDir: string) => `export default ${JSON.stringify({
  root: EXAMPLE,
  logLevel: 'warn',
  cacheDir: join(work, 'cache'),
  publicDir: join(work, 'public'),
  resolve: { alias: { 'allsign-v2-toolkit/msw': join(root, 'dist/mock/adapters/msw.js') } },
  build: { outDir, emptyOutDir: true },
  preview: { host: '127.0.0.1', port: 0, strictPort: true },
})};\n`;

/**
 * `vite build` as the CLI runs it, in a process of its own: NODE_ENV unset as in a shell (not
 * vitest's "test"), or `development` for a development build (`--mode` alone keeps DEV false).
 */
async function viteBuild(nodeEnv: 'development' | undefined): Promise<string> {
  const name = nodeEnv ?? 'production';
  const outDir = join(work, name);
  const config = join(work, `vite.${name}.config.mjs`);
  writeFileSync(config, CONFIG(outDir));
  const { NODE_ENV: _unset, ...env } = process.env;
  await run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', config], { cwd: EXAMPLE, env: nodeEnv ? { ...env, NODE_ENV: nodeEnv } : env });
  return outDir;
}
const scripts = (dir: string) => readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, 'assets', f), 'utf8'));

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'allsign-vite-'));
  mkdirSync(join(work, 'public'));
  // what `npx msw init public/` copies
  copyFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), join(work, 'public/mockServiceWorker.js'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the Vite recipe (examples/vite-msw, Vite 7)', () => {
  it('leaves the mock out of a production build', async () => {
    const code = scripts(await viteBuild(undefined)).join('\n');
    expect(code).toContain('/v2/contacts');
    // nothing of MSW, the engine or the seed: no handler, no contract, no error message of the API
    for (const absent of ['mockServiceWorker', 'Contact with this email already exists', 'sk_test_demo_b', 'allsign-mock']) expect(code).not.toContain(absent);
    expect(Buffer.byteLength(code)).toBeLessThan(4096);
  }, 60_000);

  describe('a development build under vite preview, in headless Chromium', () => {
    let server: PreviewServer;
    let browser: Browser;
    beforeAll(async () => {
      const outDir = await viteBuild('development');
      server = await preview({ root: EXAMPLE, configFile: false, logLevel: 'silent', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: true } });
      browser = await openBrowser();
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('answers from the mock and keeps a created contact across a reload', async () => {
      const { page } = browser;
      const url = server.resolvedUrls!.local[0]!;
      await page.goto(url);
      await page.locator('#contacts[data-total="5"]').waitFor({ state: 'attached', timeout: 20_000 });
      await page.fill('#email', 'vite@example.com');
      await page.click('button[type=submit]');
      await page.locator('#status[data-status="201"]').waitFor({ state: 'attached' });
      await page.locator('#contacts[data-total="6"]').waitFor({ state: 'attached' });
      await page.evaluate(() => (globalThis as unknown as { allsignMock: { flush(): Promise<void> } }).allsignMock.flush());
      await page.reload();
      await page.locator('#contacts[data-total="6"]').waitFor({ state: 'attached', timeout: 20_000 });
      expect(await page.locator('#contacts li').allTextContents()).toContain('vite@example.com');
    }, 60_000);
  });
});
