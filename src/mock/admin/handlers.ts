import type { ValidationIssue } from '../../contract/index.js';
import type { AdminOperationId, AdminOperations, AdminState } from '../../types/admin.js';
import type { ControlPlane } from '../domain/control-plane.js';
import type { FaultRegistry } from '../engine/faults.js';
import { Errors } from '../engine/http-errors.js';
import type { RequestJournal } from '../engine/journal.js';
import { contactDetail, documentView } from '../engine/views.js';
import { faultRules, toFaultSpec } from './fault-spec.js';

// One answer per operation of openapi/admin.yaml, typed from its generated operations: the
// pipeline (pipeline.ts) has validated path, query and body against that contract before a
// handler runs, so a handler reads typed values and speaks only to the control plane.

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Present<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;
type Op<K extends AdminOperationId> = AdminOperations[K];
type SuccessStatus<K extends AdminOperationId> = Extract<keyof Op<K>['responses'], 200 | 201>;

export interface AdminContext<K extends AdminOperationId> {
  params: Present<Op<K>['parameters']['path']>;
  query: Present<Op<K>['parameters']['query']>;
  /** undefined when the operation takes no body, or an optional one was not sent */
  body: Op<K> extends { requestBody?: infer R } ? Json<NonNullable<R>> | undefined : undefined;
}

export type AdminReply<K extends AdminOperationId> = { [S in SuccessStatus<K>]: { status: S; body: Json<Op<K>['responses'][S]> } }[SuccessStatus<K>];

export interface AdminHandler<K extends AdminOperationId> {
  (ctx: AdminContext<K>): Promise<AdminReply<K>> | AdminReply<K>;
  /** the rules a schema cannot say (across fields, against state), checked on the request as sent and reported with the schema's issues */
  rules?: (body: unknown, query: Record<string, string | string[]>) => Promise<ValidationIssue[]> | ValidationIssue[];
}

export type AdminHandlers = { [K in AdminOperationId]: AdminHandler<K> };

/** Every operation of the control plane, answered. */
export function adminHandlers(control: ControlPlane, journal: RequestJournal, faults: FaultRegistry, started: number): AdminHandlers {
  const addFault: AdminHandler<'adminAddFault'> = async ({ body }) => {
    return { status: 201, body: faults.add(toFaultSpec(body!, await control.apiKeys())) };
  };
  addFault.rules = async (body) => faultRules(body, await control.apiKeys());

  const listRequests: AdminHandler<'adminListRequests'> = ({ query }) => ({
    status: 200,
    body: {
      requests: journal.list({ limit: query.limit, tenant: query.tenant, operationId: query.operation, since: query.since === undefined ? undefined : new Date(query.since).toISOString() }),
      capacity: journal.capacity,
    },
  });
  // any date Date reads, as the journal always took
  listRequests.rules = (_body, query) =>
    typeof query.since === 'string' && query.since !== '' && Number.isNaN(Date.parse(query.since))
      ? [{ type: 'datetime_parsing', loc: ['query', 'since'], msg: 'Input should be a valid datetime', input: query.since }]
      : [];

  return {
    adminHealth: async () => ({ status: 200, body: { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000), ...(await control.counts()) } }),

    adminReset: async ({ body }) => {
      const counts = await control.reset(body?.contacts);
      journal.clear();
      faults.clear();
      return { status: 200, body: { status: 'reset', ...counts } };
    },

    // ---- tenants
    adminListTenants: async () => ({
      status: 200,
      body: await Promise.all((await control.apiKeys()).map(async (k) => ({ tenant: k.tenant, apiKey: k.key, email: k.email, contacts: await control.contactCount(k.tenant) }))),
    }),
    adminCreateTenant: async ({ body }) => {
      const created = await control.createTenant({ tenant: body?.tenant, email: body?.email, contacts: body?.contacts });
      return { status: 201, body: { tenant: created.tenant, apiKey: created.key, email: created.email, contacts: created.contacts } };
    },
    adminDeleteTenant: async ({ params }) => {
      await control.deleteTenant(params.tenant);
      return { status: 200, body: { deleted: params.tenant } };
    },
    adminResetTenant: async ({ params, body }) => ({ status: 200, body: { status: 'reset', tenant: params.tenant, contacts: await control.resetTenant(params.tenant, body?.contacts) } }),

    // ---- state in and out
    // the store's records are interfaces, without the index signature the wire's loose records have: the same objects
    adminExport: async () => ({ status: 200, body: (await control.exportState()) as unknown as AdminState }),
    adminLoadFixtures: async ({ body }) => ({ status: 200, body: { loaded: await control.loadFixtures(body) } }),
    adminSaveSnapshot: async ({ body }) => ({ status: 201, body: await control.saveSnapshot(body!.name) }),
    adminListSnapshots: async () => ({ status: 200, body: { snapshots: await control.listSnapshots() } }),
    adminRestoreSnapshot: async ({ params }) => ({ status: 200, body: { status: 'restored', snapshot: params.name, ...(await control.restoreSnapshot(params.name)) } }),
    adminDeleteSnapshot: async ({ params }) => {
      await control.deleteSnapshot(params.name);
      return { status: 200, body: { deleted: params.name } };
    },

    // ---- what clients sent, and failures to rehearse
    adminListRequests: listRequests,
    adminClearRequests: () => {
      journal.clear();
      return { status: 200, body: { status: 'cleared' } };
    },
    adminAddFault: addFault,
    adminListFaults: ({ query }) => ({ status: 200, body: { faults: faults.list(query.tenant) } }),
    adminClearFaults: ({ query }) => ({ status: 200, body: { cleared: faults.clear(query.tenant) } }),
    adminDeleteFault: ({ params }) => {
      if (!faults.remove(params.id)) throw Errors.faultNotFound();
      return { status: 200, body: { deleted: params.id } };
    },

    // ---- what the public API cannot do
    adminVerifyIdentity: async ({ params, body }) => ({ status: 200, body: contactDetail(await control.setIdentityVerified(params.contact_id, body?.verified ?? true)) }),
    adminSignDocument: async ({ params, body }) => ({ status: 200, body: documentView(await control.signDocument(params.document_id, body!.email)) }),
  };
}
