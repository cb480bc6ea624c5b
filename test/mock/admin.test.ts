import { describe, expect, it } from 'vitest';
import { JOURNAL_MAX_BODY_CHARS, RequestJournal } from '../../src/mock/engine/journal.js';
import { createContact, mockApi } from './helpers.js';

describe('/__admin', () => {
  it('health is open and counts', async () => {
    const res = await mockApi({ contacts: 5, adminToken: 't' }).call('get', '/__admin/health', { key: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', tenants: 2, contacts: 10 });
  });

  it('reset returns to the seeded state, or reseeds with another size', async () => {
    const api = mockApi({ contacts: 3 });
    const before = (await api.call('get', '/v2/contacts')).body;
    await createContact(api, { email: 'temp@example.com' });
    expect((await api.call('post', '/__admin/reset')).body).toMatchObject({ status: 'reset', contacts: 6 });
    expect((await api.call('get', '/v2/contacts')).body).toEqual(before);
    expect((await api.call('post', '/__admin/reset', { body: { contacts: 0 } })).body.contacts).toBe(0);
    const bad = await api.call('post', '/__admin/reset', { body: { contacts: -1 } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(['body', 'contacts']);
  });

  it('journals requests, newest first and bounded, without API keys', async () => {
    const api = mockApi();
    await createContact(api, { email: 'j@example.com' });
    await api.call('get', '/v2/contacts?pageSize=1');
    const res = await api.call('get', '/__admin/requests?limit=2');
    expect(res.body.capacity).toBe(1000);
    expect(res.body.requests.map((r: { method: string; url: string; status: number }) => `${r.method} ${r.url} ${r.status}`)).toEqual([
      'GET /v2/contacts?pageSize=1 200',
      'POST /v2/contacts 201',
    ]);
    expect(res.body.requests[1]).toMatchObject({ tenant: 'demo-a', body: { email: 'j@example.com' } });
    expect(JSON.stringify(res.body)).not.toContain('sk_test');
    await api.call('delete', '/__admin/requests');
    expect((await api.call('get', '/__admin/requests')).body.requests).toEqual([]);
    expect((await api.call('get', '/__admin/requests?limit=zero')).status).toBe(422);
  });

  it('takes any date for since, and refuses what is none naming since', async () => {
    const api = mockApi();
    expect((await api.call('get', '/__admin/requests?since=2026-01-01')).status).toBe(200);
    const bad = await api.call('get', '/__admin/requests?since=nope');
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ type: 'datetime_parsing', loc: ['query', 'since'] });
  });

  it('keeps at most 1000 requests', async () => {
    const journal = new RequestJournal();
    for (let i = 0; i < 1005; i++) journal.add({ at: '', method: 'GET', url: `/${i}`, status: 200, durationMs: 0, tenant: null, operationId: null }, undefined);
    const list = journal.list();
    expect(list).toHaveLength(1000);
    expect(list[0]!.url).toBe('/1004');
  });

  it('bounds the journal in size, not only in count: large bodies push old entries out', () => {
    const journal = new RequestJournal({ capacity: 1000, maxChars: 100_000 });
    const body = JSON.stringify({ notes: 'x'.repeat(9_000) });
    for (let i = 0; i < 1000; i++) journal.add({ at: '', method: 'POST', url: `/${i}`, status: 401, durationMs: 0, tenant: null, operationId: null }, body);
    const list = journal.list();
    expect(list.length).toBeGreaterThan(5);
    expect(list.length).toBeLessThan(12);
    expect(list[0]).toMatchObject({ url: '/999', body: { notes: 'x'.repeat(9_000) } });
    // a body over the per-entry bound is noted, not kept
    journal.add({ at: '', method: 'POST', url: '/big', status: 413, durationMs: 0, tenant: null, operationId: null }, 'y'.repeat(JOURNAL_MAX_BODY_CHARS + 1));
    expect(journal.list({ limit: 1 })[0]!.body).toBe(`[${JOURNAL_MAX_BODY_CHARS + 1} characters, not recorded]`);
  });

  it('verifies and unverifies a contact’s identity', async () => {
    const api = mockApi();
    const c = await createContact(api, { email: 'v@example.com' });
    expect((await api.call('post', `/__admin/contacts/${c.id}/verify-identity`)).body.identityVerified).toBe(true);
    expect((await api.call('get', `/v2/contacts/${c.id}`)).body.identityVerified).toBe(true);
    expect((await api.call('post', `/__admin/contacts/${c.id}/verify-identity`, { body: { verified: false } })).body.identityVerified).toBe(false);
    expect((await api.call('post', `/__admin/contacts/${c.id}/verify-identity`, { body: { verified: 'yes' } })).status).toBe(422);
    expect((await api.call('post', '/__admin/contacts/00000000-0000-4000-8000-000000000000/verify-identity')).status).toBe(404);
  });

  it('signs as a participant, with clear errors', async () => {
    const api = mockApi();
    const doc = (await api.call('post', '/v2/documents', { body: { name: 'D', participants: [{ email: 'a@example.com', name: 'A' }] } })).body;
    expect((await api.call('post', `/__admin/documents/${doc.id}/sign`, { body: {} })).status).toBe(422);
    expect((await api.call('post', `/__admin/documents/${doc.id}/sign`, { body: { email: 'nobody@example.com' } })).body).toEqual({ detail: 'Participant not found' });
    expect((await api.call('post', `/__admin/documents/${doc.id}/sign`, { body: { email: 'a@example.com' } })).body.status).toBe('SIGNED');
    expect((await api.call('post', `/__admin/documents/${doc.id}/sign`, { body: { email: 'a@example.com' } })).status).toBe(409);
    const frozen = await api.call('post', `/v2/documents/${doc.id}/participants`, { body: { participants: [{ email: 'b@example.com', name: 'B' }] } });
    expect(frozen.status).toBe(409);
  });

  it('lists tenants with their keys', async () => {
    const res = await mockApi().call('get', '/__admin/tenants');
    expect(res.body).toEqual([
      { tenant: 'demo-a', apiKey: 'sk_test_demo_a', email: 'owner@demo-a.example.com', contacts: 0 },
      { tenant: 'demo-b', apiKey: 'sk_test_demo_b', email: 'owner@demo-b.example.com', contacts: 0 },
    ]);
  });

  it('with a token, everything but health needs X-Admin-Token', async () => {
    const api = mockApi({ adminToken: 's3cret' });
    expect((await api.call('post', '/__admin/reset')).status).toBe(401);
    expect((await api.call('get', '/__admin/requests', { headers: { 'X-Admin-Token': 'nope' } })).status).toBe(401);
    expect((await api.call('post', '/__admin/reset', { headers: { 'X-Admin-Token': 's3cret' } })).status).toBe(200);
  });
});
