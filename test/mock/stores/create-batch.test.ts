import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { UnknownTenantError } from '../../../src/mock/port/errors.js';
import type { SqlDriver } from '../../../src/mock/stores/sql/driver.js';
import { openServer } from '../../../src/mock/stores/sql/pg-driver.js';
import { openEmbeddedInMemory } from '../../../src/mock/stores/sql/pglite-driver.js';
import { SqlRepository } from '../../../src/mock/stores/sql/sql-repository.js';
import { dropDatabases, freshDatabase } from '../../support/postgres.js';
import { draft } from '../../support/repository-contract.js';

// Creates that arrive together are written together (stores/sql/create-batch.ts): fewer statements
// than creates, and every create still learns its own outcome.

const KEYS = [
  { tenant: 't1', key: 'k1', email: 'owner@t1.example.com' },
  { tenant: 't2', key: 'k2', email: 'owner@t2.example.com' },
];

const open: SqlRepository[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});
afterAll(dropDatabases);

/** the store over a driver that counts the statements inserting contacts */
async function counted(driver: SqlDriver): Promise<{ repository: SqlRepository; inserts: () => number }> {
  let inserts = 0;
  const counting: SqlDriver = Object.assign(Object.create(driver) as SqlDriver, {
    query: (sql: string, params?: readonly unknown[]) => {
      if (/^INSERT INTO contacts/.test(sql)) inserts++;
      return driver.query(sql, params);
    },
  });
  const repository = new SqlRepository(counting);
  open.push(repository);
  await repository.reset({ apiKeys: KEYS, seed: 1, contactsPerTenant: 0 });
  return { repository, inserts: () => inserts };
}

const STORES: [string, () => Promise<SqlDriver>][] = [
  ['embedded (PGlite)', () => openEmbeddedInMemory()],
  ['PostgreSQL', async () => openServer(await freshDatabase())],
];

describe.each(STORES)('%s store: creates written together', (_name, driver) => {
  it('writes many simultaneous creates in fewer statements, one contact per email, each told whether it made it', async () => {
    const { repository, inserts } = await counted(await driver());
    const emails = Array.from({ length: 60 }, (_, i) => (i % 10 === 9 ? `Same@Example.com` : `c${i}@example.com`));
    const outcomes = await Promise.all(emails.map((email) => repository.insertContact('t1', draft('t1', email))));
    expect(inserts()).toBeLessThan(emails.length);
    const same = outcomes.filter((o) => o.contact.emailKey === 'same@example.com');
    expect(same.filter((o) => o.created)).toHaveLength(1);
    expect(new Set(same.map((o) => o.contact.id)).size).toBe(1);
    expect(outcomes.filter((o) => o.created)).toHaveLength(55);
    for (const o of outcomes) expect(o).toMatchObject({ identityVerified: false, documents: [] });
    expect((await repository.listContacts('t1', { page: 1, pageSize: 100 })).total).toBe(55);
  });

  it('lets no create fail for another’s: a tenant that is gone fails its own creates alone', async () => {
    const { repository } = await counted(await driver());
    await repository.deleteTenant('t2');
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => repository.insertContact(i % 3 ? 't1' : 't2', draft(i % 3 ? 't1' : 't2', `m${i}@example.com`)).then((o) => o.created, (e: unknown) => e)),
    );
    outcomes.forEach((outcome, i) => {
      if (i % 3) expect(outcome).toBe(true);
      else expect(outcome).toBeInstanceOf(UnknownTenantError);
    });
    expect((await repository.listContacts('t1', { page: 1, pageSize: 100 })).total).toBe(20);
  });
});
