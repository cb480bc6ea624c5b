import type { ApiKeySpec, NewContact, StoreState, TenantDump } from '../../port/records.js';
import { insertContacts, insertDocuments, upsertUsers } from './bulk.js';
import type { Queryable } from './driver.js';
import { CONTACT, DOCUMENT, toContact, toDocument, type ContactRow, type DocumentRow } from './rows.js';
import { analyzeAfterLoad } from './seeding.js';
import { emptyTenant } from './tenants.js';
import { decodeText, encodeText } from './text-codec.js';

/**
 * Every tenant (in the order they came) with its keys, contacts (insertion order) and documents,
 * and the users: read inside the caller's transaction, which sees one moment of the store.
 */
export async function exportState(tx: Queryable): Promise<StoreState> {
  const tenants = await tx.query<{ name: string }>('SELECT name FROM tenants ORDER BY position');
  const keys = await tx.query<ApiKeySpec>('SELECT tenant, key, email FROM api_keys ORDER BY position');
  const contacts = await tx.query<ContactRow>(`SELECT ${CONTACT} FROM contacts c ORDER BY c.seq`);
  const documents = await tx.query<DocumentRow>(`SELECT ${DOCUMENT} FROM documents d ORDER BY d.seq`);
  const users = await tx.query<{ email_key: string; identity_verified: boolean }>('SELECT email_key, identity_verified FROM users ORDER BY position');
  const dumps = new Map<string, TenantDump>(tenants.map(({ name }) => [decodeText(name), { tenant: decodeText(name), apiKeys: [], contacts: [], documents: [] }]));
  for (const k of keys) dumps.get(decodeText(k.tenant))?.apiKeys.push({ key: decodeText(k.key), email: decodeText(k.email) });
  for (const row of contacts) {
    const { seq: _seq, ...contact }: { seq: number } & NewContact = toContact(row);
    dumps.get(contact.tenant)?.contacts.push(contact);
  }
  for (const row of documents) {
    const document = toDocument(row);
    dumps.get(document.tenant)?.documents.push(document);
  }
  return { version: 1, tenants: [...dumps.values()], users: users.map((u) => ({ email: decodeText(u.email_key), identityVerified: u.identity_verified })) };
}

/** Replaces the tenants the state names, everything they hold, and upserts its users, inside the caller's transaction. */
export async function importState(tx: Queryable, state: StoreState): Promise<void> {
  for (const dump of state.tenants) {
    await emptyTenant(tx, dump.tenant, false);
    await tx.query('INSERT INTO tenants (name) VALUES ($1)', [encodeText(dump.tenant)]);
    for (const { key, email } of dump.apiKeys) await tx.query('INSERT INTO api_keys (tenant, key, email) VALUES ($1, $2, $3)', [encodeText(dump.tenant), encodeText(key), encodeText(email)]);
    await insertContacts(tx, dump.contacts);
    await insertDocuments(tx, dump.documents);
  }
  await upsertUsers(tx, state.users);
  await analyzeAfterLoad(tx, state.tenants.reduce((n, t) => n + t.contacts.length, 0));
}
