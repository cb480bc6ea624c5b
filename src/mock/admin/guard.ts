import type { MockRequest } from '../engine/types.js';

export type Access = { ok: true; headers: Record<string, string> } | { ok: false; reason: string };

/** localhost and IP literals: names a DNS-rebinding page cannot make its own. */
function isSafeHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Who may use the control plane. Clients that are not browsers (curl, test runners, CI) send no
 * Origin and no Sec-Fetch-Site and may. A browser page may only from the mock's own origin on a
 * loopback or IP address, or from an origin the mock was told to allow: otherwise any site a
 * developer visits could wipe the sandbox with a CORS-simple POST, or read the journal.
 */
export function adminAccess(req: MockRequest, allowedOrigins: readonly string[]): Access {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (origin !== undefined && allowedOrigins.includes(origin)) {
    return { ok: true, headers: { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } };
  }
  if (origin === undefined && site === undefined) return { ok: true, headers: {} };
  const fromOwnPage = origin !== undefined ? sameOrigin(origin, req.headers.host) : site === 'same-origin' || site === 'none';
  if (fromOwnPage && isSafeHost(req.headers.host)) return { ok: true, headers: {} };
  const who = origin ?? `a ${site ?? 'browser'} page`;
  return {
    ok: false,
    reason: `/__admin does not answer web pages of other origins (${who}); start the mock with --admin-origin ${origin ?? '<origin>'} (ALLSIGN_MOCK_ADMIN_ORIGINS) to allow one`,
  };
}

export function adminPreflightHeaders(req: MockRequest, access: Access): Record<string, string> {
  if (!access.ok) return {};
  return {
    ...access.headers,
    'Access-Control-Allow-Methods': 'GET,POST,DELETE',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || 'Content-Type, X-Admin-Token',
    'Access-Control-Max-Age': '600',
  };
}
