import { describe, expect, it } from 'vitest';
import type { ContactPage, DocumentRecord, NewContact, ParticipantRecord, Repository, SeedOptions } from '../../src/mock/index.js';
import { UnknownTenantError } from '../../src/mock/port/errors.js';
import { fold, words } from '../../src/mock/port/text.js';

// What every store must do, whatever keeps its data: one case list, run against each store (the
// in-memory one, the embedded database, PostgreSQL). A store passes it or it is not a store.

const KEYS = [
  { tenant: 't1', key: 'k1', email: 'owner@t1.example.com' },
  { tenant: 't2', key: 'k2', email: 'owner@t2.example.com' },
];
const EMPTY: SeedOptions = { apiKeys: KEYS, seed: 1, contactsPerTenant: 0 };

let clock = Date.UTC(2026, 0, 1);
const tick = () => new Date((clock += 1000)).toISOString();
let ids = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

export function draft(tenant: string, email: string, extra: Partial<NewContact> = {}): NewContact {
  const now = tick();
  return {
    id: uuid(),
    tenant,
    email,
    emailKey: email.toLowerCase(),
    fullName: null,
    phone: null,
    company: null,
    jobTitle: null,
    notes: null,
    tags: [],
    customFields: null,
    source: 'api',
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}

function participant(email: string, extra: Partial<ParticipantRecord> = {}): ParticipantRecord {
  return { email, name: email, whatsapp: null, invitedBy: 'owner@t1.example.com', step: null, signedAt: null, ...extra };
}

function documentOf(tenant: string, participants: ParticipantRecord[]): DocumentRecord {
  return { id: uuid(), tenant, name: 'Contrato', status: participants.length ? 'PENDING' : 'DRAFT', sendByWhatsapp: false, participants, createdAt: tick(), signedAt: null };
}

const all = { page: 1, pageSize: 1000 };

/** a page as a client would compare it: the store's insertion sequence is its own business */
const bySeq = (page: ContactPage) => ({ total: page.total, rows: page.rows.map((r) => ({ ...r, contact: { ...r.contact, seq: 0 } })) });

export function runRepositoryContract(name: string, make: (seed: SeedOptions) => Promise<Repository>): void {
  const fresh = (seed: SeedOptions = EMPTY) => make(seed);
  const emails = async (repo: Repository, tenant: string, query: Partial<Parameters<Repository['listContacts']>[1]> = {}) =>
    (await repo.listContacts(tenant, { ...all, ...query })).rows.map((r) => r.contact.email);
  const complete = async (repo: Repository, tenant: string, q: string, limit = 5) => (await repo.autocomplete(tenant, [...new Set(words(fold(q)))], limit)).map((c) => c.email);

  describe(`${name} store: the repository contract`, () => {
    describe('keys and tenants', () => {
      it('authenticates the configured keys and nothing else', async () => {
        const repo = await fresh();
        expect(await repo.authenticate('k2')).toEqual(KEYS[1]);
        expect(await repo.authenticate('nope')).toBeUndefined();
        expect((await repo.apiKeys()).map((k) => k.key).sort()).toEqual(['k1', 'k2']);
      });
    });

    describe('contacts', () => {
      it('keeps one contact per email per tenant, case-insensitively, and hands back the one there', async () => {
        const repo = await fresh();
        const first = await repo.insertContact('t1', draft('t1', 'Ana@Example.com', { fullName: 'Ana' }));
        expect(first.created).toBe(true);
        expect(first.contact).toMatchObject({ email: 'Ana@Example.com', emailKey: 'ana@example.com', fullName: 'Ana', tenant: 't1' });
        const again = await repo.insertContact('t1', draft('t1', 'ana@EXAMPLE.com', { fullName: 'Other' }));
        expect(again.created).toBe(false);
        expect(again.contact.id).toBe(first.contact.id);
        expect(again.contact.fullName).toBe('Ana');
        expect((await repo.insertContact('t2', draft('t2', 'ana@example.com'))).created).toBe(true);
        expect(await emails(repo, 't1')).toEqual(['Ana@Example.com']);
      });

      it('gives exactly one creation to many simultaneous inserts of one email', async () => {
        const repo = await fresh();
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => repo.insertContact('t1', draft('t1', i % 2 ? 'Same@example.com' : 'same@example.com'))));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.contact.id)).size).toBe(1);
        expect((await repo.listContacts('t1', all)).total).toBe(1);
      });

      it('reads a contact only in its own tenant', async () => {
        const repo = await fresh();
        const { contact } = await repo.insertContact('t1', draft('t1', 'mine@example.com'));
        expect((await repo.getContact('t1', contact.id))?.email).toBe('mine@example.com');
        expect(await repo.getContact('t2', contact.id)).toBeUndefined();
        expect(await repo.getContact('t1', uuid())).toBeUndefined();
        expect((await repo.findContact(contact.id))?.tenant).toBe('t1');
      });

      it('lists newest first with totals over all pages, and filters by tag, source and verified', async () => {
        const repo = await fresh();
        for (let i = 0; i < 5; i++) await repo.insertContact('t1', draft('t1', `c${i}@example.com`, { tags: i % 2 ? ['odd'] : [], source: i === 4 ? 'manual' : 'api' }));
        await repo.insertContact('t2', draft('t2', 'other@example.com', { tags: ['odd'] }));
        await repo.setVerified('c2@example.com', true);
        expect(await emails(repo, 't1')).toEqual(['c4@example.com', 'c3@example.com', 'c2@example.com', 'c1@example.com', 'c0@example.com']);
        const page = await repo.listContacts('t1', { page: 2, pageSize: 2 });
        expect(page.total).toBe(5);
        expect(page.rows.map((r) => r.contact.email)).toEqual(['c2@example.com', 'c1@example.com']);
        expect((await repo.listContacts('t1', { page: 9, pageSize: 2 })).rows).toEqual([]);
        expect(await emails(repo, 't1', { tag: 'odd' })).toEqual(['c3@example.com', 'c1@example.com']);
        expect(await emails(repo, 't1', { source: 'manual' })).toEqual(['c4@example.com']);
        expect(await emails(repo, 't1', { verified: true })).toEqual(['c2@example.com']);
        expect(await emails(repo, 't1', { verified: false, tag: 'odd' })).toEqual(['c3@example.com', 'c1@example.com']);
        const rows = (await repo.listContacts('t1', all)).rows;
        expect(rows.find((r) => r.contact.email === 'c2@example.com')).toMatchObject({ identityVerified: true, documentsCount: 0 });
      });

      it('searches a folded substring of the name, the email or the company, within the tenant', async () => {
        const repo = await fresh();
        await repo.insertContact('t1', draft('t1', 'jperez@example.com', { fullName: 'Juan Pérez' }));
        await repo.insertContact('t1', draft('t1', 'ana@acme.example.com', { fullName: 'Ana', company: 'Zapatería Ñandú SA' }));
        await repo.insertContact('t1', draft('t1', 'beto@example.com', { fullName: 'Beto García' }));
        await repo.insertContact('t2', draft('t2', 'perez@example.com', { fullName: 'Pérez de t2' }));
        const search = (needle: string, extra = {}) => emails(repo, 't1', { search: fold(needle), ...extra });
        expect(await search('PEREZ')).toEqual(['jperez@example.com']);
        expect(await search('zapateria nandu')).toEqual(['ana@acme.example.com']);
        expect(await search('acme.')).toEqual(['ana@acme.example.com']);
        expect(await search('garcía')).toEqual(['beto@example.com']);
        expect(await search('example.com')).toHaveLength(3);
        expect(await search('nobody')).toEqual([]);
        // a needle does not run from one field into the next
        expect(await search('perezjperez')).toEqual([]);
        expect((await repo.listContacts('t1', { page: 1, pageSize: 1, search: 'example' })).total).toBe(3);
      });

      it('updates what the change gives, atomically with what it read; a change that throws writes nothing', async () => {
        const repo = await fresh();
        const { contact } = await repo.insertContact('t1', draft('t1', 'u@example.com', { fullName: 'Old Name', company: 'Old Co', tags: ['a'] }));
        const updated = await repo.updateContact('t1', contact.id, (current) => {
          expect(current.fullName).toBe('Old Name');
          return { fullName: 'Nuevo Nombre', tags: ['b', 'c'], updatedAt: '2026-06-01T00:00:00.000Z' };
        });
        expect(updated).toMatchObject({ fullName: 'Nuevo Nombre', company: 'Old Co', tags: ['b', 'c'], updatedAt: '2026-06-01T00:00:00.000Z', createdAt: contact.createdAt });
        expect(await repo.getContact('t1', contact.id)).toMatchObject({ fullName: 'Nuevo Nombre', company: 'Old Co' });
        await expect(
          repo.updateContact('t1', contact.id, () => {
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        expect(await repo.getContact('t1', contact.id)).toMatchObject({ fullName: 'Nuevo Nombre', tags: ['b', 'c'] });
        expect(await repo.updateContact('t2', contact.id, () => ({ fullName: 'x' }))).toBeUndefined();
        expect((await repo.getContact('t1', contact.id))?.fullName).toBe('Nuevo Nombre');
      });

      it('loses no update among many simultaneous read-modify-writes of one contact', async () => {
        const repo = await fresh();
        const { contact } = await repo.insertContact('t1', draft('t1', 'cf@example.com'));
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => repo.updateContact('t1', contact.id, (current) => ({ customFields: { ...(current.customFields ?? {}), [`k${i}`]: i } }))),
        );
        const fields = (await repo.getContact('t1', contact.id))!.customFields!;
        expect(Object.keys(fields).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`).sort());
      });

      it('stores custom fields whose keys are __proto__ and constructor as ordinary keys', async () => {
        const repo = await fresh();
        const { contact } = await repo.insertContact('t1', draft('t1', 'proto@example.com'));
        const fields = JSON.parse('{"__proto__": {"admin": true}, "constructor": "c", "nested": {"a": [1, {"b": null}]}}') as Record<string, unknown>;
        await repo.updateContact('t1', contact.id, () => ({ customFields: fields }));
        const stored = (await repo.getContact('t1', contact.id))!.customFields!;
        expect(Object.keys(stored).sort()).toEqual(['__proto__', 'constructor', 'nested']);
        expect(stored.nested).toEqual({ a: [1, { b: null }] });
        expect(({} as Record<string, unknown>).admin).toBeUndefined();
      });

      it('follows renames in search and autocomplete: the new words match, the old ones no longer', async () => {
        const repo = await fresh();
        const { contact } = await repo.insertContact('t1', draft('t1', 'r@example.com', { fullName: 'Zacarías Único' }));
        expect(await complete(repo, 't1', 'zacar')).toEqual(['r@example.com']);
        await repo.updateContact('t1', contact.id, () => ({ fullName: 'Ximena Quiroga', company: 'Nueva Empresa' }));
        expect(await complete(repo, 't1', 'zacar')).toEqual([]);
        expect(await complete(repo, 't1', 'quir xim')).toEqual(['r@example.com']);
        expect(await emails(repo, 't1', { search: 'unico' })).toEqual([]);
        expect(await emails(repo, 't1', { search: 'nueva empresa' })).toEqual(['r@example.com']);
      });

      it('deletes a contact from every view of it, in its own tenant only', async () => {
        const repo = await fresh();
        const { contact } = await repo.insertContact('t1', draft('t1', 'gone@example.com', { fullName: 'Gonzalo Ido' }));
        await repo.insertContact('t1', draft('t1', 'stays@example.com', { fullName: 'Gonzalo Queda' }));
        expect(await repo.deleteContact('t2', contact.id)).toBeUndefined();
        expect((await repo.deleteContact('t1', contact.id))?.email).toBe('gone@example.com');
        expect(await repo.deleteContact('t1', contact.id)).toBeUndefined();
        expect(await repo.getContact('t1', contact.id)).toBeUndefined();
        expect(await emails(repo, 't1')).toEqual(['stays@example.com']);
        expect(await emails(repo, 't1', { search: 'gonzalo' })).toEqual(['stays@example.com']);
        expect(await complete(repo, 't1', 'gonz')).toEqual(['stays@example.com']);
        // the email is free again
        expect((await repo.insertContact('t1', draft('t1', 'GONE@example.com'))).created).toBe(true);
      });

      it('autocompletes word prefixes of the name and the email, every word of the query, at most the limit', async () => {
        const repo = await fresh();
        await repo.insertContact('t1', draft('t1', 'maria.lopez@example.com', { fullName: 'María López' }));
        await repo.insertContact('t1', draft('t1', 'mario@example.com', { fullName: 'Mario Ruiz' }));
        await repo.insertContact('t1', draft('t1', 'zyx@example.com', { fullName: 'María Zyxwq' }));
        await repo.insertContact('t2', draft('t2', 'maria@t2.example.com', { fullName: 'María de t2' }));
        for (let i = 0; i < 8; i++) await repo.insertContact('t1', draft('t1', `persona${i}@example.com`, { fullName: `Persona ${i}` }));
        expect((await complete(repo, 't1', 'mar')).sort()).toEqual(['maria.lopez@example.com', 'mario@example.com', 'zyx@example.com']);
        expect(await complete(repo, 't1', 'MARÍA ZYX')).toEqual(['zyx@example.com']);
        expect(await complete(repo, 't1', 'zyx mar')).toEqual(['zyx@example.com']);
        expect(await complete(repo, 't1', 'mar zzzz')).toEqual([]);
        expect(await complete(repo, 't1', 'lopez')).toEqual(['maria.lopez@example.com']);
        expect(await complete(repo, 't1', 'persona')).toHaveLength(5);
        expect(await complete(repo, 't1', 'persona', 3)).toHaveLength(3);
        expect(await complete(repo, 't1', 'aria')).toEqual([]);
        expect(await complete(repo, 't2', 'mar')).toEqual(['maria@t2.example.com']);
      });
    });

    describe('users', () => {
      it('are shared by every tenant and unverified until said otherwise', async () => {
        const repo = await fresh();
        expect(await repo.isVerified('someone@example.com')).toBe(false);
        await repo.setVerified('someone@example.com', true);
        expect(await repo.isVerified('someone@example.com')).toBe(true);
        await repo.insertContact('t2', draft('t2', 'someone@example.com'));
        expect((await repo.listContacts('t2', { ...all, verified: true })).rows.map((r) => r.contact.email)).toEqual(['someone@example.com']);
        await repo.setVerified('someone@example.com', false);
        expect(await repo.isVerified('someone@example.com')).toBe(false);
      });
    });

    describe('documents', () => {
      it('stores a document with the contacts it invites, never duplicating one', async () => {
        const repo = await fresh();
        await repo.insertContact('t1', draft('t1', 'known@example.com', { fullName: 'Known' }));
        const document = documentOf('t1', [participant('known@example.com'), participant('new@example.com', { name: 'New Person' })]);
        const stored = await repo.insertDocument({ document, invite: [draft('t1', 'known@example.com', { source: 'invitation' }), draft('t1', 'new@example.com', { fullName: 'New Person', source: 'invitation' })] });
        expect(stored).toEqual(document);
        expect(await repo.getDocument('t1', document.id)).toEqual(document);
        expect(await repo.getDocument('t2', document.id)).toBeUndefined();
        expect((await repo.findDocument(document.id))?.tenant).toBe('t1');
        const rows = (await repo.listContacts('t1', all)).rows;
        expect(rows.map((r) => [r.contact.email, r.contact.source, r.documentsCount])).toEqual([
          ['new@example.com', 'invitation', 1],
          ['known@example.com', 'api', 1],
        ]);
        expect((await repo.documentsOf('t1', 'new@example.com')).map((d) => d.id)).toEqual([document.id]);
        expect(await repo.documentsOf('t2', 'new@example.com')).toEqual([]);
      });

      it('hands a contact back with its profile when it is created, when it was there already and when it is read', async () => {
        const repo = await fresh();
        const older = documentOf('t1', [participant('p@example.com')]);
        const newer = documentOf('t1', [participant('x@example.com'), participant('p@example.com', { name: 'Pe' })]);
        await repo.insertDocument({ document: newer, invite: [] });
        await repo.insertDocument({ document: older, invite: [] });
        await repo.insertDocument({ document: documentOf('t2', [participant('p@example.com')]), invite: [] });
        await repo.setVerified('p@example.com', true);
        const created = await repo.insertContact('t1', draft('t1', 'P@Example.com', { fullName: 'Pe' }));
        expect(created.created).toBe(true);
        expect({ identity: created.identityVerified, documents: created.documents }).toEqual({ identity: true, documents: [newer, older] });
        const again = await repo.insertContact('t1', draft('t1', 'p@example.com'));
        expect({ ...again, created: true }).toEqual(created);
        expect(await repo.getProfile('t1', created.contact.id)).toEqual({ contact: created.contact, identityVerified: true, documents: [newer, older] });
        expect(await repo.getProfile('t2', created.contact.id)).toBeUndefined();
        // an email no user and no document has
        const plain = await repo.insertContact('t2', draft('t2', 'p@example.com'));
        expect({ identity: plain.identityVerified, documents: plain.documents.map((d) => d.tenant) }).toEqual({ identity: true, documents: ['t2'] });
        const nobody = await repo.insertContact('t1', draft('t1', 'nobody@example.com'));
        expect(await repo.getProfile('t1', nobody.contact.id)).toEqual({ contact: nobody.contact, identityVerified: false, documents: [] });
      });

      it("lists a contact's documents newest first", async () => {
        const repo = await fresh();
        const older = documentOf('t1', [participant('p@example.com')]);
        const newer = documentOf('t1', [participant('p@example.com')]);
        await repo.insertDocument({ document: newer, invite: [] });
        await repo.insertDocument({ document: older, invite: [] });
        expect((await repo.documentsOf('t1', 'p@example.com')).map((d) => d.id)).toEqual([newer.id, older.id]);
      });

      it('updates a document atomically with the contacts its change invites; a change that throws writes nothing', async () => {
        const repo = await fresh();
        const document = documentOf('t1', [participant('a@example.com'), participant('b@example.com')]);
        await repo.insertDocument({ document, invite: [] });
        const updated = await repo.updateDocument('t1', document.id, (current) => ({
          document: { ...current, participants: [current.participants[1]!, participant('c@example.com')] },
          invite: [draft('t1', 'c@example.com', { source: 'invitation' })],
        }));
        expect(updated?.participants.map((p) => p.email)).toEqual(['b@example.com', 'c@example.com']);
        expect((await repo.getDocument('t1', document.id))?.participants.map((p) => p.email)).toEqual(['b@example.com', 'c@example.com']);
        expect(await repo.documentsOf('t1', 'a@example.com')).toEqual([]);
        expect((await repo.documentsOf('t1', 'c@example.com')).map((d) => d.id)).toEqual([document.id]);
        expect(await emails(repo, 't1')).toEqual(['c@example.com']);
        await expect(
          repo.updateDocument('t1', document.id, () => {
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        expect((await repo.getDocument('t1', document.id))?.participants).toHaveLength(2);
        expect(await repo.updateDocument('t2', document.id, (current) => ({ document: current, invite: [] }))).toBeUndefined();
      });

      it('serialises simultaneous changes to one document: none is lost', async () => {
        const repo = await fresh();
        const document = documentOf('t1', []);
        await repo.insertDocument({ document, invite: [] });
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            repo.updateDocument('t1', document.id, (current) => ({ document: { ...current, participants: [...current.participants, participant(`p${i}@example.com`)] }, invite: [] })),
          ),
        );
        expect((await repo.getDocument('t1', document.id))?.participants).toHaveLength(20);
      });
    });

    describe('tenants', () => {
      it('creates a tenant with its key, once, and deletes it with everything it holds', async () => {
        const repo = await fresh();
        const key = { tenant: 'tmp', key: 'sk_tmp_123456', email: 'Boss@tmp.example.com' };
        expect(await repo.createTenant(key)).toBe(true);
        expect(await repo.createTenant({ ...key, key: 'sk_other_1234' })).toBe(false);
        expect(await repo.createTenant({ ...key, tenant: 'other' })).toBe(false);
        expect(await repo.authenticate('sk_tmp_123456')).toEqual(key);
        expect(await repo.isVerified('boss@tmp.example.com')).toBe(true);
        const { contact } = await repo.insertContact('tmp', draft('tmp', 'c@example.com'));
        const document = documentOf('tmp', [participant('c@example.com')]);
        await repo.insertDocument({ document, invite: [] });
        expect((await repo.counts()).tenants).toBe(3);
        expect(await repo.deleteTenant('tmp')).toBe(true);
        expect(await repo.deleteTenant('tmp')).toBe(false);
        expect(await repo.authenticate('sk_tmp_123456')).toBeUndefined();
        expect(await repo.findContact(contact.id)).toBeUndefined();
        expect(await repo.findDocument(document.id)).toBeUndefined();
        expect((await repo.counts()).tenants).toBe(2);
        expect(await repo.isVerified('boss@tmp.example.com')).toBe(true);
        // the name and the key are free again
        expect(await repo.createTenant(key)).toBe(true);
      });

      it('refuses a write for a tenant deleted since (a request that authenticated before), writing nothing', async () => {
        const repo = await fresh();
        const key = { tenant: 'gone', key: 'sk_gone_123456', email: 'boss@gone.example.com' };
        await repo.createTenant(key);
        const { contact } = await repo.insertContact('gone', draft('gone', 'c@example.com'));
        await repo.deleteTenant('gone');
        await expect(repo.insertContact('gone', draft('gone', 'late@example.com'))).rejects.toBeInstanceOf(UnknownTenantError);
        await expect(repo.insertDocument({ document: documentOf('gone', [participant('late@example.com')]), invite: [draft('gone', 'late@example.com')] })).rejects.toBeInstanceOf(UnknownTenantError);
        expect(await repo.updateContact('gone', contact.id, () => ({ fullName: 'x' }))).toBeUndefined();
        expect(await repo.deleteContact('gone', contact.id)).toBeUndefined();
        expect((await repo.counts()).contacts).toBe(0);
        expect((await repo.listContacts('gone', all)).total).toBe(0);
      });

      it('reseeds one tenant alone, as a full reset would seed it', async () => {
        const seeded: SeedOptions = { apiKeys: KEYS, seed: 5, contactsPerTenant: 20 };
        const repo = await fresh(seeded);
        const t1 = await repo.listContacts('t1', all);
        const t2 = await repo.listContacts('t2', all);
        await repo.insertContact('t1', draft('t1', 'extra@example.com'));
        await repo.insertContact('t2', draft('t2', 'extra@example.com'));
        await repo.seedTenant('t1', seeded);
        expect(bySeq(await repo.listContacts('t1', all))).toEqual(bySeq(t1));
        expect((await repo.listContacts('t2', all)).total).toBe(t2.total + 1);
        await repo.createTenant({ tenant: 'fresh', key: 'sk_fresh_1234', email: 'o@fresh.example.com' });
        await repo.seedTenant('fresh', { ...seeded, contactsPerTenant: 7 });
        const fresh7 = await repo.listContacts('fresh', all);
        expect(fresh7.total).toBe(7);
        await repo.seedTenant('fresh', { ...seeded, contactsPerTenant: 7 });
        expect(bySeq(await repo.listContacts('fresh', all))).toEqual(bySeq(fresh7));
        expect(fresh7.rows.every((r) => r.contact.email.endsWith('@fresh.example.com'))).toBe(true);
      });
    });

    describe('state in and out', () => {
      it('exports everything and imports it back, replacing only the tenants it names', async () => {
        const repo = await fresh({ apiKeys: KEYS, seed: 3, contactsPerTenant: 15 });
        const { contact } = await repo.insertContact('t1', draft('t1', 'cf@example.com', { fullName: 'Con Campos', tags: ['x'] }));
        await repo.updateContact('t1', contact.id, () => ({ customFields: { RFC: 'ABC', nested: { a: [1] } } }));
        await repo.setVerified('cf@example.com', true);
        const state = await repo.exportState();
        expect(state.version).toBe(1);
        expect(state.tenants.map((t) => t.tenant).sort()).toEqual(['t1', 't2']);
        const t1 = state.tenants.find((t) => t.tenant === 't1')!;
        expect(t1.apiKeys).toEqual([{ key: 'k1', email: 'owner@t1.example.com' }]);
        expect(t1.contacts.at(-1)).toMatchObject({ email: 'cf@example.com', customFields: { RFC: 'ABC', nested: { a: [1] } }, tags: ['x'] });
        expect(state.users).toContainEqual({ email: 'cf@example.com', identityVerified: true });

        const other = await fresh();
        await other.insertContact('t2', draft('t2', 'kept-nowhere@example.com'));
        await other.importState({ ...state, tenants: [t1] });
        expect(bySeq(await other.listContacts('t1', all))).toEqual(bySeq(await repo.listContacts('t1', all)));
        expect(await other.getContact('t1', contact.id)).toMatchObject({ email: 'cf@example.com', fullName: 'Con Campos' });
        expect(await other.isVerified('cf@example.com')).toBe(true);
        // t2 was not in the state: untouched
        expect(await emails(other, 't2')).toEqual(['kept-nowhere@example.com']);
        // the imported tenant works on: its emails are still unique, its documents are linked
        expect((await other.insertContact('t1', draft('t1', 'CF@example.com'))).created).toBe(false);
        for (const document of t1.documents) expect(await other.getDocument('t1', document.id)).toEqual(document);
      });

      it('keeps snapshots of the whole store and restores one in a step', async () => {
        const repo = await fresh({ apiKeys: KEYS, seed: 3, contactsPerTenant: 10 });
        const before = { t1: await repo.listContacts('t1', all), t2: await repo.listContacts('t2', all) };
        const info = await repo.saveSnapshot('clean');
        expect(info).toMatchObject({ name: 'clean', tenants: 2, contacts: 20 });
        await repo.insertContact('t1', draft('t1', 'later@example.com'));
        await repo.deleteContact('t2', before.t2.rows[0]!.contact.id);
        await repo.createTenant({ tenant: 'tmp', key: 'sk_tmp_123456', email: 'o@tmp.example.com' });
        expect(await repo.restoreSnapshot('clean')).toBe(true);
        expect(bySeq(await repo.listContacts('t1', all))).toEqual(bySeq(before.t1));
        expect(bySeq(await repo.listContacts('t2', all))).toEqual(bySeq(before.t2));
        expect(await repo.authenticate('sk_tmp_123456')).toBeUndefined();
        expect(await repo.authenticate('k1')).toEqual(KEYS[0]);
        // the snapshot is a copy: writes after restoring do not change it
        await repo.insertContact('t1', draft('t1', 'again@example.com'));
        expect(await repo.restoreSnapshot('clean')).toBe(true);
        expect((await repo.listContacts('t1', all)).total).toBe(10);
        await repo.saveSnapshot('second');
        expect((await repo.listSnapshots()).map((s) => s.name).sort()).toEqual(['clean', 'second']);
        expect(await repo.deleteSnapshot('clean')).toBe(true);
        expect(await repo.deleteSnapshot('clean')).toBe(false);
        expect(await repo.restoreSnapshot('clean')).toBe(false);
        // a reset keeps the snapshots
        await repo.reset({ apiKeys: KEYS, seed: 3, contactsPerTenant: 0 });
        expect((await repo.listSnapshots()).map((s) => s.name)).toEqual(['second']);
      });
    });

    describe('counts and reset', () => {
      it('counts tenants, contacts, documents and users', async () => {
        const repo = await fresh();
        const before = await repo.counts();
        expect(before).toMatchObject({ tenants: 2, contacts: 0, documents: 0 });
        await repo.insertContact('t1', draft('t1', 'a@example.com'));
        await repo.insertDocument({ document: documentOf('t2', [participant('b@example.com')]), invite: [draft('t2', 'b@example.com', { source: 'invitation' })] });
        await repo.setVerified('new-user@example.com', true);
        expect(await repo.counts()).toEqual({ tenants: 2, contacts: 2, documents: 1, users: before.users + 1 });
      });

      it('seeds the same data from the same options, ids included, and reset goes back to it', async () => {
        const seeded: SeedOptions = { apiKeys: KEYS, seed: 7, contactsPerTenant: 30 };
        const a = await fresh(seeded);
        const b = await fresh(seeded);
        const listA = await a.listContacts('t1', all);
        expect(listA.total).toBe(30);
        expect(await b.listContacts('t1', all)).toEqual(listA);
        expect(listA.rows.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.contact.id))).toBe(true);
        await a.insertContact('t1', draft('t1', 'extra@example.com'));
        await a.reset(seeded);
        expect(await a.listContacts('t1', all)).toEqual(listA);
        expect(await a.isVerified('owner@t1.example.com')).toBe(true);
        await a.reset({ ...seeded, contactsPerTenant: 0 });
        expect((await a.counts()).contacts).toBe(0);
      });

      it('finds seeded contacts by search and autocomplete, as it finds written ones', async () => {
        const repo = await fresh({ apiKeys: KEYS, seed: 99, contactsPerTenant: 300 });
        const rows = (await repo.listContacts('t1', all)).rows;
        for (const { contact } of rows.slice(0, 40)) {
          // Mexican names: a first name and two surnames, all real words
          expect(contact.fullName, contact.email).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}[\p{L}]+ \p{Lu}[\p{L}]+$/u);
          const found = await emails(repo, 't1', { search: fold(contact.fullName!) });
          expect(found, contact.fullName!).toContain(contact.email);
          if (contact.company) expect(await emails(repo, 't1', { search: fold(contact.company) })).toContain(contact.email);
          const hits = await repo.autocomplete('t1', words(fold(contact.fullName!)), 300);
          expect(hits.map((c) => c.id), contact.fullName!).toContain(contact.id);
        }
        const verified = (await repo.listContacts('t1', { ...all, verified: true })).total;
        expect(verified).toBeGreaterThan(30);
        expect(verified).toBeLessThan(200);
        expect((await repo.counts()).documents).toBeGreaterThan(0);
      });
    });
  });
}
