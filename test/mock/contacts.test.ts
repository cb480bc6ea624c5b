import { describe, expect, it } from 'vitest';
import { SEEDED_VERIFIED_USER } from '../../src/mock/index.js';
import { KEY_A, createContact, mockApi } from './helpers.js';

describe('contacts CRUD', () => {
  it('creates a contact: 201, camelCase, source api, empty documents, both spellings', async () => {
    const api = mockApi();
    const snake = await createContact(api, { email: 'nuevo@empresa.com', full_name: 'Ana García', job_title: 'CEO', company: 'Tech Corp', tags: ['cliente', 'vip'] });
    expect(snake).toMatchObject({
      email: 'nuevo@empresa.com',
      fullName: 'Ana García',
      jobTitle: 'CEO',
      company: 'Tech Corp',
      identityVerified: false,
      source: 'api',
      tags: ['cliente', 'vip'],
      documents: [],
      customFields: {},
    });
    expect(snake).not.toHaveProperty('full_name');
    const camel = await createContact(api, { email: 'beto@empresa.com', fullName: 'Beto López', jobTitle: 'CTO' });
    expect(camel).toMatchObject({ fullName: 'Beto López', jobTitle: 'CTO' });
  });

  it('rejects both spellings of a field at once, naming it', async () => {
    const api = mockApi();
    const res = await api.call('post', '/v2/contacts', { body: { email: 'a@example.com', full_name: 'A', fullName: 'B' } });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'fullName']);
  });

  const ana = { email: 'ana@example.com', full_name: 'Ana', company: 'Old', phone: '+525512345678', tags: ['a', 'b'] };

  it('gets a contact as it was created', async () => {
    const api = mockApi();
    const c = await createContact(api, ana);
    const got = await api.call('get', `/v2/contacts/${c.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(c);
  });

  it('updates only the keys present, tags replaced, and a null clears a field', async () => {
    const api = mockApi();
    const c = await createContact(api, ana);
    const put = await api.call('put', `/v2/contacts/${c.id}`, { body: { company: 'Nueva Empresa SA', tags: ['premium'] } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ company: 'Nueva Empresa SA', tags: ['premium'], phone: '+525512345678', fullName: 'Ana' });
    const cleared = await api.call('put', `/v2/contacts/${c.id}`, { body: { phone: null } });
    expect(cleared.body.phone).toBeNull();
  });

  it('deletes a contact, which is then not found to get, delete or update', async () => {
    const api = mockApi();
    const c = await createContact(api, ana);
    const del = await api.call('delete', `/v2/contacts/${c.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true, message: 'Contact deleted' });
    expect((await api.call('get', `/v2/contacts/${c.id}`)).body).toEqual({ detail: 'Contact not found' });
    expect((await api.call('delete', `/v2/contacts/${c.id}`)).status).toBe(404);
    expect((await api.call('put', `/v2/contacts/${c.id}`, { body: { company: 'X' } })).status).toBe(404);
  });

  it('answers 409 to a second create of the same email, case-insensitively', async () => {
    const api = mockApi();
    await createContact(api, { email: 'Dup@Example.com' });
    const res = await api.call('post', '/v2/contacts', { body: { email: 'dup@example.COM' } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ detail: 'Contact with this email already exists' });
  });

  it('links an existing platform user: identityVerified comes from it, and survives delete', async () => {
    const api = mockApi();
    const c = await createContact(api, { email: SEEDED_VERIFIED_USER.toUpperCase() });
    expect(c.identityVerified).toBe(true);
    await api.call('delete', `/v2/contacts/${c.id}`);
    const again = await createContact(api, { email: SEEDED_VERIFIED_USER });
    expect(again.identityVerified).toBe(true);
    expect(again.id).not.toBe(c.id);
  });

  it('rejects a malformed id with 422 naming contact_id', async () => {
    const res = await mockApi().call('get', '/v2/contacts/not-a-uuid');
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({ type: 'uuid_parsing', loc: ['path', 'contact_id'] });
  });

  it.each([
    [{}, ['body', 'email'], 'missing'],
    [{ email: 'nope' }, ['body', 'email'], 'value_error'],
    [{ email: 'a@example.com', tags: 'vip' }, ['body', 'tags'], 'list_type'],
    [{ email: 'a@example.com', full_name: '' }, ['body', 'full_name'], 'string_too_short'],
    [{ email: 'a@example.com', company: 7 }, ['body', 'company'], 'string_type'],
  ])('create rejects %o naming the field', async (body, loc, type) => {
    const res = await mockApi().call('post', '/v2/contacts', { body });
    expect(res.status).toBe(422);
    expect(res.body.detail).toContainEqual(expect.objectContaining({ loc, type }));
  });
});

describe('list', () => {
  it('pages newest first with no gaps or duplicates and a right total', async () => {
    const api = mockApi();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await createContact(api, { email: `p${i}@example.com`, full_name: `Persona ${i}` })).id);
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await api.call('get', `/v2/contacts?page=${page}&pageSize=3`);
      expect(res.body).toMatchObject({ total: 7, page, pageSize: 3 });
      seen.push(...res.body.data.map((c: { id: string }) => c.id));
    }
    expect(seen).toEqual([...made].reverse());
    expect((await api.call('get', '/v2/contacts?page=4&pageSize=3')).body.data).toEqual([]);
  });

  it('defaults to page 1 and pageSize 25', async () => {
    const api = mockApi({ contacts: 30 });
    const res = await api.call('get', '/v2/contacts');
    expect(res.body).toMatchObject({ page: 1, pageSize: 25, total: 30 });
    expect(res.body.data).toHaveLength(25);
  });

  it.each(['pageSize=0', 'pageSize=101', 'page=0', 'pageSize=abc', 'source=import', 'verified=perhaps'])('rejects %s with 422', async (q) => {
    const res = await mockApi().call('get', `/v2/contacts?${q}`);
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['query', q.split('=')[0]]);
  });

  it('searches name, email and company, case- and accent-insensitively', async () => {
    const api = mockApi();
    await createContact(api, { email: 'juan@empresa.com', full_name: 'Juan Pérez' });
    await createContact(api, { email: 'otra@example.com', full_name: 'Otra', company: 'Peréz Hermanos' });
    await createContact(api, { email: 'nadie@example.com', full_name: 'Nadie' });
    const byName = await api.call('get', '/v2/contacts?search=PEREZ');
    expect(byName.body.total).toBe(2);
    const byEmail = await api.call('get', '/v2/contacts?search=empresa.com');
    expect(byEmail.body.data.map((c: { email: string }) => c.email)).toEqual(['juan@empresa.com']);
    expect((await api.call('get', '/v2/contacts?search=zzz')).body).toMatchObject({ total: 0, data: [] });
  });

  it('filters by tag, source and verified, and counts documents', async () => {
    const api = mockApi();
    const vip = await createContact(api, { email: 'vip@example.com', tags: ['vip'] });
    await createContact(api, { email: 'plain@example.com' });
    await api.call('post', '/v2/documents', { body: { name: 'D', participants: [{ email: 'vip@example.com', name: 'V' }, { email: 'new@example.com', name: 'N' }] } });
    await api.call('post', `/__admin/contacts/${vip.id}/verify-identity`);

    const tagged = await api.call('get', '/v2/contacts?tag=vip');
    expect(tagged.body.data).toEqual([expect.objectContaining({ id: vip.id, documentsCount: 1, identityVerified: true })]);
    const invited = await api.call('get', '/v2/contacts?source=invitation');
    expect(invited.body.data.map((c: { email: string }) => c.email)).toEqual(['new@example.com']);
    const verified = await api.call('get', '/v2/contacts?verified=true');
    expect(verified.body.data.map((c: { id: string }) => c.id)).toEqual([vip.id]);
    const unverified = await api.call('get', '/v2/contacts?verified=false');
    expect(unverified.body.total).toBe(2);
  });
});

describe('autocomplete', () => {
  it('returns at most 5 matches of id, email and fullName by word prefix', async () => {
    const api = mockApi();
    for (let i = 0; i < 7; i++) await createContact(api, { email: `juan${i}@example.com`, full_name: `Juan Pérez ${i}` });
    await createContact(api, { email: 'maria@example.com', full_name: 'María José' });
    const res = await api.call('get', '/v2/contacts/autocomplete?q=jua');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(5);
    expect(Object.keys(res.body[0]).sort()).toEqual(['email', 'fullName', 'id']);
    const maria = await api.call('get', '/v2/contacts/autocomplete?q=MARIA jo');
    expect(maria.body.map((c: { email: string }) => c.email)).toEqual(['maria@example.com']);
    expect((await api.call('get', '/v2/contacts/autocomplete?q=perez 3')).body).toHaveLength(1);
  });

  it('follows renames and deletes', async () => {
    const api = mockApi();
    const c = await createContact(api, { email: 'x@example.com', full_name: 'Gonzalo' });
    await api.call('put', `/v2/contacts/${c.id}`, { body: { fullName: 'Rodrigo' } });
    expect((await api.call('get', '/v2/contacts/autocomplete?q=gonz')).body).toEqual([]);
    expect((await api.call('get', '/v2/contacts/autocomplete?q=rodr')).body).toHaveLength(1);
    await api.call('delete', `/v2/contacts/${c.id}`);
    expect((await api.call('get', '/v2/contacts/autocomplete?q=rodr')).body).toEqual([]);
  });

  it.each(['', '?q=a'])('rejects q shorter than 2 characters (%s)', async (query) => {
    const res = await mockApi().call('get', `/v2/contacts/autocomplete${query}`);
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['query', 'q']);
  });
});

describe('custom fields', () => {
  it('applies set then remove atomically: a key in both ends removed, others untouched', async () => {
    const api = mockApi();
    const c = await createContact(api, { email: 'cf@example.com' });
    await api.call('patch', `/v2/contacts/${c.id}/custom-fields`, { body: { set: { OldRFC: 'A', TempNote: 'x', keep: 1 } } });
    const res = await api.call('patch', `/v2/contacts/${c.id}/custom-fields`, {
      body: { set: { RFC: 'NEW123', both: true }, remove: ['OldRFC', 'TempNote', 'LegacyKey', 'both'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.customFields).toEqual({ keep: 1, RFC: 'NEW123' });
    expect(res.body.id).toBe(c.id);
    expect((await api.call('get', `/v2/contacts/${c.id}`)).body.customFields).toEqual({ keep: 1, RFC: 'NEW123' });
  });

  it('treats __proto__, constructor and toString as ordinary keys without touching anything else', async () => {
    const api = mockApi();
    const a = await createContact(api, { email: 'a@example.com' });
    const b = await createContact(api, { email: 'b@example.com' });
    const raw = '{"set": {"__proto__": {"polluted": true}, "constructor": "c", "toString": "t"}}';
    const res = await api.call('patch', `/v2/contacts/${a.id}/custom-fields`, { raw: { text: raw, type: 'application/json' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).customFields).toEqual(JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c", "toString": "t"}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await api.call('get', `/v2/contacts/${b.id}`)).body.customFields).toEqual({});
    const removed = await api.call('patch', `/v2/contacts/${a.id}/custom-fields`, { body: { remove: ['__proto__', 'constructor'] } });
    expect(JSON.parse(removed.text).customFields).toEqual({ toString: 't' });
  });

  it('rejects an empty patch and a non-object set', async () => {
    const api = mockApi();
    const c = await createContact(api, { email: 'cf@example.com' });
    expect((await api.call('patch', `/v2/contacts/${c.id}/custom-fields`, { body: {} })).status).toBe(422);
    const res = await api.call('patch', `/v2/contacts/${c.id}/custom-fields`, { body: { set: ['a'] } });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'set']);
  });
});

describe('contact documents', () => {
  it('lists the documents where the contact is a participant, with its own signature time', async () => {
    const api = mockApi();
    const c = await createContact(api, { email: 'firma@example.com' });
    const doc = await api.call('post', '/v2/documents', { body: { name: 'Contrato', participants: [{ email: 'FIRMA@example.com', name: 'F' }] } });
    expect(doc.status).toBe(201);
    const before = await api.call('get', `/v2/contacts/${c.id}/documents`);
    expect(before.body).toEqual({ items: [{ documentId: doc.body.id, documentName: 'Contrato', status: 'PENDING', signedAt: null }], total: 1 });
    await api.call('post', `/__admin/documents/${doc.body.id}/sign`, { body: { email: 'firma@example.com' } });
    const after = await api.call('get', `/v2/contacts/${c.id}/documents`);
    expect(after.body.items[0]).toMatchObject({ status: 'SIGNED', signedAt: expect.any(String) });
    expect((await api.call('get', `/v2/contacts/${c.id}`)).body.documents).toEqual(after.body.items);
  });
});

describe('seeded data', () => {
  it('is the same on every start, and another seed gives other data', async () => {
    const one = await mockApi({ contacts: 20 }).call('get', '/v2/contacts?pageSize=20');
    const two = await mockApi({ contacts: 20 }).call('get', '/v2/contacts?pageSize=20');
    expect(one.body).toEqual(two.body);
    const other = await mockApi({ contacts: 20, seed: 7 }).call('get', '/v2/contacts?pageSize=20');
    expect(other.body.data[0].id).not.toBe(one.body.data[0].id);
  });

  it('looks Mexican', async () => {
    const api = mockApi({ contacts: 20 });
    const one = await api.call('get', '/v2/contacts?pageSize=20');
    const all = await Promise.all(one.body.data.map((c: { id: string }) => api.call('get', `/v2/contacts/${c.id}`)));
    for (const r of all) expect(r.status).toBe(200);
    const phones = all.map((r) => r.body.phone).filter(Boolean);
    expect(phones.length).toBeGreaterThan(5);
    for (const phone of phones) expect(phone).toMatch(/^\+52\d{10}$/);
    expect(all.some((r) => typeof r.body.customFields.RFC === 'string')).toBe(true);
    expect(all.some((r) => r.body.identityVerified)).toBe(true);
    for (const r of all) expect(r.body.email).toMatch(/\.example\.com$/);
  });

  it('has documents in several states', async () => {
    const api = mockApi({ contacts: 40 });
    const list = await api.call('get', '/v2/contacts?pageSize=40');
    const statuses = new Set<string>();
    for (const c of list.body.data) {
      if (c.documentsCount === 0) continue;
      const docs = await api.call('get', `/v2/contacts/${c.id}/documents`);
      expect(docs.body.total).toBe(c.documentsCount);
      for (const d of docs.body.items) statuses.add(d.status);
    }
    expect(statuses.size).toBeGreaterThanOrEqual(3);
  });
});

void KEY_A;
