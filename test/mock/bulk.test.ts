import { describe, expect, it } from 'vitest';
import { createContact, mockApi } from './helpers.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('bulk create', () => {
  it('creates items independently, in input order, with the documented envelope', async () => {
    const api = mockApi();
    const res = await api.call('post', '/v2/contacts/bulk', {
      body: {
        contacts: [
          { email: 'ana@x.com', fullName: 'Ana García', tags: ['cliente'] },
          { email: 'bad@email', fullName: 'Bad' },
          { email: 'beto@x.com', full_name: 'Beto López', company: 'Acme' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, message: '2 succeeded, 1 failed', succeededCount: 2, failedCount: 1 });
    expect(res.body.details.map((d: { email: string; success: boolean }) => [d.email, d.success])).toEqual([
      ['ana@x.com', true],
      ['bad@email', false],
      ['beto@x.com', true],
    ]);
    expect(res.body.details[1]).toEqual({ contactId: null, email: 'bad@email', success: false, error: 'Invalid email' });
    expect(res.body.details[0]).not.toHaveProperty('error');
    const beto = await api.call('get', `/v2/contacts/${res.body.details[2].contactId}`);
    expect(beto.body).toMatchObject({ fullName: 'Beto López', company: 'Acme', source: 'api' });
  });

  it('is idempotent by email: an existing contact comes back with its current id', async () => {
    const api = mockApi();
    const existing = await createContact(api, { email: 'Ana@X.com', full_name: 'Ana' });
    const body = { contacts: [{ email: 'ana@x.com' }, { email: 'new@x.com' }, { email: 'NEW@x.com' }] };
    const first = await api.call('post', '/v2/contacts/bulk', { body });
    expect(first.body.details[0]).toMatchObject({ contactId: existing.id, success: true });
    expect(first.body.details[2].contactId).toBe(first.body.details[1].contactId);
    const again = await api.call('post', '/v2/contacts/bulk', { body });
    expect(again.body.details.map((d: { contactId: string }) => d.contactId)).toEqual(first.body.details.map((d: { contactId: string }) => d.contactId));
    expect((await api.call('get', '/v2/contacts')).body.total).toBe(2);
  });

  it('all failing is success false', async () => {
    const res = await mockApi().call('post', '/v2/contacts/bulk', { body: { contacts: [{ email: 'x' }] } });
    expect(res.body).toMatchObject({ success: false, message: '0 succeeded, 1 failed', failedCount: 1 });
  });

  it.each([0, 101])('rejects %i items with 422 and writes nothing', async (n) => {
    const api = mockApi();
    const contacts = Array.from({ length: n }, (_, i) => ({ email: `c${i}@example.com` }));
    const res = await api.call('post', '/v2/contacts/bulk', { body: { contacts } });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'contacts']);
    expect((await api.call('get', '/v2/contacts')).body.total).toBe(0);
  });

  it('takes 100 items', async () => {
    const contacts = Array.from({ length: 100 }, (_, i) => ({ email: `c${i}@example.com` }));
    const res = await mockApi().call('post', '/v2/contacts/bulk', { body: { contacts } });
    expect(res.body.succeededCount).toBe(100);
  });

  it('a structurally bad item rejects the whole request, naming it', async () => {
    const api = mockApi();
    const res = await api.call('post', '/v2/contacts/bulk', { body: { contacts: [{ email: 'ok@example.com' }, { fullName: 'no email' }] } });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'contacts', 1, 'email']);
    expect((await api.call('get', '/v2/contacts')).body.total).toBe(0);
  });
});

describe('bulk update', () => {
  it('updates only the present keys of each item; unknown ids fail alone', async () => {
    const api = mockApi();
    const a = await createContact(api, { email: 'a@example.com', company: 'A', tags: ['x'] });
    const b = await createContact(api, { email: 'b@example.com', company: 'B', tags: ['y'] });
    const res = await api.call('patch', '/v2/contacts/bulk', {
      body: { contacts: [{ id: a.id, company: 'Acme Corp' }, { id: UNKNOWN, company: 'Z' }, { id: b.id, tags: ['premium'], job_title: 'CFO' }] },
    });
    expect(res.body).toMatchObject({ message: '2 succeeded, 1 failed', success: true });
    expect(res.body.details).toEqual([
      { contactId: a.id, email: 'a@example.com', success: true },
      { contactId: UNKNOWN, email: null, success: false, error: 'Contact not found' },
      { contactId: b.id, email: 'b@example.com', success: true },
    ]);
    expect((await api.call('get', `/v2/contacts/${a.id}`)).body).toMatchObject({ company: 'Acme Corp', tags: ['x'] });
    expect((await api.call('get', `/v2/contacts/${b.id}`)).body).toMatchObject({ company: 'B', tags: ['premium'], jobTitle: 'CFO' });
  });
});

describe('bulk delete', () => {
  it('deletes profiles, reports unknown ids in their item, keeps users', async () => {
    const api = mockApi();
    const a = await createContact(api, { email: 'a@example.com' });
    await api.call('post', `/__admin/contacts/${a.id}/verify-identity`);
    const res = await api.call('delete', '/v2/contacts/bulk', { body: { contactIds: [UNKNOWN, a.id, 'not-even-a-uuid'] } });
    expect(res.body.details.map((d: { success: boolean; error?: string }) => d.error ?? 'ok')).toEqual(['Contact not found', 'ok', 'Contact not found']);
    expect((await api.call('get', `/v2/contacts/${a.id}`)).status).toBe(404);
    expect((await createContact(api, { email: 'a@example.com' })).identityVerified).toBe(true);
  });

  it.each([0, 101])('rejects %i ids', async (n) => {
    const res = await mockApi().call('delete', '/v2/contacts/bulk', { body: { contactIds: Array.from({ length: n }, () => UNKNOWN) } });
    expect(res.status).toBe(422);
  });
});
