import type { SeedOptions } from '../../port/repository.js';
import { generateSeed } from '../../seed/seed.js';
import { insertContacts, insertDocuments, upsertUsers } from './bulk.js';
import type { Queryable } from './driver.js';
import { encodeText } from './text-codec.js';

/**
 * The planner's statistics after a large load: without them it guesses, and a search over a
 * freshly seeded 100,000 contacts took 100 ms instead of 5 until autovacuum came by.
 */
export async function analyzeAfterLoad(tx: Queryable, rows: number): Promise<void> {
  if (rows >= 1000) await tx.exec('ANALYZE contacts; ANALYZE contact_words; ANALYZE contact_search; ANALYZE document_participants; ANALYZE users');
}

/** Every table the store's data lives in (snapshots and the schema's own bookkeeping excepted). */
export const DATA_TABLES = 'contacts, contact_words, contact_search, contact_counts, documents, document_participants, api_keys, users, tenants';

/**
 * Empties the store and seeds it, inside the caller's transaction: other processes see the old
 * data or the new, never a half-seeded store. Sequences restart, so the same options give the
 * same data, sequence numbers included, as the memory store does.
 */
export async function seedStore(tx: Queryable, { apiKeys, seed, contactsPerTenant }: SeedOptions): Promise<void> {
  await tx.exec(`TRUNCATE ${DATA_TABLES} RESTART IDENTITY`);
  const tenants = [...new Set(apiKeys.map((k) => k.tenant))];
  await tx.query('INSERT INTO tenants (name) SELECT unnest($1::text[])', [tenants.map((t) => encodeText(t))]);
  await tx.query('INSERT INTO api_keys (tenant, key, email) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [
    apiKeys.map((k) => encodeText(k.tenant)),
    apiKeys.map((k) => encodeText(k.key)),
    apiKeys.map((k) => encodeText(k.email)),
  ]);
  const data = generateSeed(apiKeys, seed, contactsPerTenant);
  await upsertUsers(tx, [...data.users].map(([email, identityVerified]) => ({ email, identityVerified })));
  let seq = 0;
  for (const tenant of data.tenants) {
    await insertContacts(tx, tenant.contacts, tenant.contacts.map(() => ++seq));
    await insertDocuments(tx, tenant.documents);
  }
  await tx.query(`SELECT setval(pg_get_serial_sequence('contacts', 'seq'), $1, $2)`, [Math.max(seq, 1), seq > 0]);
  await analyzeAfterLoad(tx, seq);
  await tx.query(`INSERT INTO meta (key, value) VALUES ('seeded', $1::json) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [
    JSON.stringify({ seed, contactsPerTenant, at: new Date().toISOString() }),
  ]);
}
