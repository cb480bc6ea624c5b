import type { Contract } from '../../contract/index.js';
import type { ControlPlane } from '../domain/control-plane.js';
import type { FaultRegistry } from '../engine/faults.js';
import { Errors } from '../engine/http-errors.js';
import type { RequestJournal } from '../engine/journal.js';
import { errorResponse, json, readJson } from '../engine/respond.js';
import type { MockRequest, MockResponse } from '../engine/types.js';
import { constantTimeEqual } from './constant-time.js';
import { adminAccess, adminPreflightHeaders } from './guard.js';
import { adminRoutes } from './handlers.js';

export interface AdminOptions {
  /** protects every route but health with the X-Admin-Token header */
  adminToken?: string | undefined;
  /** web origins whose pages may call the control plane */
  adminOrigins: readonly string[];
  contract: Contract;
  log?: ((line: string) => void) | undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw Errors.badRequest(`Failed to decode path parameter ${JSON.stringify(segment)}`);
  }
}

/**
 * The control plane under /__admin (WireMock's convention): what a frontend needs to drive states
 * the public API cannot reach.
 */
export function createAdmin(control: ControlPlane, journal: RequestJournal, faults: FaultRegistry, options: AdminOptions) {
  const started = Date.now();
  const routes = adminRoutes(control, journal, faults, options.contract);

  /** Answers a request under /__admin (`path` without the prefix), or undefined for an unknown path. */
  async function answer(req: MockRequest, path: string, body: unknown): Promise<{ status: number; body: unknown } | undefined> {
    if (path === '/health' && req.method === 'GET') {
      return { status: 200, body: { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000), ...(await control.counts()) } };
    }
    if (options.adminToken && !constantTimeEqual(req.headers['x-admin-token'] ?? '', options.adminToken)) throw Errors.adminTokenRequired();
    const matching = routes.filter((r) => r.pattern.test(path));
    if (matching.length === 0) return undefined;
    const route = matching.find((r) => r.method === req.method);
    if (!route) throw Errors.methodNotAllowed([...new Set(matching.map((r) => r.method))]);
    const params = route.pattern.exec(path)!.slice(1).map(decodeSegment);
    const dict = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    return { status: route.status ?? 200, body: await route.run({ req, params, body: dict, raw: body }) };
  }

  /** Every request under /__admin: pages of other origins are refused before anything runs. */
  async function handle(req: MockRequest): Promise<MockResponse> {
    const access = adminAccess(req, options.adminOrigins);
    if (req.method === 'OPTIONS') return access.ok ? { status: 204, headers: adminPreflightHeaders(req, access), body: '' } : json(403, { detail: access.reason });
    if (!access.ok) return json(403, { detail: access.reason });
    try {
      const answered = await answer(req, req.path.slice('/__admin'.length), readJson(req).value);
      if (!answered) throw Errors.routeNotFound();
      return json(answered.status, answered.body, access.headers);
    } catch (error) {
      const res = errorResponse(error, options.log);
      res.headers = { ...access.headers, ...res.headers };
      return res;
    }
  }

  return { handle };
}
