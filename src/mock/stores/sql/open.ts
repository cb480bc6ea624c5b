import type { SeedOptions } from '../../port/repository.js';
import type { SqlDriver } from './driver.js';
import { migrate } from './migrations.js';
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
  await migrate(driver);
  const seeded = await driver.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('allsign-mock:seed:' || current_schema()))`);
    const [marker] = await tx.query(`SELECT 1 FROM meta WHERE key = 'seeded'`);
    if (!marker) {
      await seedStore(tx, seed);
      return true;
    }
    const keys = seed.apiKeys.map((k) => ({ tenant: encodeText(k.tenant), key: encodeText(k.key), email: encodeText(k.email) }));
    await tx.query('INSERT INTO tenants (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [keys.map((k) => k.tenant)]);
    await tx.query('INSERT INTO api_keys (tenant, key, email) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING', [
      keys.map((k) => k.tenant),
      keys.map((k) => k.key),
      keys.map((k) => k.email),
    ]);
    return false;
  });
  const repository = new SqlRepository(driver);
  await repository.cacheKeys();
  return { repository, seeded, contacts: (await repository.counts()).contacts };
}
