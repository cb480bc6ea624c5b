import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { contractLimits } from '../../../src/contract/index.js';
import { DomainError, MemoryRepository, MockService, type Repository } from '../../../src/mock/index.js';
import { fold } from '../../../src/mock/port/text.js';
import { openServer } from '../../../src/mock/stores/sql/pg-driver.js';
import { openEmbeddedInMemory } from '../../../src/mock/stores/sql/pglite-driver.js';
import { SqlRepository } from '../../../src/mock/stores/sql/sql-repository.js';
import { dropDatabases, freshDatabase } from '../../support/postgres.js';
import { draft } from '../../support/repository-contract.js';

// The rules that must hold however many processes write at once, on the database stores: the
// domain's checks run inside the store's transactions, and the database's own constraints stand
// behind them. PostgreSQL gets two repositories (two pools, as two replicas have) on one database.

const KEYS = [{ tenant: 't1', key: 'k1', email: 'owner@t1.example.com' }];
const EMPTY = { apiKeys: KEYS, seed: 1, contactsPerTenant: 0 };

interface Replicas {
  services: MockService[];
  repositories: SqlRepository[];
}

const open: SqlRepository[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});
afterAll(dropDatabases);

const STORES: [string, () => Promise<Replicas>][] = [
  [
    'embedded (PGlite)',
    async () => {
      const repository = new SqlRepository(await openEmbeddedInMemory());
      open.push(repository);
      await repository.reset(EMPTY);
      return { services: [new MockService(repository, {})], repositories: [repository] };
    },
  ],
  [
    'PostgreSQL, two replicas',
    async () => {
      const url = await freshDatabase();
      const repositories = [new SqlRepository(openServer(url)), new SqlRepository(openServer(url))];
      open.push(...repositories);
      await repositories[0]!.reset(EMPTY);
      return { services: repositories.map((r) => new MockService(r, {})), repositories };
    },
  ],
];

const person = (i: number) => ({ email: `p${i}@example.com`, name: `Persona ${i}` });
const kindOf = (error: unknown) => (error instanceof DomainError && error.problem.kind === 'participants_invalid' ? error.problem.problems.map((p) => p.kind).join(',') : String(error));

describe.each(STORES)('%s store: rules under concurrency', (_name, make) => {
  it('holds the participant limit when adds race: exactly the adds that fit succeed', async () => {
    const { services } = await make();
    const max = contractLimits().participantsPerDocument;
    const document = await services[0]!.createDocument('t1', 'owner@t1.example.com', { name: 'Contrato', participants: Array.from({ length: max - 10 }, (_, i) => person(i)), sendByWhatsapp: false });
    const adds = Array.from({ length: 6 }, (_, a) =>
      services[a % services.length]!.addParticipants('t1', 'owner@t1.example.com', document.id, Array.from({ length: 5 }, (_, i) => person(1000 + a * 10 + i))).then(
        () => 'ok',
        kindOf,
      ),
    );
    const outcomes = await Promise.all(adds);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'too_many')).toBe(true);
    expect((await services[0]!.getDocument('t1', document.id)).participants).toHaveLength(max);
  });

  it('holds the duplicate-participant rule when the same email is added at once from everywhere', async () => {
    const { services } = await make();
    const document = await services[0]!.createDocument('t1', 'owner@t1.example.com', { name: 'Contrato', participants: [person(1)], sendByWhatsapp: false });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => services[i % services.length]!.addParticipants('t1', 'owner@t1.example.com', document.id, [{ email: i % 2 ? 'Same@Example.com' : 'same@example.com', name: 'Misma' }]).then(() => 'ok', kindOf)),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'duplicate')).toBe(true);
    const stored = await services[0]!.getDocument('t1', document.id);
    expect(stored.participants.map((p) => p.email)).toEqual(['p1@example.com', 'same@example.com']);
  });

  it('keeps bulk create idempotent when batches of the same emails race', async () => {
    const { services, repositories } = await make();
    const items = (upper: boolean) => Array.from({ length: 30 }, (_, i) => ({ email: upper ? `BULK${i}@EXAMPLE.COM` : `bulk${i}@example.com`, fullName: `Masivo ${i}` }));
    const batches = await Promise.all(Array.from({ length: 4 }, (_, b) => services[b % services.length]!.bulkCreate('t1', items(b % 2 === 1))));
    for (const outcomes of batches) expect(outcomes.every((o) => o.contactId !== null && !o.failure)).toBe(true);
    // every batch names the one contact each email has
    for (let i = 0; i < 30; i++) expect(new Set(batches.map((outcomes) => outcomes[i]!.contactId)).size).toBe(1);
    expect((await repositories[0]!.listContacts('t1', { page: 1, pageSize: 100 })).total).toBe(30);
  });

  it('keeps a tenant’s total exact when creates and deletes race on many connections', async () => {
    const { services, repositories } = await make();
    const created = await Promise.all(Array.from({ length: 60 }, (_, i) => services[i % services.length]!.createContact('t1', { email: `race${i}@example.com` })));
    await Promise.all(created.filter((_, i) => i % 3 === 0).map((c, i) => services[i % services.length]!.deleteContact('t1', c.contact.id)));
    await Promise.all(Array.from({ length: 15 }, (_, i) => services[i % services.length]!.createContact('t1', { email: `late${i}@example.com` })));
    const [{ n }] = (await repositories[0]!.driver.query<{ n: number }>(`SELECT count(*)::int AS n FROM contacts WHERE tenant = 't1'`)) as [{ n: number }];
    expect(n).toBe(60 - 20 + 15);
    for (const repository of repositories) expect((await repository.listContacts('t1', { page: 1, pageSize: 10 })).total).toBe(n);
  });
});

describe.each(STORES)('%s store: constraints in the database', (_name, make) => {
  it('refuses, whoever writes, a second contact of one email, a 51st participant and a participant twice', async () => {
    const { repositories } = await make();
    const db = repositories[0]!.driver;
    const contact = (id: string, email: string) =>
      db.query(
        `INSERT INTO contacts (id, tenant, email, email_key, source, created_at, updated_at, search_text, company_text, words) VALUES ($1, 't1', $2, lower($2), 'api', now(), now(), '', '', '{}')`,
        [id, email],
      );
    await contact('c-1', 'one@example.com');
    await expect(contact('c-2', 'ONE@example.com')).rejects.toThrow(/unique/i);
    const participants = (n: number, email = (i: number) => `p${i}@example.com`) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ email: email(i), name: 'P' })));
    const documentWith = (id: string, json: string) => db.query(`INSERT INTO documents (id, tenant, name, status, send_by_whatsapp, participants, created_at) VALUES ($1, 't1', 'D', 'PENDING', false, $2::json, now())`, [id, json]);
    await expect(documentWith('d-51', participants(51))).rejects.toThrow(/check constraint/i);
    await expect(documentWith('d-dup', participants(2, () => 'twice@example.com'))).rejects.toThrow(/unique|duplicate/i);
    await documentWith('d-50', participants(50));
    expect((await repositories[0]!.counts()).documents).toBe(1);
  });
});

describe.each(STORES)('%s store: what a database needs told', (_name, make) => {
  it('gives back U+0000, lone surrogates and the private-use escape exactly, and custom-field keys in their order', async () => {
    const { repositories } = await make();
    const repo = repositories[0]!;
    const odd = 'a\u0000b\ud800c\ue000d\udfff';
    const { contact } = await repo.insertContact('t1', draft('t1', 'odd@example.com', { fullName: odd, notes: '\ue0000', tags: [odd, 'x'] }));
    const fields = JSON.parse('{"zeta": 1, "alpha": "\\u0000", "__proto__": {"k": "\\ud800"}}') as Record<string, unknown>;
    await repo.updateContact('t1', contact.id, () => ({ customFields: fields }));
    const back = (await repo.getContact('t1', contact.id))!;
    expect(back.fullName).toBe(odd);
    expect(back.notes).toBe('\ue0000');
    expect(back.tags).toEqual([odd, 'x']);
    expect(Object.keys(back.customFields!)).toEqual(['zeta', 'alpha', '__proto__']);
    expect(back.customFields!.alpha).toBe('\u0000');
    expect((await repo.listContacts('t1', { page: 1, pageSize: 10, tag: odd })).total).toBe(1);
    expect((await repo.listContacts('t1', { page: 1, pageSize: 10, search: fold('b\ud800c') })).total).toBe(1);
  });

  it("gives a document's participants back exactly, U+0000 and lone surrogates included, and finds the document by each", async () => {
    const { services, repositories } = await make();
    const odd = 'a\u0000b\ud800c\ue000d\udfff';
    const made = await services[0]!.createDocument('t1', 'owner@t1.example.com', {
      name: odd,
      sendByWhatsapp: false,
      participants: [
        { email: 'one@example.com', name: '\u0000' },
        { email: 'two@example.com', name: odd, whatsapp: '\ue0000', invitedBy: 'x\u0000@example.com' },
      ],
    });
    const back = (await repositories[0]!.getDocument('t1', made.id))!;
    expect(back.name).toBe(odd);
    expect(back.participants.map((p) => [p.name, p.whatsapp, p.invitedBy])).toEqual([
      ['\u0000', null, 'owner@t1.example.com'],
      [odd, '\ue0000', 'x\u0000@example.com'],
    ]);
    for (const email of ['one@example.com', 'two@example.com']) expect((await repositories[0]!.documentsOf('t1', email)).map((d) => d.id)).toEqual([made.id]);
  });

  it('folds as the memory store does: the same searches find the same contacts', async () => {
    const { repositories } = await make();
    const names = ['Peña Muñoz', 'Müller Über', 'Łukasz Żółw', 'Straße Groß', 'Ærøskøbing', 'İstanbul Işık', 'ǅemal', 'Ångström'];
    const memory: Repository = new MemoryRepository(EMPTY);
    for (const [i, name] of names.entries()) {
      for (const repo of [memory, repositories[0]!]) await repo.insertContact('t1', draft('t1', `n${i}@example.com`, { fullName: name, company: `${name} SA` }));
    }
    for (const needle of ['pena', 'muñoz', 'munoz', 'muller', 'uber', 'lukasz', 'łukasz', 'zolw', 'strasse', 'straße', 'aeroskobing', 'ærøskøbing', 'istanbul', 'isik', 'dzemal', 'ǆemal', 'angstrom', 'ångström', 'example.com', '.com\u0002', 'com\u0002peña', 'sa\u0001']) {
      const search = (repo: Repository) => repo.listContacts('t1', { page: 1, pageSize: 50, search: fold(needle) }).then((p) => p.rows.map((r) => r.contact.email));
      expect(await search(repositories[0]!), needle).toEqual(await search(memory));
    }
  });
});
