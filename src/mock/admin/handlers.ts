import type { Contract, ValidationIssue } from '../../contract/index.js';
import type { ControlPlane } from '../domain/control-plane.js';
import { MAX_TENANT_SEED } from '../domain/control-plane.js';
import type { FaultRegistry } from '../engine/faults.js';
import { ApiError, Errors } from '../engine/http-errors.js';
import type { RequestJournal } from '../engine/journal.js';
import type { MockRequest } from '../engine/types.js';
import { contactDetail, documentView } from '../engine/views.js';
import { parseFaultSpec } from './fault-spec.js';

export interface AdminContext {
  req: MockRequest;
  params: string[];
  body: Record<string, unknown>;
  /** the body as sent, when a route takes a whole document (fixtures) */
  raw: unknown;
}

export interface Route {
  method: string;
  pattern: RegExp;
  status?: number;
  run(ctx: AdminContext): Promise<unknown> | unknown;
}

function fail(issues: ValidationIssue[]): never {
  throw Errors.validation(issues);
}

function intOrUndefined(value: unknown, where: ['body' | 'query', string], min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && where[0] === 'query' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) fail([{ type: 'int_type', loc: where, msg: `Input should be an integer from ${min} to ${max}`, input: value }]);
  return n;
}

function stringOrUndefined(value: unknown, where: ['body' | 'query', string]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') fail([{ type: 'string_type', loc: where, msg: 'Input should be a non-empty string', input: value }]);
  return value;
}

const query = (req: MockRequest, name: string) => req.query[name];

/** Every route of /__admin but health, relative to it. */
export function adminRoutes(control: ControlPlane, journal: RequestJournal, faults: FaultRegistry, contract: Contract): Route[] {
  const operations = new Set(contract.operations.map((op) => op.operationId));
  return [
    {
      method: 'POST',
      pattern: /^\/reset$/,
      run: async ({ body }) => {
        const counts = await control.reset(intOrUndefined(body.contacts, ['body', 'contacts'], 0, 1_000_000));
        journal.clear();
        faults.clear();
        return { status: 'reset', ...counts };
      },
    },

    // ---- tenants
    {
      method: 'GET',
      pattern: /^\/tenants$/,
      run: async () => Promise.all((await control.apiKeys()).map(async (k) => ({ tenant: k.tenant, apiKey: k.key, email: k.email, contacts: await control.contactCount(k.tenant) }))),
    },
    {
      method: 'POST',
      pattern: /^\/tenants$/,
      status: 201,
      run: async ({ body }) => {
        const created = await control.createTenant({
          tenant: stringOrUndefined(body.tenant, ['body', 'tenant']),
          email: stringOrUndefined(body.email, ['body', 'email']),
          contacts: intOrUndefined(body.contacts, ['body', 'contacts'], 0, MAX_TENANT_SEED),
        });
        return { tenant: created.tenant, apiKey: created.key, email: created.email, contacts: created.contacts };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/tenants\/([^/]+)$/,
      run: async ({ params }) => {
        await control.deleteTenant(params[0]!);
        return { deleted: params[0] };
      },
    },
    {
      method: 'POST',
      pattern: /^\/tenants\/([^/]+)\/reset$/,
      run: async ({ params, body }) => ({ status: 'reset', tenant: params[0], contacts: await control.resetTenant(params[0]!, intOrUndefined(body.contacts, ['body', 'contacts'], 0, 1_000_000)) }),
    },

    // ---- state in and out
    { method: 'GET', pattern: /^\/export$/, run: () => control.exportState() },
    { method: 'POST', pattern: /^\/fixtures$/, run: async ({ raw }) => ({ loaded: await control.loadFixtures(raw) }) },
    {
      method: 'POST',
      pattern: /^\/snapshots$/,
      status: 201,
      run: ({ body }) => control.saveSnapshot(stringOrUndefined(body.name, ['body', 'name']) ?? fail([{ type: 'missing', loc: ['body', 'name'], msg: 'Field required', input: body }])),
    },
    { method: 'GET', pattern: /^\/snapshots$/, run: async () => ({ snapshots: await control.listSnapshots() }) },
    { method: 'POST', pattern: /^\/snapshots\/([^/]+)\/restore$/, run: async ({ params }) => ({ status: 'restored', snapshot: params[0], ...(await control.restoreSnapshot(params[0]!)) }) },
    {
      method: 'DELETE',
      pattern: /^\/snapshots\/([^/]+)$/,
      run: async ({ params }) => {
        await control.deleteSnapshot(params[0]!);
        return { deleted: params[0] };
      },
    },

    // ---- what clients sent, and failures to rehearse
    {
      method: 'GET',
      pattern: /^\/requests$/,
      run: ({ req }) => {
        const since = stringOrUndefined(query(req, 'since'), ['query', 'since']);
        if (since !== undefined && Number.isNaN(Date.parse(since))) fail([{ type: 'datetime_parsing', loc: ['query', 'since'], msg: 'Input should be a valid datetime', input: since }]);
        const operation = stringOrUndefined(query(req, 'operation'), ['query', 'operation']);
        if (operation !== undefined && !operations.has(operation)) fail([{ type: 'enum', loc: ['query', 'operation'], msg: `Input should be an operation of the contract (${[...operations].join(', ')})`, input: operation }]);
        const requests = journal.list({
          limit: intOrUndefined(query(req, 'limit'), ['query', 'limit'], 1, journal.capacity),
          tenant: stringOrUndefined(query(req, 'tenant'), ['query', 'tenant']),
          operationId: operation,
          since: since === undefined ? undefined : new Date(since).toISOString(),
        });
        return { requests, capacity: journal.capacity };
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
      pattern: /^\/faults$/,
      status: 201,
      run: async ({ body }) => {
        const keys = await control.apiKeys();
        return faults.add(parseFaultSpec(body, { tenantOfKey: (key) => keys.find((k) => k.key === key)?.tenant, tenants: new Set(keys.map((k) => k.tenant)), operations }));
      },
    },
    { method: 'GET', pattern: /^\/faults$/, run: ({ req }) => ({ faults: faults.list(stringOrUndefined(query(req, 'tenant'), ['query', 'tenant'])) }) },
    { method: 'DELETE', pattern: /^\/faults$/, run: ({ req }) => ({ cleared: faults.clear(stringOrUndefined(query(req, 'tenant'), ['query', 'tenant'])) }) },
    {
      method: 'DELETE',
      pattern: /^\/faults\/([^/]+)$/,
      run: ({ params }) => {
        if (!faults.remove(params[0]!)) throw new ApiError(404, 'Fault not found');
        return { deleted: params[0] };
      },
    },

    // ---- what the public API cannot do
    {
      method: 'POST',
      pattern: /^\/contacts\/([^/]+)\/verify-identity$/,
      run: async ({ params, body }) => {
        if (body.verified !== undefined && typeof body.verified !== 'boolean') fail([{ type: 'bool_type', loc: ['body', 'verified'], msg: 'Input should be a valid boolean', input: body.verified }]);
        return contactDetail(await control.setIdentityVerified(params[0]!, (body.verified as boolean | undefined) ?? true));
      },
    },
    {
      method: 'POST',
      pattern: /^\/documents\/([^/]+)\/sign$/,
      run: async ({ params, body }) => {
        if (typeof body.email !== 'string' || !body.email) fail([{ type: 'missing', loc: ['body', 'email'], msg: 'Field required: the email of the participant who signs', input: body }]);
        return documentView(await control.signDocument(params[0]!, body.email as string));
      },
    },
  ];
}
