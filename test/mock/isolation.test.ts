import { describe, expect, it } from 'vitest';
import { KEY_B, createContact, mockApi, type MockApi } from './helpers.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Tenant B's answer for A's contact must be exactly its answer for an id that exists nowhere. */
async function sameAsUnknown(api: MockApi, method: 'get' | 'put' | 'delete' | 'patch', path: (id: string) => string, body?: unknown) {
  const foreign = await api.call(method, path(api.contactId!), { key: KEY_B, body });
  const unknown = await api.call(method, path(UNKNOWN), { key: KEY_B, body });
  expect(foreign.status).toBe(404);
  expect(foreign.body).toEqual({ detail: 'Contact not found' });
  expect(foreign.body).toEqual(unknown.body);
}

declare module './helpers.js' {
  interface MockApi {
    contactId?: string;
  }
}

async function setup() {
  const api = mockApi();
  const a = await createContact(api, { email: 'secreto@empresa-a.com', full_name: 'Secreto Álvarez', company: 'Empresa A', tags: ['a-only'] });
  api.contactId = a.id;
  return { api, a };
}

describe('tenant isolation', () => {
  it.each([
    ['get', 'get', (id: string) => `/v2/contacts/${id}`, undefined],
    ['update', 'put', (id: string) => `/v2/contacts/${id}`, { company: 'Hijacked' }],
    ['patch custom fields', 'patch', (id: string) => `/v2/contacts/${id}/custom-fields`, { set: { x: 1 } }],
    ['documents', 'get', (id: string) => `/v2/contacts/${id}/documents`, undefined],
    ['delete', 'delete', (id: string) => `/v2/contacts/${id}`, undefined],
  ] as const)('B cannot %s A’s contact, and the error is the unknown-id one', async (_what, method, path, body) => {
    const { api, a } = await setup();
    await sameAsUnknown(api, method, path, body);
    const still = await api.call('get', `/v2/contacts/${a.id}`);
    expect(still.status).toBe(200);
    expect(still.body.company).toBe('Empresa A');
    expect(still.body.customFields).toEqual({});
  });

  it('B does not see A’s contacts in list, search, tag filter, counts or autocomplete', async () => {
    const { api } = await setup();
    expect((await api.call('get', '/v2/contacts', { key: KEY_B })).body.total).toBe(0);
    expect((await api.call('get', '/v2/contacts?search=secreto', { key: KEY_B })).body.data).toEqual([]);
    expect((await api.call('get', '/v2/contacts?tag=a-only', { key: KEY_B })).body.total).toBe(0);
    expect((await api.call('get', '/v2/contacts/autocomplete?q=secr', { key: KEY_B })).body).toEqual([]);
  });

  it('B may create the same email as its own contact; both stay separate', async () => {
    const { api, a } = await setup();
    const b = await createContact(api, { email: 'secreto@empresa-a.com' }, KEY_B);
    expect(b.id).not.toBe(a.id);
    const bulk = await api.call('post', '/v2/contacts/bulk', { key: KEY_B, body: { contacts: [{ email: 'secreto@empresa-a.com' }] } });
    expect(bulk.body.details[0].contactId).toBe(b.id);
  });

  it('bulk update and delete from B report A’s ids as Contact not found and change nothing', async () => {
    const { api, a } = await setup();
    const update = await api.call('patch', '/v2/contacts/bulk', { key: KEY_B, body: { contacts: [{ id: a.id, company: 'X' }, { id: UNKNOWN, company: 'X' }] } });
    expect(update.body.details).toEqual([
      { contactId: a.id, email: null, success: false, error: 'Contact not found' },
      { contactId: UNKNOWN, email: null, success: false, error: 'Contact not found' },
    ]);
    const del = await api.call('delete', '/v2/contacts/bulk', { key: KEY_B, body: { contactIds: [a.id] } });
    expect(del.body).toMatchObject({ success: false, failedCount: 1, details: [{ error: 'Contact not found' }] });
    expect((await api.call('get', `/v2/contacts/${a.id}`)).body.company).toBe('Empresa A');
  });

  it('B cannot read or change A’s documents', async () => {
    const { api } = await setup();
    const doc = await api.call('post', '/v2/documents', { body: { name: 'Secreto', participants: [{ email: 'x@example.com', name: 'X' }] } });
    expect((await api.call('get', `/v2/documents/${doc.body.id}`, { key: KEY_B })).status).toBe(404);
    const add = await api.call('post', `/v2/documents/${doc.body.id}/participants`, { key: KEY_B, body: { participants: [{ email: 'y@example.com', name: 'Y' }] } });
    expect(add.status).toBe(404);
    expect((await api.call('delete', `/v2/documents/${doc.body.id}/participants/x%40example.com`, { key: KEY_B })).status).toBe(404);
    expect((await api.call('get', `/v2/documents/${doc.body.id}`)).body.participants).toHaveLength(1);
  });
});

describe('authentication', () => {
  it.each([
    [null, 'Not authenticated'],
    ['sk_wrong', 'Invalid API key'],
  ])('key %s → 401 %s', async (key, detail) => {
    const res = await mockApi().call('get', '/v2/contacts', { key });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail });
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('a Basic header is not a bearer key', async () => {
    const res = await mockApi().call('get', '/v2/contacts', { key: null, headers: { Authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
  });

  it('custom API keys map to their tenants and owners', async () => {
    const api = mockApi({ apiKeys: [{ tenant: 'acme', key: 'k1', email: 'boss@acme.example.com' }] });
    expect((await api.call('get', '/v2/contacts', { key: 'sk_test_demo_a' })).status).toBe(401);
    const doc = await api.call('post', '/v2/documents', { key: 'k1', body: { name: 'D', participants: [{ email: 'a@example.com', name: 'A' }] } });
    expect(doc.body.participants[0].invitedBy).toBe('boss@acme.example.com');
  });
});
