import { describe, expect, it } from 'vitest';
import { MockStore } from '../../src/mock/index.js';
import { fold } from '../../src/mock/store/text.js';

const keys = [
  { tenant: 't1', key: 'k1', email: 'owner@t1.example.com' },
  { tenant: 't2', key: 'k2', email: 'owner@t2.example.com' },
];
const fresh = (contactsPerTenant = 0) => new MockStore({ apiKeys: keys, seed: 1, contactsPerTenant, now: () => new Date('2026-01-01T00:00:00Z') });

describe('MockStore (no HTTP)', () => {
  it('folds accents and case for search', () => {
    expect(fold('Pérez GARCÍA Ñandú')).toBe('perez garcia nandu');
  });

  it('keeps one contact per email per tenant, case-insensitively', () => {
    const store = fresh();
    expect(store.createContact('t1', { email: 'A@x.com' }).ok).toBe(true);
    expect(store.createContact('t1', { email: 'a@X.com' })).toEqual({ ok: false, error: 'conflict', detail: 'Contact with this email already exists' });
    expect(store.createContact('t2', { email: 'a@x.com' }).ok).toBe(true);
  });

  it('returns results, never status codes', () => {
    expect(fresh().getContact('t1', 'nope')).toEqual({ ok: false, error: 'not_found', detail: 'Contact not found' });
  });

  it('lists newest first with a correct total under filters', () => {
    const store = fresh();
    for (let i = 0; i < 5; i++) store.createContact('t1', { email: `c${i}@x.com`, tags: i % 2 ? ['odd'] : [] });
    const page = store.listContacts('t1', { page: 1, pageSize: 10, tag: 'odd' });
    expect(page.total).toBe(2);
    expect(page.data.map((c) => c.email)).toEqual(['c3@x.com', 'c1@x.com']);
    expect(store.listContacts('t1', { page: 2, pageSize: 2 }).data.map((c) => c.email)).toEqual(['c2@x.com', 'c1@x.com']);
  });

  it('removes from the ordered list without disturbing the rest', () => {
    const store = fresh();
    const ids = Array.from({ length: 6 }, (_, i) => (store.createContact('t1', { email: `c${i}@x.com` }) as { ok: true; value: { id: string } }).value.id);
    store.bulkDelete('t1', [ids[1]!, ids[4]!]);
    expect(store.listContacts('t1', { page: 1, pageSize: 10 }).data.map((c) => c.email)).toEqual(['c5@x.com', 'c3@x.com', 'c2@x.com', 'c0@x.com']);
  });

  it('autocomplete stays right across many writes (index merges)', () => {
    const store = fresh();
    for (let i = 0; i < 5000; i++) store.createContact('t1', { email: `u${i}@x.com`, fullName: i === 4321 ? 'Zacarías Único' : `Persona ${i}` });
    expect(store.autocomplete('t1', 'zacar').map((c) => c.email)).toEqual(['u4321@x.com']);
    expect(store.autocomplete('t1', 'unico zac')).toHaveLength(1);
    expect(store.autocomplete('t1', 'persona')).toHaveLength(5);
  });

  it('seeds deterministically, ids included', () => {
    const a = fresh(30).listContacts('t1', { page: 1, pageSize: 30 });
    const b = fresh(30).listContacts('t1', { page: 1, pageSize: 30 });
    expect(a).toEqual(b);
    expect(new Set(a.data.map((c) => c.email)).size).toBe(30);
    expect(a.data.every((c) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(c.id))).toBe(true);
  });

  it('checks every participant rule before writing anything', () => {
    const store = fresh();
    const result = store.createDocument('t1', 'owner@t1.example.com', {
      name: 'D',
      participants: [{ email: 'a@x.com', name: 'A' }, { email: 'A@X.COM', name: 'B' }],
      sendByWhatsapp: true,
    });
    expect(result.ok).toBe(false);
    if (!result.ok && result.error === 'invalid') expect(result.issues.map((i) => i.loc.join('.'))).toEqual(['body.participants.0.whatsapp', 'body.participants.1.email', 'body.participants.1.whatsapp']);
    expect(store.documents.size).toBe(0);
    expect(store.tenant('t1').contacts.size).toBe(0);
  });

  it('a subclass can change one behaviour', () => {
    class Forgetful extends MockStore {
      override deleteContact() {
        return { ok: true as const, value: { email: '' } };
      }
    }
    const store = new Forgetful({ apiKeys: keys, seed: 1, contactsPerTenant: 0 });
    const c = store.createContact('t1', { email: 'x@x.com' });
    if (!c.ok) throw new Error('create failed');
    store.deleteContact();
    expect(store.getContact('t1', c.value.id).ok).toBe(true);
  });
});

describe('seeded indexes', () => {
  it('hold what the write path would derive for each contact', async () => {
    const { MockStore: Store } = await import('../../src/mock/store/store.js');
    const { searchTextOf, companyTextOf, indexWords } = await import('../../src/mock/store/tenant.js');
    const store = new Store({ apiKeys: [{ tenant: 'acme', key: 'k', email: 'o@acme.example.com' }], seed: 99, contactsPerTenant: 400 });
    const tenant = store.tenant('acme');
    expect(tenant.texts).toEqual(tenant.order.map((c) => searchTextOf(c)));
    expect(tenant.companies).toEqual(tenant.order.map((c) => companyTextOf(c)));
    // Mexican names: a first name and two surnames, all real words
    for (const c of tenant.order) expect(c.fullName, c.email).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}[\p{L}]+ \p{Lu}[\p{L}]+$/u);
    for (const contact of tenant.order.slice(0, 60)) {
      for (const word of indexWords(contact)) {
        if (word === 'acme' || word === 'example' || word === 'com') continue; // every contact has these
        const found = store.autocomplete('acme', word).map((c) => c.id);
        if (found.length < 5) expect(found, word).toContain(contact.id);
      }
    }
  });
});

describe('autocomplete with several words', () => {
  it('walks the rarest word: a common first word and a rare second find the one contact', () => {
    const store = new MockStore({ apiKeys: [{ tenant: 'a', key: 'k', email: 'o@a.example.com' }], seed: 5, contactsPerTenant: 2000 });
    const rare = store.createContact('a', { email: 'rare@example.com', fullName: 'María Zyxwq' });
    expect(rare.ok).toBe(true);
    expect(store.autocomplete('a', 'mar zzzzq')).toEqual([]);
    expect(store.autocomplete('a', 'mar zyx').map((c) => c.email)).toEqual(['rare@example.com']);
    expect(store.autocomplete('a', 'zyx mar').map((c) => c.email)).toEqual(['rare@example.com']);
    expect(store.autocomplete('a', 'MARÍA ZYXWQ').map((c) => c.email)).toEqual(['rare@example.com']);
  });
});
