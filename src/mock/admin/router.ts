import type { Contract } from '../../contract/index.js';
import type { Service } from '../domain/service.js';
import type { FaultRegistry } from '../engine/faults.js';
import { ApiError, Errors } from '../engine/http-errors.js';
import type { RequestJournal } from '../engine/journal.js';
import { errorResponse, json, readJson } from '../engine/respond.js';
import type { MockRequest, MockResponse } from '../engine/types.js';
import { contactDetail, documentView } from '../engine/views.js';
import { constantTimeEqual } from './constant-time.js';
import { parseFaultSpec } from './fault-spec.js';
import { adminAccess, adminPreflightHeaders } from './guard.js';

export interface AdminOptions {
  /** protects every route but health with the X-Admin-Token header */
  adminToken?: string | undefined;
  /** web origins whose pages may call the control plane */
  adminOrigins: readonly string[];
  contract: Contract;
  log?: ((line: string) => void) | undefined;
}

interface AdminContext {
  req: MockRequest;
  params: string[];
  body: Record<string, unknown>;
}

type Route = { method: string; pattern: RegExp; status?: number; run: (ctx: AdminContext) => Promise<unknown> | unknown };

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw Errors.badRequest(`Failed to decode path parameter ${JSON.stringify(segment)}`);
  }
}

function intOrUndefined(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw Errors.validation([{ type: 'int_type', loc: ['body', field], msg: `Input should be an integer from ${min} to ${max}`, input: value }]);
  }
  return value;
}

/**
 * The control plane under /__admin (WireMock's convention): what a frontend needs to drive states
 * the public API cannot reach. Paths here are relative to /__admin.
 */
export function createAdmin(service: Service, journal: RequestJournal, faults: FaultRegistry, options: AdminOptions) {
  const started = Date.now();
  const operations = new Set(options.contract.operations.map((op) => op.operationId));
  const tenantQuery = (req: MockRequest) => (typeof req.query.tenant === 'string' ? req.query.tenant : undefined);

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/tenants$/,
      run: async () => {
        const keys = await service.apiKeys();
        return Promise.all(
          keys.map(async (k) => ({ tenant: k.tenant, apiKey: k.key, email: k.email, contacts: (await service.listContacts(k.tenant, { page: 1, pageSize: 1 })).total })),
        );
      },
    },
    {
      method: 'POST',
      pattern: /^\/reset$/,
      run: async ({ body }) => {
        const counts = await service.reset(intOrUndefined(body.contacts, 'contacts', 0, 1_000_000));
        journal.clear();
        faults.clear();
        return { status: 'reset', ...counts };
      },
    },
    {
      method: 'POST',
      pattern: /^\/faults$/,
      status: 201,
      run: async ({ body }) => {
        const keys = await service.apiKeys();
        const spec = parseFaultSpec(body, {
          tenantOfKey: (key) => keys.find((k) => k.key === key)?.tenant,
          tenants: new Set(keys.map((k) => k.tenant)),
          operations,
        });
        return faults.add(spec);
      },
    },
    { method: 'GET', pattern: /^\/faults$/, run: ({ req }) => ({ faults: faults.list(tenantQuery(req)) }) },
    { method: 'DELETE', pattern: /^\/faults$/, run: ({ req }) => ({ cleared: faults.clear(tenantQuery(req)) }) },
    {
      method: 'DELETE',
      pattern: /^\/faults\/([^/]+)$/,
      run: ({ params }) => {
        if (!faults.remove(params[0]!)) throw new ApiError(404, 'Fault not found');
        return { deleted: params[0] };
      },
    },
    {
      method: 'GET',
      pattern: /^\/requests$/,
      run: ({ req }) => {
        const raw = req.query.limit;
        const limit = raw === undefined ? undefined : Number(raw);
        if (limit !== undefined && (typeof raw !== 'string' || !/^\d+$/.test(raw) || limit < 1)) {
          throw Errors.validation([{ type: 'int_parsing', loc: ['query', 'limit'], msg: 'Input should be a positive integer', input: raw }]);
        }
        return { requests: journal.list(limit), capacity: journal.capacity };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/requests$/,
      run: () => {
        journal.clear();
        return { status: 'cleared' };
      },
    },
    {
      method: 'POST',
      pattern: /^\/contacts\/([^/]+)\/verify-identity$/,
      run: async ({ params, body }) => {
        if (body.verified !== undefined && typeof body.verified !== 'boolean') {
          throw Errors.validation([{ type: 'bool_type', loc: ['body', 'verified'], msg: 'Input should be a valid boolean', input: body.verified }]);
        }
        return contactDetail(await service.setIdentityVerified(params[0]!, body.verified ?? true));
      },
    },
    {
      method: 'POST',
      pattern: /^\/documents\/([^/]+)\/sign$/,
      run: async ({ params, body }) => {
        if (typeof body.email !== 'string' || !body.email) {
          throw Errors.validation([{ type: 'missing', loc: ['body', 'email'], msg: 'Field required: the email of the participant who signs', input: body }]);
        }
        return documentView(await service.signDocument(params[0]!, body.email));
      },
    },
  ];

  /** Answers a request under /__admin (`path` without the prefix), or undefined for an unknown path. */
  async function answer(req: MockRequest, path: string, body: unknown): Promise<{ status: number; body: unknown } | undefined> {
    if (path === '/health' && req.method === 'GET') {
      return { status: 200, body: { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000), ...(await service.counts()) } };
    }
    if (options.adminToken && !constantTimeEqual(req.headers['x-admin-token'] ?? '', options.adminToken)) throw Errors.adminTokenRequired();
    const matching = routes.filter((r) => r.pattern.test(path));
    if (matching.length === 0) return undefined;
    const route = matching.find((r) => r.method === req.method);
    if (!route) throw Errors.methodNotAllowed(matching.map((r) => r.method));
    const params = route.pattern.exec(path)!.slice(1).map(decodeSegment);
    const dict = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    return { status: route.status ?? 200, body: await route.run({ req, params, body: dict }) };
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
