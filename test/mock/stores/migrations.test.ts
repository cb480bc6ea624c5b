import { afterAll, afterEach, expect, it } from 'vitest';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../src/mock/stores/sql/migrations.js';
import { openServer } from '../../../src/mock/stores/sql/pg-driver.js';
import { SqlRepository } from '../../../src/mock/stores/sql/sql-repository.js';
import type { SqlDriver } from '../../../src/mock/stores/sql/driver.js';
import { blankDatabase, dropDatabases } from '../../support/postgres.js';

// A store kept from an earlier version (a --data directory, a sandbox's database) is brought up to
// date where it stands: what it held reads the same afterwards, and the kept invariants go on.

const drivers: SqlDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()));
});
afterAll(dropDatabases);

async function atVersion(version: number): Promise<SqlDriver> {
  const driver = openServer(await blankDatabase());
  drivers.push(driver);
  await migrate(driver, MIGRATIONS.filter((m) => m.version <= version));
  return driver;
}

const insertContacts = (db: SqlDriver, tenant: string, count: number) =>
  db.query(
    `INSERT INTO contacts (id, tenant, email, email_key, source, created_at, updated_at, search_text, company_text, words)
     SELECT 'id-' || i, $1, 'c' || i || '@example.com', 'c' || i || '@example.com', 'api', now(), now(), '', '', '{}' FROM generate_series(1, $2::int) AS i`,
    [tenant, count],
  );

it('brings a version 1 store to the latest version with every tenant’s contact count as it was', async () => {
  const db = await atVersion(1);
  await db.query(`INSERT INTO tenants (name) VALUES ('t1'), ('t2'), ('t3')`);
  await insertContacts(db, 't1', 7);
  await insertContacts(db, 't2', 3);
  await db.query(`DELETE FROM contacts WHERE tenant = 't2' AND id = 'id-1'`);

  expect(await migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version > 1).map((m) => m.version));
  const repository = new SqlRepository(db);
  const total = async (tenant: string) => (await repository.listContacts(tenant, { page: 1, pageSize: 25 })).total;
  expect([await total('t1'), await total('t2'), await total('t3')]).toEqual([7, 2, 0]);
  // past the last page the total still comes from the counts
  expect((await repository.listContacts('t1', { page: 9, pageSize: 25 })).total).toBe(7);
  expect((await repository.counts()).contacts).toBe(9);

  // the triggers of the new version keep counting
  await insertContacts(db, 't3', 4);
  await db.query(`DELETE FROM contacts WHERE tenant = 't1' AND id IN ('id-1', 'id-2')`);
  expect([await total('t1'), await total('t2'), await total('t3')]).toEqual([5, 2, 4]);
});

it('runs no step twice: a store at the latest version is left as it is', async () => {
  const db = await atVersion(SCHEMA_VERSION);
  expect(await migrate(db)).toEqual([]);
});

it('forgets a deleted tenant’s count with it, and counts a tenant made again from zero', async () => {
  const db = await atVersion(SCHEMA_VERSION);
  await db.query(`INSERT INTO tenants (name) VALUES ('t1')`);
  await insertContacts(db, 't1', 5);
  await db.query(`DELETE FROM tenants WHERE name = 't1'`);
  expect(await db.query(`SELECT * FROM contact_counts`)).toEqual([]);
  await db.query(`INSERT INTO tenants (name) VALUES ('t1')`);
  await insertContacts(db, 't1', 2);
  expect((await new SqlRepository(db).listContacts('t1', { page: 1, pageSize: 25 })).total).toBe(2);
});
