import express, { type Request, type Router } from 'express';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminContractDocument, contractDocument } from '../../../contract/index.js';

const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
/** the contracts as written; the same relative position holds from src/ and from dist/ */
const CONTRACT_YAML = fileURLToPath(new URL('../../../../openapi/allsign-v2.yaml', import.meta.url));
const ADMIN_YAML = fileURLToPath(new URL('../../../../openapi/admin.yaml', import.meta.url));

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
function requestOrigin(req: Request): string | undefined {
  const forwarded = firstValue(req.headers['x-forwarded-proto'])?.toLowerCase();
  const proto = forwarded === 'http' || forwarded === 'https' ? forwarded : req.secure ? 'https' : 'http';
  const host = firstValue(req.headers['x-forwarded-host']) ?? firstValue(req.headers.host);
  if (!host || !HOST.test(host)) return undefined;
  return `${proto}://${host}${req.baseUrl}`;
}

type Servers = { url: string; description: string }[];

/** The contract's servers with this mock's origin first (the one Swagger UI selects). */
function servers(origin: string | undefined): Servers {
  const own = (contractDocument().servers ?? []) as Servers;
  return origin ? [{ url: origin, description: 'This mock' }, ...own] : own;
}

/** The control plane is this mock's own: its one server is where the page reached it. */
function adminServers(origin: string | undefined): Servers {
  return origin ? [{ url: origin, description: 'This mock' }] : ((adminContractDocument().servers ?? []) as Servers);
}

/** The YAML as written, its top-level `servers` block replaced (comments and layout kept). */
function yamlWithServers(text: string, list: { url: string; description: string }[]): string {
  const block = `servers:\n${list.map((s) => `  - url: ${JSON.stringify(s.url)}\n    description: ${JSON.stringify(s.description)}\n`).join('')}`;
  return text.replace(/^servers:\n(?:[ \t].*\n|-.*\n)*/m, block);
}

/**
 * The contracts (YAML and JSON: the API's at /openapi.*, the control plane's at /openapi/admin.*)
 * and an API reference page served from the package, no CDN.
 */
export function docsRouter(): Router {
  const router = express.Router();
  const text = readFileSync(CONTRACT_YAML, 'utf8');
  const adminText = readFileSync(ADMIN_YAML, 'utf8');
  router.get('/', (req, res) => res.redirect(302, `${req.baseUrl}/docs`));
  router.get('/openapi.yaml', (req, res) => void res.type('application/yaml').send(yamlWithServers(text, servers(requestOrigin(req)))));
  router.get('/openapi.json', (req, res) => void res.type('application/json').send(JSON.stringify({ ...contractDocument(), servers: servers(requestOrigin(req)) })));
  router.get('/openapi/admin.yaml', (req, res) => void res.type('application/yaml').send(yamlWithServers(adminText, adminServers(requestOrigin(req)))));
  router.get('/openapi/admin.json', (req, res) => void res.type('application/json').send(JSON.stringify({ ...adminContractDocument(), servers: adminServers(requestOrigin(req)) })));
  router.get(['/docs', '/docs/'], (_req, res) => void res.type('html').send(PAGE));
  router.use('/docs', express.static(SWAGGER_UI_DIR, { index: false }));
  return router;
}
