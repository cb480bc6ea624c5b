// Builds a page (an example of examples/, or a test's page) with esbuild for the browser, with MSW's
// worker script beside it, and serves it on 127.0.0.1. `npm run example -- msw-contacts [--port N]`;
// the browser tests use the same build and server.
import { build } from 'esbuild';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface ServedExample {
  url: string;
  /** every request the server saw, `METHOD /path` */
  seen: string[];
  close(): Promise<void>;
}

/** The bundle of a page's main.ts and the worker script, in a fresh folder. */
export async function buildPage(page: string): Promise<{ dir: string; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'allsign-page-'));
  const result = await build({
    entryPoints: [join(page, 'main.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    outfile: join(dir, 'app.js'),
    logLevel: 'silent',
    metafile: true,
  });
  // what `npx msw init <public dir>` copies: the worker of the installed msw, so the versions match
  copyFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), join(dir, 'mockServiceWorker.js'));
  return { dir, bytes: Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0) };
}

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8' };

/** Serves an example of examples/ (see servePage). */
export function serveExample(name: string, port = 0): Promise<ServedExample> {
  return servePage(join(root, 'examples', name), port);
}

/** Serves the page folder's pages (index.html at `/`), its bundle and the worker at the origin root (the worker's scope must be '/'). */
export async function servePage(page: string, port = 0): Promise<ServedExample> {
  const { dir } = await buildPage(page);
  const pages = readdirSync(page).filter((file) => file.endsWith('.html'));
  const files: Record<string, string> = {
    '/': join(page, 'index.html'),
    ...Object.fromEntries(pages.map((name) => [`/${name}`, join(page, name)])),
    '/app.js': join(dir, 'app.js'),
    '/mockServiceWorker.js': join(dir, 'mockServiceWorker.js'),
  };
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push(`${req.method} ${path}`);
    const file = files[path];
    if (!file || req.method !== 'GET') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': TYPES[file.split('.').pop()!] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const name = process.argv[2] ?? 'msw-contacts';
  const portArg = process.argv.indexOf('--port');
  const served = await serveExample(name, portArg > 0 ? Number(process.argv[portArg + 1]) : 0);
  console.log(`examples/${name} on ${served.url} (Ctrl-C stops it)`);
  process.once('SIGINT', () => void served.close().then(() => process.exit(0)));
  process.once('SIGTERM', () => void served.close().then(() => process.exit(0)));
}
