import type { ApiKeySpec } from '../../port/records.js';
import type { SeedOptions } from '../../port/repository.js';
import { generateSeed } from '../../seed/seed.js';
import { insertContacts, insertDocuments, upsertUsers } from './bulk.js';
import { analyzeAfterLoad } from './seeding.js';
import type { Queryable } from './driver.js';
import { decodeText, encodeText } from './text-codec.js';

/** A tenant that exists (or whose key does) already: the transaction creating it rolls back. */
class Taken extends Error {}

/** A new tenant with its first key, its owner a verified user; false when the tenant or the key exists. */
export async function createTenant(transaction: <T>(work: (tx: Queryable) => Promise<T>) => Promise<T>, key: ApiKeySpec): Promise<boolean> {
  try {
    return await transaction(async (tx) => {
      // the unique keys decide between two processes creating one tenant at once: the second
      // waits for the first to commit, then inserts nothing
      const tenant = await tx.query('INSERT INTO tenants (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name', [encodeText(key.tenant)]);
      if (tenant.length === 0) throw new Taken();
      const inserted = await tx.query('INSERT INTO api_keys (tenant, key, email) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key', [
        encodeText(key.tenant),
        encodeText(key.key),
        encodeText(key.email),
      ]);
      if (inserted.length === 0) throw new Taken();
      await upsertUsers(tx, [{ email: key.email.toLowerCase(), identityVerified: true }]);
      return true;
    });
  } catch (error) {
    if (error instanceof Taken) return false;
    throw error;
  }
}

/** Removes what a tenant holds; with `keep` its row and keys stay (a reseed), otherwise they go too. */
export async function emptyTenant(tx: Queryable, tenant: string, keep: boolean): Promise<boolean> {
  const name = encodeText(tenant);
  // the words and participant rows go with them (the delete triggers)
  await tx.query('DELETE FROM documents WHERE tenant = $1', [name]);
  await tx.query('DELETE FROM contacts WHERE tenant = $1', [name]);
  if (keep) return true;
  await tx.query('DELETE FROM api_keys WHERE tenant = $1', [name]);
  return (await tx.query('DELETE FROM tenants WHERE name = $1 RETURNING name', [name])).length > 0;
}

/** Empties one tenant and seeds it as a full reset would (its keys stay); nothing for a tenant without keys. */
export async function seedTenant(tx: Queryable, tenant: string, options: SeedOptions): Promise<void> {
  const [owner] = await tx.query<{ email: string }>('SELECT email FROM api_keys WHERE tenant = $1 ORDER BY position LIMIT 1 FOR UPDATE', [encodeText(tenant)]);
  if (!owner) return;
  await emptyTenant(tx, tenant, true);
  const data = generateSeed(options.apiKeys, options.seed, options.contactsPerTenant, { tenant, owner: decodeText(owner.email) });
  await upsertUsers(tx, [...data.users].map(([email, identityVerified]) => ({ email, identityVerified })));
  for (const seeded of data.tenants) {
    await insertContacts(tx, seeded.contacts);
    await insertDocuments(tx, seeded.documents);
  }
  await analyzeAfterLoad(tx, options.contactsPerTenant);
}
