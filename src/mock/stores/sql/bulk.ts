import type { DocumentRecord, NewContact, UserState } from '../../port/records.js';
import type { Queryable } from './driver.js';
import { encodeText } from './text-codec.js';
import { CONTACT_TABLE, DOCUMENT_TABLE } from './rows.js';

// Many rows in one statement: each column travels as one array parameter and unnest() turns the
// arrays back into rows. A statement per thousands of rows, where one per row would take minutes
// for a large seed.

const BATCH = 5000;

/**
 * Inserts contacts, skipping those whose email the tenant has already. `seqs` gives their
 * sequence numbers (seeding and imports keep them); otherwise the database assigns them in order.
 */
export async function insertContacts(q: Queryable, contacts: readonly NewContact[], seqs?: readonly number[]): Promise<void> {
  const { names, unnestArrays, unnestSelect } = CONTACT_TABLE;
  const seq = seqs ? `$${CONTACT_TABLE.columns.length + 1}::int8[]` : undefined;
  for (let from = 0; from < contacts.length; from += BATCH) {
    const columns = CONTACT_TABLE.unnestParams(contacts.slice(from, from + BATCH));
    // ordered by position in the arrays: sequence numbers the database assigns follow the input
    await q.query(
      `INSERT INTO contacts (${seq ? 'seq, ' : ''}${names})
       SELECT ${seq ? 'seq, ' : ''}${unnestSelect} FROM unnest(${unnestArrays}${seq ? `, ${seq}` : ''}) WITH ORDINALITY AS r(${names}${seq ? ', seq' : ''}, position)
       ORDER BY position
       ON CONFLICT (tenant, email_key) DO NOTHING`,
      seqs ? [...columns, seqs.slice(from, from + BATCH)] : columns,
    );
  }
}

export async function insertDocuments(q: Queryable, documents: readonly DocumentRecord[]): Promise<void> {
  if (documents.length === 0) return;
  const { names, unnestArrays, unnestSelect } = DOCUMENT_TABLE;
  await q.query(
    `INSERT INTO documents (${names}) SELECT ${unnestSelect} FROM unnest(${unnestArrays}) WITH ORDINALITY AS r(${names}, position) ORDER BY position`,
    DOCUMENT_TABLE.unnestParams(documents),
  );
}

/** Platform users, each set to what it is given (the last word for an email given twice). */
export async function upsertUsers(q: Queryable, users: readonly UserState[]): Promise<void> {
  const latest = new Map(users.map((u) => [encodeText(u.email), u.identityVerified]));
  if (latest.size === 0) return;
  await q.query(
    `INSERT INTO users (email_key, identity_verified) SELECT email_key, identity_verified FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS u(email_key, identity_verified, position) ORDER BY position
     ON CONFLICT (email_key) DO UPDATE SET identity_verified = excluded.identity_verified`,
    [[...latest.keys()], [...latest.values()]],
  );
}
