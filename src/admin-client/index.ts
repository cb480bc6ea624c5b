// A typed client for the mock's control plane (/__admin): fetch only, so it runs in Node, in a
// browser page and against MSW handlers alike. Each route is one method over `call`.
import type {
  AdminCleared,
  AdminDeleted,
  AdminFault,
  AdminFaultSpec,
  AdminFixturesLoaded,
  AdminHealth,
  AdminJournal,
  AdminJournalQuery,
  AdminNewTenant,
  AdminReady,
  AdminResetResult,
  AdminSignedDocument,
  AdminSnapshot,
  AdminSnapshotRestored,
  AdminState,
  AdminTenant,
  AdminTenantResetResult,
  AdminVerifiedContact,
} from '../types/admin.js';

export type * from '../types/admin.js';

export interface AdminClientOptions {
  /** the mock's base URL, e.g. `http://127.0.0.1:4010` (its control plane is under `/__admin`) */
  baseUrl: string;
  /** the mock's `--admin-token`, sent as `X-Admin-Token` */
  adminToken?: string;
  /** the fetch to use (default: the global one); e.g. `fetchHandler(mock)` for an in-process mock */
  fetch?: (request: Request) => Promise<Response>;
}

/** A refusal from the control plane: the HTTP status and the `detail` the mock sent. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly detail: unknown,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} /__admin${path} answered ${status}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
    this.name = 'AdminError';
  }
}

type Query = Record<string, string | number | undefined>;

export interface AdminClient {
  /** GET /__admin/health: liveness, with counts and uptime; open even with an admin token */
  health(): Promise<AdminHealth>;
  /** GET /__admin/ready: readiness (an AdminError of status 503 while the store does not answer); open even with an admin token */
  ready(): Promise<AdminReady>;
  /** POST /__admin/reset: everything back to the seeded state (reseeded with `contacts` per tenant when given); throwaway tenants, faults and the journal go */
  reset(options?: { contacts?: number }): Promise<AdminResetResult>;

  /** GET /__admin/tenants: every tenant with its key, key owner and contact count */
  tenants(): Promise<AdminTenant[]>;
  /** POST /__admin/tenants: a throwaway tenant with a fresh API key, for one test worker */
  createTenant(options?: AdminNewTenant): Promise<AdminTenant>;
  /** DELETE /__admin/tenants/{tenant}: the tenant and all it holds */
  deleteTenant(tenant: string): Promise<AdminDeleted>;
  /** POST /__admin/tenants/{tenant}/reset: that tenant alone back to its seed */
  resetTenant(tenant: string, options?: { contacts?: number }): Promise<AdminTenantResetResult>;

  /** GET /__admin/export: the whole state */
  exportState(): Promise<AdminState>;
  /** POST /__admin/fixtures: loads a state; its tenants replace those of the same name */
  loadFixtures(state: AdminState): Promise<AdminFixturesLoaded>;
  /** POST /__admin/snapshots: keeps a copy of the whole store under a name */
  saveSnapshot(name: string): Promise<AdminSnapshot>;
  /** GET /__admin/snapshots */
  snapshots(): Promise<{ snapshots: AdminSnapshot[] }>;
  /** POST /__admin/snapshots/{name}/restore */
  restoreSnapshot(name: string): Promise<AdminSnapshotRestored>;
  /** DELETE /__admin/snapshots/{name} */
  deleteSnapshot(name: string): Promise<AdminDeleted>;

  /** GET /__admin/requests: the request journal, newest first, narrowed by tenant, operation and time */
  requests(query?: AdminJournalQuery): Promise<AdminJournal>;
  /** DELETE /__admin/requests: empties the journal */
  clearRequests(): Promise<AdminCleared>;

  /** POST /__admin/faults: a failure to rehearse */
  addFault(spec: AdminFaultSpec): Promise<AdminFault>;
  /** GET /__admin/faults */
  faults(options?: { tenant?: string }): Promise<{ faults: AdminFault[] }>;
  /** DELETE /__admin/faults: all of them, or a tenant's */
  clearFaults(options?: { tenant?: string }): Promise<{ cleared: number }>;
  /** DELETE /__admin/faults/{id} */
  deleteFault(id: string): Promise<AdminDeleted>;

  /** POST /__admin/contacts/{id}/verify-identity: sets the identity of the user behind a contact */
  verifyIdentity(contactId: string, verified?: boolean): Promise<AdminVerifiedContact>;
  /** POST /__admin/documents/{id}/sign: that participant signs now */
  signDocument(documentId: string, email: string): Promise<AdminSignedDocument>;
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readDetail(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as { detail?: unknown };
    return parsed && typeof parsed === 'object' && 'detail' in parsed ? parsed.detail : parsed;
  } catch {
    return text;
  }
}

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const root = `${options.baseUrl.replace(/\/+$/, '')}/__admin`;
  const send = options.fetch ?? ((request: Request) => fetch(request));

  async function call<T>(method: string, path: string, init: { query?: Query; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.adminToken !== undefined) headers['x-admin-token'] = options.adminToken;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const request = new Request(`${root}${path}${queryString(init.query)}`, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const response = await send(request);
    if (!response.ok) throw new AdminError(response.status, await readDetail(response), method, path);
    return (await response.json()) as T;
  }

  const segment = (value: string) => encodeURIComponent(value);

  return {
    health: () => call('GET', '/health'),
    ready: () => call('GET', '/ready'),
    reset: (reset = {}) => call('POST', '/reset', { body: reset }),

    tenants: () => call('GET', '/tenants'),
    createTenant: (tenant = {}) => call('POST', '/tenants', { body: tenant }),
    deleteTenant: (tenant) => call('DELETE', `/tenants/${segment(tenant)}`),
    resetTenant: (tenant, reset = {}) => call('POST', `/tenants/${segment(tenant)}/reset`, { body: reset }),

    exportState: () => call('GET', '/export'),
    loadFixtures: (state) => call('POST', '/fixtures', { body: state }),
    saveSnapshot: (name) => call('POST', '/snapshots', { body: { name } }),
    snapshots: () => call('GET', '/snapshots'),
    restoreSnapshot: (name) => call('POST', `/snapshots/${segment(name)}/restore`),
    deleteSnapshot: (name) => call('DELETE', `/snapshots/${segment(name)}`),

    requests: ({ limit, tenant, operation, since } = {}) =>
      call('GET', '/requests', { query: { limit, tenant, operation, since: since instanceof Date ? since.toISOString() : since } }),
    clearRequests: () => call('DELETE', '/requests'),

    addFault: (spec) => call('POST', '/faults', { body: spec }),
    faults: ({ tenant } = {}) => call('GET', '/faults', { query: { tenant } }),
    clearFaults: ({ tenant } = {}) => call('DELETE', '/faults', { query: { tenant } }),
    deleteFault: (id) => call('DELETE', `/faults/${segment(id)}`),

    verifyIdentity: (contactId, verified = true) => call('POST', `/contacts/${segment(contactId)}/verify-identity`, { body: { verified } }),
    signDocument: (documentId, email) => call('POST', `/documents/${segment(documentId)}/sign`, { body: { email } }),
  };
}
