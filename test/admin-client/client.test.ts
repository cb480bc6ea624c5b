import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminError, createAdminClient, type AdminClient } from '../../src/admin-client/index.js';
import { createMock, createMockApp, fetchHandler, type Mock } from '../../src/mock/index.js';

const KEY_A = 'sk_test_demo_a';

/** An API call through the same transport as the client under test. */
function apiCaller(baseUrl: string, send: (request: Request) => Promise<Response>) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await send(
      new Request(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${KEY_A}`, 'content-type': 'application/json' },
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
