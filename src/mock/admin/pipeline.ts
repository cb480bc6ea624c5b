import { loadAdminContract, type ValidationIssue } from '../../contract/index.js';
import type { AdminOperationId } from '../../types/admin.js';
import type { ControlPlane } from '../domain/control-plane.js';
import type { FaultRegistry } from '../engine/faults.js';
import { Errors } from '../engine/http-errors.js';
import type { RequestJournal } from '../engine/journal.js';
import { errorResponse, json, readJson } from '../engine/respond.js';
import { route } from '../engine/route.js';
import type { MockRequest, MockResponse } from '../engine/types.js';
import { validateRequest } from '../engine/validate.js';
import { constantTimeEqual } from './constant-time.js';
import { adminAccess, adminPreflightHeaders } from './guard.js';
import { adminHandlers } from './handlers.js';

type AnyHandler = ((ctx: unknown) => Promise<{ status: number; body: unknown }>) & { rules?: (body: unknown, query: MockRequest['query']) => Promise<ValidationIssue[]> | ValidationIssue[] };

export interface AdminOptions {
  /** protects every route but health with the X-Admin-Token header */
  adminToken?: string | undefined;
  /** web origins whose pages may call the control plane */
  adminOrigins: readonly string[];
  log?: ((line: string) => void) | undefined;
}

/** A path whose segments do not decode is refused before routing, as it always was. */
function assertDecodable(path: string): void {
  for (const segment of path.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      throw Errors.pathUndecodable(segment);
    }
  }
}

/**
 * The control plane under /__admin (WireMock's convention), from its own contract
 * (openapi/admin.yaml) as the API is from its: access (origin, then token) → route → validation by
 * ajv compiled from the contract, with the rules a schema cannot say → typed handler.
 */
export function createAdmin(control: ControlPlane, journal: RequestJournal, faults: FaultRegistry, options: AdminOptions) {
  const contract = loadAdminContract();
  const handlers = adminHandlers(control, journal, faults, Date.now());

  async function answer(req: MockRequest): Promise<MockResponse> {
    const open = req.method === 'GET' && req.path === '/__admin/health';
    if (!open && options.adminToken && !constantTimeEqual(req.headers['x-admin-token'] ?? '', options.adminToken)) throw Errors.adminTokenRequired();
    const match = route(contract, req);
    if (!match) throw Errors.routeNotFound();
    assertDecodable(req.path);
    // the contract's operations are the handlers' keys (a test holds it); the validated request is the handler's context
    const handler = handlers[match.operation.operationId as AdminOperationId] as unknown as AnyHandler;
    const valid = await validateRequest(match.operation, req, match.params, readJson(req), handler.rules);
    const reply = await handler(valid);
    return json(reply.status, reply.body);
  }

  /** Every request under /__admin: pages of other origins are refused before anything runs. */
  async function handle(req: MockRequest): Promise<MockResponse> {
    const access = adminAccess(req, options.adminOrigins);
    if (!access.ok) return errorResponse(Errors.otherOrigin(access.reason), options.log);
    if (req.method === 'OPTIONS') return { status: 204, headers: adminPreflightHeaders(req, access), body: '' };
    let res: MockResponse;
    try {
      res = await answer(req);
    } catch (error) {
      res = errorResponse(error, options.log);
    }
    res.headers = { ...access.headers, ...res.headers };
    return res;
  }

  return { handle };
}
