import express, { type Request, type Router } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminContractDocument, contractDocument } from '../../../contract/index.js';
import type { Mock } from '../../mock.js';
import { REFERENCE_UI_FILES, referenceUiDir, type ReferenceUiFile } from './reference-assets.js';
import { PAGE_SCRIPT, referencePolicy, renderReferencePage, type ReferenceKey, type ReferenceSpec } from './reference-page.js';

/** the contracts as written; the same relative position holds from src/ and from dist/ */
const CONTRACT_YAML = fileURLToPath(new URL('../../../../openapi/allsign-v2.yaml', import.meta.url));
const ADMIN_YAML = fileURLToPath(new URL('../../../../openapi/admin.yaml', import.meta.url));

/** The contracts /docs shows, the API first (the default). */
export const REFERENCE_SPECS: readonly ReferenceSpec[] = [
  { id: 'api', title: 'AllSign API v2', path: '/openapi.json', keyScheme: 'bearerAuth' },
  { id: 'admin', title: 'Control plane (/__admin)', path: '/openapi/admin.json' },
];

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

/** The contract's servers with this mock's origin first (the one Swagger UI selects). */
function servers(origin: string | undefined): { url: string; description: string }[] {
  const own = (contractDocument().servers ?? []) as { url: string; description: string }[];
  return origin ? [{ url: origin, description: 'This mock' }, ...own] : own;
}

/** The control plane is this mock's own: its one server is where the page reached it. */
function adminServers(origin: string | undefined): { url: string; description: string }[] {
  return origin ? [{ url: origin, description: 'This mock' }] : ((adminContractDocument().servers ?? []) as { url: string; description: string }[]);
}

/** The YAML as written, its top-level `servers` block replaced (comments and layout kept). */
function yamlWithServers(text: string, list: { url: string; description: string }[]): string {
  const block = `servers:\n${list.map((s) => `  - url: ${JSON.stringify(s.url)}\n    description: ${JSON.stringify(s.description)}\n`).join('')}`;
  return text.replace(/^servers:\n(?:[ \t].*\n|-.*\n)*/m, block);
}

/**
 * The key the page starts with: the first the mock was started with, as its store knows it now.
 * Never one typed elsewhere, and none when the mock guards its keys behind an admin token.
 */
export async function referenceKey(mock: Mock): Promise<ReferenceKey | { none: string }> {
  if (mock.adminProtected) return { none: 'This mock guards its keys (--admin-token), so none is put in this page.' };
  const first = mock.apiKeys[0];
  if (!first) return { none: 'This mock was started with no key.' };
  const known = await mock.repository.authenticate(first.key).catch(() => undefined);
  if (!known) return { none: 'The first key this mock was started with opens no tenant any more.' };
  return { key: first.key, tenant: known.tenant, email: known.email };
}

export interface DocsOptions {
  /** the key "Try it out" starts with (asked at every page load) */
  key: () => Promise<ReferenceKey | { none: string }>;
  /** the contracts the page shows (default: the API's) */
  specs?: readonly ReferenceSpec[];
}

const TYPES: Record<ReferenceUiFile, string> = { 'swagger-ui-bundle.js': 'text/javascript; charset=utf-8', 'swagger-ui.css': 'text/css; charset=utf-8' };

/** The contracts (YAML and JSON: the API's at /openapi.*, the control plane's at /openapi/admin.*) and the reference page, all served from the package: no CDN, nothing sent elsewhere. */
export function docsRouter(options: DocsOptions): Router {
  const router = express.Router();
  const specs = options.specs ?? REFERENCE_SPECS;
  const text = readFileSync(CONTRACT_YAML, 'utf8');
  const adminText = readFileSync(ADMIN_YAML, 'utf8');
  const ui = referenceUiDir();
  router.get('/', (req, res) => res.redirect(302, `${req.baseUrl}/docs`));
  router.get('/openapi.yaml', (req, res) => void res.type('application/yaml').send(yamlWithServers(text, servers(requestOrigin(req)))));
  router.get('/openapi.json', (req, res) => void res.type('application/json').send(JSON.stringify({ ...contractDocument(), servers: servers(requestOrigin(req)) })));
  router.get('/openapi/admin.yaml', (req, res) => void res.type('application/yaml').send(yamlWithServers(adminText, adminServers(requestOrigin(req)))));
  router.get('/openapi/admin.json', (req, res) => void res.type('application/json').send(JSON.stringify({ ...adminContractDocument(), servers: adminServers(requestOrigin(req)) })));
  router.get(['/docs', '/docs/'], (req, res, next) => {
    const asked = req.query.spec;
    const current = asked === undefined ? specs[0] : specs.find((spec) => spec.id === asked);
    if (!current) return void res.status(404).json({ detail: `No contract "${String(asked)}" on this page; spec is one of: ${specs.map((s) => s.id).join(', ')}` });
    options.key().then((key) => {
      res.setHeader('Content-Security-Policy', referencePolicy(servers(requestOrigin(req)).map((s) => s.url)));
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(renderReferencePage({ base: req.baseUrl, specs, current, key }));
    }, next);
  });
  router.get('/docs/reference.js', (_req, res) => void res.type('text/javascript; charset=utf-8').send(PAGE_SCRIPT));
  for (const file of REFERENCE_UI_FILES) {
    router.get(`/docs/${file}`, (_req, res) => void res.type(TYPES[file]).sendFile(join(ui, file)));
  }
  return router;
}
