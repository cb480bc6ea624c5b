import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractDocument } from '../../../contract/index.js';
import { allowHeader, isImplemented } from '../../engine/methods.js';

const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
/** the contract as written; the same relative position holds from src/ and from dist/ */
const CONTRACT_YAML = fileURLToPath(new URL('../../../../openapi/allsign-v2.yaml', import.meta.url));

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>AllSign API v2 — mock reference</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });
  </script>
</body>
</html>`;

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}

/**
 * Where the browser reached this mock (behind a proxy too), so that "Try it out" on the reference
 * page calls the mock and not the production server the contract names. Undefined when the headers
 * do not make a plain origin.
 */
function requestOrigin(req: DocsRequest): string | undefined {
  const forwarded = firstValue(req.headers['x-forwarded-proto'])?.toLowerCase();
  const proto = forwarded === 'http' || forwarded === 'https' ? forwarded : req.secure ? 'https' : 'http';
  const host = firstValue(req.headers['x-forwarded-host']) ?? firstValue(req.headers.host);
  if (!host || !HOST.test(host)) return undefined;
  return `${proto}://${host}${req.baseUrl}`;
}

/** The contract's servers with this mock's origin first (the one Swagger UI selects). */
function servers(origin: string | undefined): { url: string; description: string }[] {
  const own = (contractDocument().servers ?? []) as { url: string; description: string }[];
  return origin ? [{ url: origin, description: 'This mock' }, ...own] : own;
}

/** The YAML as written, its top-level `servers` block replaced (comments and layout kept). */
function yamlWithServers(text: string, list: { url: string; description: string }[]): string {
  const block = `servers:\n${list.map((s) => `  - url: ${JSON.stringify(s.url)}\n    description: ${JSON.stringify(s.description)}\n`).join('')}`;
  return text.replace(/^servers:\n(?:[ \t].*\n|-.*\n)*/m, block);
}

/** What the reference pages need of a request: any transport can give it. */
export interface DocsRequest {
  method: string;
  /** below the mount point, without the query */
  path: string;
  headers: IncomingHttpHeaders;
  /** the connection is TLS */
  secure: boolean;
  /** where the mock is mounted ('' at the root) */
  baseUrl: string;
}

export interface DocsAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  png: 'image/png',
  map: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/**
 * The contract (YAML and JSON) and an API reference page served from the package, no CDN: an
 * answer for the paths it owns (GET and HEAD; another method the server implements is a 405 with
 * Allow), undefined for every other request.
 */
export function docsPages(): (req: DocsRequest) => DocsAnswer | undefined {
  const text = readFileSync(CONTRACT_YAML, 'utf8');
  const files = new Set(readdirSync(SWAGGER_UI_DIR).filter((name) => TYPES[name.slice(name.lastIndexOf('.') + 1)]));
  const cache = new Map<string, Buffer>();
  const asset = (name: string): DocsAnswer => {
    let body = cache.get(name);
    if (!body) cache.set(name, (body = readFileSync(`${SWAGGER_UI_DIR}/${name}`)));
    return { status: 200, headers: { 'Content-Type': TYPES[name.slice(name.lastIndexOf('.') + 1)]! }, body };
  };
  const page = (req: DocsRequest): (() => DocsAnswer) | undefined => {
    switch (req.path) {
      case '/':
        return () => ({ status: 302, headers: { Location: `${req.baseUrl}/docs`, 'Content-Type': 'text/plain; charset=utf-8' }, body: `Found. Redirecting to ${req.baseUrl}/docs` });
      case '/openapi.yaml':
        return () => ({ status: 200, headers: { 'Content-Type': 'application/yaml; charset=utf-8' }, body: yamlWithServers(text, servers(requestOrigin(req))) });
      case '/openapi.json':
        return () => ({ status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify({ ...contractDocument(), servers: servers(requestOrigin(req)) }) });
      case '/docs':
      case '/docs/':
        return () => ({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: PAGE });
    }
    if (!req.path.startsWith('/docs/')) return undefined;
    const name = req.path.slice('/docs/'.length);
    return files.has(name) ? () => asset(name) : undefined;
  };
  return (req) => {
    const answer = page(req);
    if (!answer) return undefined;
    if (req.method === 'GET' || req.method === 'HEAD') return answer();
    // OPTIONS (a preflight) and methods no resource has are the engine's to answer
    if (req.method === 'OPTIONS' || !isImplemented(req.method)) return undefined;
    const body = JSON.stringify({ detail: 'Method Not Allowed' });
    return { status: 405, headers: { 'Content-Type': 'application/json; charset=utf-8', Allow: allowHeader(['GET']) }, body };
  };
}
