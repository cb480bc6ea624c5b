// The API reference page: Swagger UI over one of the contracts the mock serves, pre-authorised with
// the first key the mock was started with, under a policy that lets it load nothing from elsewhere.

/** A contract the page can show. The API is the first; the control plane's contract joins it as a second entry. */
export interface ReferenceSpec {
  /** `?spec=` on /docs */
  id: string;
  /** the tab's label */
  title: string;
  /** where the page loads the contract from, below the mount path (e.g. `/openapi.json`) */
  path: string;
  /** the security scheme a key of the mock pre-authorises; none: nothing is pre-authorised */
  keyScheme?: string;
}

/** The key "Try it out" starts with, and whose tenant it is. */
export interface ReferenceKey {
  key: string;
  tenant: string;
  email?: string | undefined;
}

export interface ReferencePage {
  base: string;
  specs: readonly ReferenceSpec[];
  current: ReferenceSpec;
  /** the key to pre-authorise with, or why there is none */
  key: ReferenceKey | { none: string };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const html = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
/** JSON inside a script element: nothing in it can close the element */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** Runs in the page: Swagger UI on the chosen contract, the key applied once the contract is in. */
export const PAGE_SCRIPT = `'use strict';
const config = JSON.parse(document.getElementById('reference-config').textContent);
const ui = SwaggerUIBundle({
  url: config.url,
  dom_id: '#swagger-ui',
  validatorUrl: null,
  tryItOutEnabled: true,
  onComplete() {
    if (config.key) ui.preauthorizeApiKey(config.key.scheme, config.key.value);
    document.body.dataset.reference = 'ready';
  },
});
window.ui = ui;
`;

function keyNote(page: ReferencePage): string {
  if (!page.current.keyScheme) return '';
  if ('none' in page.key) return `<p id="reference-key" data-tenant="">${html(page.key.none)} Use <b>Authorize</b> with a key of this mock.</p>`;
  const { key, tenant, email } = page.key;
  const owner = email ? ` (${html(email)})` : '';
  return (
    `<p id="reference-key" data-tenant="${html(tenant)}">Try it out is authorised as tenant <b>${html(tenant)}</b>${owner} with ` +
    `<code>${html(key)}</code>, the first key this mock was started with; <b>Authorize</b> takes another. ` +
    `Requests go to this mock, the first server; the production server is listed second.</p>`
  );
}

function tabs(page: ReferencePage): string {
  if (page.specs.length < 2) return '';
  const links = page.specs.map((spec) => `<a href="${html(`${page.base}/docs?spec=${encodeURIComponent(spec.id)}`)}"${spec === page.current ? ' aria-current="page"' : ''}>${html(spec.title)}</a>`);
  return `<nav id="reference-specs">${links.join(' ')}</nav>`;
}

export function renderReferencePage(page: ReferencePage): string {
  const key = page.current.keyScheme && !('none' in page.key) ? { scheme: page.current.keyScheme, value: page.key.key } : null;
  const config = { url: `${page.base}${page.current.path}`, key };
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${html(page.current.title)} — mock reference</title>
  <link rel="stylesheet" href="${html(page.base)}/docs/swagger-ui.css">
  <style>
    .reference-bar { font: 14px/1.4 sans-serif; max-width: 1460px; margin: 0 auto; padding: 10px 20px 0; }
    .reference-bar nav a { margin-right: 1em; } .reference-bar nav a[aria-current] { font-weight: bold; }
    #reference-key { background: #eef6ee; border: 1px solid #9c9; border-radius: 4px; padding: 6px 10px; }
  </style>
</head>
<body>
  <header class="reference-bar">${tabs(page)}${keyNote(page)}</header>
  <div id="swagger-ui"></div>
  <script type="application/json" id="reference-config">${scriptJson(config)}</script>
  <script src="${html(page.base)}/docs/swagger-ui-bundle.js"></script>
  <script src="${html(page.base)}/docs/reference.js"></script>
</body>
</html>`;
}

/**
 * The page loads scripts, styles, images and fonts from the mock alone, and calls only the servers
 * the contract lists (this mock first): whatever a viewer release might add, the browser refuses to
 * send anything elsewhere.
 */
export function referencePolicy(servers: readonly string[]): string {
  const origins = [...new Set(servers.flatMap((url) => (/^https?:\/\//.test(url) ? [new URL(url).origin] : [])))];
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Swagger UI sets style attributes on its elements
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${origins.join(' ')}`.trim(),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
