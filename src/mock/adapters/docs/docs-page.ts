import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminContractDocument, contractDocument } from '../../../contract/index.js';
import { allowHeader, isImplemented } from '../../engine/methods.js';
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

/** What the reference pages need of a request: any transport can give it. */
export interface DocsRequest {
  method: string;
  /** below the mount point, without the query */
  path: string;
  /** the query's `spec`, which contract the page shows */
  spec?: string | undefined;
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

const page = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): DocsAnswer => ({ status, headers: { 'Content-Type': type, ...headers }, body });
const YAML = 'application/yaml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The contracts (YAML and JSON: the API's at /openapi.*, the control plane's at /openapi/admin.*)
 * and the reference page, all served from the package: no CDN, nothing sent elsewhere. An answer
 * for the paths they own (GET and HEAD; another method the server implements is a 405 with Allow),
 * undefined for every other request. No framework: node:http and Express serve it alike.
 */
export function docsPages(options: DocsOptions): (req: DocsRequest) => Promise<DocsAnswer> | undefined {
  const specs = options.specs ?? REFERENCE_SPECS;
  const text = readFileSync(CONTRACT_YAML, 'utf8');
  const adminText = readFileSync(ADMIN_YAML, 'utf8');
  const ui = referenceUiDir();
  const files = new Map<string, Buffer>();
  const asset = (file: ReferenceUiFile) => {
    let bytes = files.get(file);
    if (!bytes) files.set(file, (bytes = readFileSync(join(ui, file))));
    return page(200, TYPES[file], bytes);
  };
  const reference = async (req: DocsRequest): Promise<DocsAnswer> => {
    const current = req.spec === undefined ? specs[0]! : specs.find((spec) => spec.id === req.spec);
    if (!current) return page(404, JSON_TYPE, JSON.stringify({ detail: `No contract "${req.spec}" on this page; spec is one of: ${specs.map((s) => s.id).join(', ')}` }));
    const key = await options.key();
    return page(200, 'text/html; charset=utf-8', renderReferencePage({ base: req.baseUrl, specs, current, key }), {
      'Content-Security-Policy': referencePolicy(servers(requestOrigin(req)).map((s) => s.url)),
      'Cache-Control': 'no-store',
    });
  };
  const routes: Record<string, (req: DocsRequest) => DocsAnswer | Promise<DocsAnswer>> = {
    '/': (req) => page(302, 'text/plain; charset=utf-8', `Found. Redirecting to ${req.baseUrl}/docs`, { Location: `${req.baseUrl}/docs` }),
    '/openapi.yaml': (req) => page(200, YAML, yamlWithServers(text, servers(requestOrigin(req)))),
    '/openapi.json': (req) => page(200, JSON_TYPE, JSON.stringify({ ...contractDocument(), servers: servers(requestOrigin(req)) })),
    '/openapi/admin.yaml': (req) => page(200, YAML, yamlWithServers(adminText, adminServers(requestOrigin(req)))),
    '/openapi/admin.json': (req) => page(200, JSON_TYPE, JSON.stringify({ ...adminContractDocument(), servers: adminServers(requestOrigin(req)) })),
    '/docs': reference,
    '/docs/': reference,
    '/docs/reference.js': () => page(200, 'text/javascript; charset=utf-8', PAGE_SCRIPT),
    ...Object.fromEntries(REFERENCE_UI_FILES.map((file) => [`/docs/${file}`, () => asset(file)])),
  };
  return (req) => {
    const answer = Object.hasOwn(routes, req.path) ? routes[req.path] : undefined;
    if (!answer) return undefined;
    if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(answer(req));
    // a preflight (OPTIONS) and a method no route has are the engine's to answer
    if (req.method === 'OPTIONS' || !isImplemented(req.method)) return undefined;
    return Promise.resolve(page(405, JSON_TYPE, JSON.stringify({ detail: 'Method Not Allowed' }), { Allow: allowHeader(['GET']) }));
  };
}
