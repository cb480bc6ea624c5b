import type { SeedOptions } from '../../port/repository.js';
import type { SqlDriver } from './driver.js';
import { migrate, SCHEMA_VERSION } from './migrations.js';
import { seedStore } from './seeding.js';
import { SqlRepository } from './sql-repository.js';
import { encodeText } from './text-codec.js';

export interface OpenedStore {
  repository: SqlRepository;
  /** true when this start seeded the store; false when it kept what an earlier run left */
  seeded: boolean;
  /** contacts in the store once open */
  contacts: number;
}

/**
 * Migrates the database, then seeds it if nothing ever did: once, on the first start of an empty
 * store, whichever replica gets there first (the others wait on the lock and find it seeded). A
 * kept store gains the configured API keys it lacks and loses nothing.
 */
export async function openSqlRepository(driver: SqlDriver, seed: SeedOptions): Promise<OpenedStore> {
  const keys = seed.apiKeys.map((k) => ({ tenant: encodeText(k.tenant), key: encodeText(k.key), email: encodeText(k.email) }));
  // a store this version made and seeded before, with the configured keys: one statement, no lock
  // (a restart, and every replica but the first, takes this way)
  const ready = await readyAlready(driver, keys.map((k) => k.key));
  const seeded = ready
    ? false
    : await (async () => {
        await migrate(driver);
        return driver.transaction(async (tx) => {
          await tx.query(`SELECT pg_advisory_xact_lock(hashtext('allsign-mock:seed:' || current_schema()))`);
          const [marker] = await tx.query(`SELECT 1 FROM meta WHERE key = 'seeded'`);
          if (!marker) {
            await seedStore(tx, seed);
            return true;
          }
          await tx.query('INSERT INTO tenants (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [keys.map((k) => k.tenant)]);
          await tx.query('INSERT INTO api_keys (tenant, key, email) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING', [
            keys.map((k) => k.tenant),
            keys.map((k) => k.key),
            keys.map((k) => k.email),
          ]);
          return false;
        });
      })();
  const repository = new SqlRepository(driver);
  await repository.cacheKeys();
  return { repository, seeded, contacts: (await repository.counts()).contacts };
}

/** The schema at this version, the store seeded, every configured key there; false when anything is missing (a new database included). */
async function readyAlready(driver: SqlDriver, keys: string[]): Promise<boolean> {
  try {
    const [row] = await driver.query<{ ready: boolean }>(
      `SELECT (SELECT max(version) FROM schema_migrations) = $1 AND EXISTS (SELECT 1 FROM meta WHERE key = 'seeded')
         AND (SELECT count(*) FROM api_keys WHERE key = ANY ($2::text[])) = cardinality($2::text[]) AS ready`,
      [SCHEMA_VERSION, [...new Set(keys)]],
    );
    return row?.ready === true;
  } catch {
    // no schema yet
    return false;
  }
}
