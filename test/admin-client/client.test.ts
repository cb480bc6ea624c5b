import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminError, createAdminClient, type AdminClient } from '../../src/admin-client/index.js';
import { createMock, createMockApp, fetchHandler, type Mock } from '../../src/mock/index.js';

const KEY_A = 'sk_test_demo_a';

/** An API call through the same transport as the client under test. */
function apiCaller(baseUrl: string, send: (request: Request) => Promise<Response>, key = KEY_A) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await send(
      new Request(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
}

// The same scenario over real HTTP and in-process (the client's `fetch` option, as with MSW).
const transports: [string, () => Promise<{ baseUrl: string; send: (r: Request) => Promise<Response>; mock: Mock; close(): Promise<void> }>][] = [
  [
    'over HTTP',
    async () => {
      const mock = createMock({ contacts: 3, adminToken: 't0ken' });
      const app = createMockApp({ mock });
      const server: Server = await new Promise((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      const { port } = server.address() as AddressInfo;
      return { baseUrl: `http://127.0.0.1:${port}`, send: (r) => fetch(r), mock, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    },
  ],
  [
    'in-process, through fetchHandler',
    async () => {
      const mock = createMock({ contacts: 3, adminToken: 't0ken' });
      return { baseUrl: 'http://mock.test', send: fetchHandler(mock), mock, close: async () => {} };
    },
  ],
];

describe.each(transports)('the admin client %s', (_name, start) => {
  let env: Awaited<ReturnType<typeof start>>;
  let admin: AdminClient;
  let api: ReturnType<typeof apiCaller>;

  beforeAll(async () => {
    env = await start();
    admin = createAdminClient({ baseUrl: `${env.baseUrl}/`, adminToken: 't0ken', fetch: env.send });
    api = apiCaller(env.baseUrl, env.send);
  });
  afterAll(() => env.close());

  it('reads health and tenants, typed', async () => {
    const health = await admin.health();
    expect(health).toMatchObject({ status: 'ok', tenants: 2, contacts: 6 });
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
    const tenants = await admin.tenants();
    expect(tenants.map((t) => [t.tenant, t.apiKey, t.contacts])).toEqual([
      ['demo-a', KEY_A, 3],
      ['demo-b', 'sk_test_demo_b', 3],
    ]);
  });

  it('reads the journal of the calls a page made, then clears it', async () => {
    await admin.clearRequests();
    await api('POST', '/v2/contacts', { email: 'journal@example.com' });
    await api('GET', '/v2/contacts?search=journal');
    const { requests, capacity } = await admin.requests({ limit: 5 });
    expect(capacity).toBeGreaterThan(0);
    expect(requests.map((r) => `${r.method} ${r.url} ${r.status} ${r.tenant}`)).toEqual(['GET /v2/contacts?search=journal 200 demo-a', 'POST /v2/contacts 201 demo-a']);
    expect(requests[1]!.body).toEqual({ email: 'journal@example.com' });
    expect(await admin.clearRequests()).toEqual({ status: 'cleared' });
    expect((await admin.requests()).requests).toEqual([]);
  });

  it('verifies an identity and signs a document', async () => {
    const contact = await api('POST', '/v2/contacts', { email: 'firma@example.com', full_name: 'Firma Pérez' });
    const verified = await admin.verifyIdentity(contact.body.id as string);
    expect(verified.identityVerified).toBe(true);
    expect((await admin.verifyIdentity(contact.body.id as string, false)).identityVerified).toBe(false);

    const doc = await api('POST', '/v2/documents', { name: 'Contrato', participants: [{ email: 'firma@example.com', name: 'Firma Pérez' }] });
    expect(doc.status).toBe(201);
    const signed = await admin.signDocument(doc.body.id as string, 'FIRMA@example.com');
    expect(signed.status).toBe('SIGNED');
    expect(signed.participants[0]!.signedAt).toEqual(expect.any(String));
  });

  it('makes, resets and removes a throwaway tenant with its own key', async () => {
    const worker = await admin.createTenant({ contacts: 2 });
    expect(worker).toMatchObject({ contacts: 2, apiKey: expect.any(String), tenant: expect.any(String) });
    const asWorker = apiCaller(env.baseUrl, env.send, worker.apiKey);
    expect((await asWorker('POST', '/v2/contacts', { email: 'worker@example.com' })).status).toBe(201);
    expect((await asWorker('GET', '/v2/contacts')).body.total).toBe(3);
    expect(await admin.resetTenant(worker.tenant, { contacts: 1 })).toEqual({ status: 'reset', tenant: worker.tenant, contacts: 1 });
    expect((await asWorker('GET', '/v2/contacts')).body.total).toBe(1);
    expect(await admin.deleteTenant(worker.tenant)).toEqual({ deleted: worker.tenant });
    expect((await asWorker('GET', '/v2/contacts')).status).toBe(401);
  });

  it('narrows the journal by tenant, operation and time', async () => {
    const since = new Date();
    await api('GET', '/v2/contacts?search=filtro');
    await apiCaller(env.baseUrl, env.send, 'sk_test_demo_b')('GET', '/v2/contacts/autocomplete?q=fi');
    const mine = await admin.requests({ tenant: 'demo-a', operation: 'listContacts', since });
    expect(mine.requests.map((r) => `${r.operationId} ${r.url}`)).toEqual(['listContacts /v2/contacts?search=filtro']);
    const theirs = await admin.requests({ tenant: 'demo-b', since: since.toISOString() });
    expect(theirs.requests.map((r) => r.operationId)).toEqual(['autocompleteContacts']);
  });

  it('keeps and restores snapshots, exports and loads state', async () => {
    const snapshot = await admin.saveSnapshot('before');
    expect(snapshot).toMatchObject({ name: 'before', createdAt: expect.any(String) });
    await api('POST', '/v2/contacts', { email: 'despues@example.com' });
    expect((await admin.snapshots()).snapshots.map((s) => s.name)).toContain('before');
    const restored = await admin.restoreSnapshot('before');
    expect(restored).toMatchObject({ status: 'restored', snapshot: 'before', contacts: snapshot.contacts });
    expect(await admin.deleteSnapshot('before')).toEqual({ deleted: 'before' });

    const state = await admin.exportState();
    expect(state.version).toBe(1);
    expect(state.tenants.map((t) => t.tenant)).toEqual(['demo-a', 'demo-b']);
    const loaded = await admin.loadFixtures(state);
    expect(loaded.loaded.tenants).toBe(2);
  });

  it('adds, lists and removes faults, which the API then shows', async () => {
    const fault = await admin.addFault({ tenant: 'demo-a', operationId: 'listContacts', status: 503, retryAfter: 2, times: 1 });
    expect(fault).toMatchObject({ id: expect.any(String), tenant: 'demo-a', status: 503, applied: 0 });
    expect((await admin.faults({ tenant: 'demo-a' })).faults.map((f) => f.id)).toEqual([fault.id]);
    expect((await api('GET', '/v2/contacts')).status).toBe(503);
    expect((await api('GET', '/v2/contacts')).status).toBe(200);
    const byKey = await admin.addFault({ apiKey: 'sk_test_demo_b', fault: 'empty' });
    expect(await admin.deleteFault(byKey.id)).toEqual({ deleted: byKey.id });
    await admin.addFault({ tenant: 'demo-b', delayMs: 1 });
    // the first fault was used up by its one request
    expect(await admin.clearFaults()).toEqual({ cleared: 1 });
  });

  it('resets the store (and the journal)', async () => {
    const result = await admin.reset({ contacts: 1 });
    expect(result).toMatchObject({ status: 'reset', tenants: 2, contacts: 2 });
    expect((await admin.tenants()).map((t) => t.contacts)).toEqual([1, 1]);
  });

  it('throws the status and the detail of a refusal', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const notFound = await admin.signDocument(unknown, 'a@example.com').catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(AdminError);
    expect(notFound).toMatchObject({ status: 404, detail: 'Document not found', method: 'POST', path: `/documents/${unknown}/sign` });
    expect((notFound as Error).message).toBe(`POST /__admin/documents/${unknown}/sign answered 404: Document not found`);

    const invalid = await admin.reset({ contacts: -1 }).catch((e: AdminError) => e);
    expect(invalid).toMatchObject({ status: 422 });
    expect((invalid as AdminError).detail).toEqual([expect.objectContaining({ loc: ['body', 'contacts'] })]);

    const noToken = createAdminClient({ baseUrl: env.baseUrl, fetch: env.send });
    await expect(noToken.tenants()).rejects.toMatchObject({ status: 401, detail: 'Missing or wrong X-Admin-Token header' });
    // health stays open
    expect((await noToken.health()).status).toBe('ok');
  });
});
