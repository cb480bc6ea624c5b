import type { DocumentRecord, NewContact, UserState } from '../../port/records.js';
import type { Queryable } from './driver.js';
import { encodeText } from './text-codec.js';
import { CONTACT_INSERT_COLUMNS, contactParams, documentParams, DOCUMENT_INSERT_COLUMNS } from './rows.js';

// Many rows in one statement: each column travels as one array parameter and unnest() turns the
// arrays back into rows. A statement per thousands of rows, where one per row would take minutes
// for a large seed.

const BATCH = 5000;

// the array types of CONTACT_INSERT_COLUMNS; tags and words travel as array literals, one per row
const CONTACT_ARRAYS = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'timestamptz', 'timestamptz', 'text', 'text', 'text'];
const CONTACT_CASTS: Record<string, string> = { tags: 'tags::text[]', custom_fields: 'custom_fields::json', words: 'words::text[]' };
const DOCUMENT_ARRAYS = ['text', 'text', 'text', 'text', 'boolean', 'text', 'timestamptz', 'timestamptz'];

/**
 * Inserts contacts, skipping those whose email the tenant has already. `seqs` gives their
 * sequence numbers (seeding and imports keep them); otherwise the database assigns them in order.
 */
export async function insertContacts(q: Queryable, contacts: readonly NewContact[], seqs?: readonly number[]): Promise<void> {
  const names = CONTACT_INSERT_COLUMNS.split(', ');
  const select = names.map((name) => CONTACT_CASTS[name] ?? name).join(', ');
  for (let from = 0; from < contacts.length; from += BATCH) {
    const batch = contacts.slice(from, from + BATCH);
    const columns: unknown[][] = names.map(() => new Array(batch.length));
    batch.forEach((contact, row) => {
      const params = contactParams(contact);
      params[9] = arrayLiteral(params[9] as string[]);
      params[16] = arrayLiteral(params[16] as string[]);
      params.forEach((value, column) => (columns[column]![row] = value));
    });
    const unnest = CONTACT_ARRAYS.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
    const seq = seqs ? `$${names.length + 1}::int8[]` : undefined;
    // ordered by position in the arrays: sequence numbers the database assigns follow the input
    await q.query(
      `INSERT INTO contacts (${seq ? 'seq, ' : ''}${CONTACT_INSERT_COLUMNS})
       SELECT ${seq ? 'seq, ' : ''}${select} FROM unnest(${unnest}${seq ? `, ${seq}` : ''}) WITH ORDINALITY AS r(${names.join(', ')}${seq ? ', seq' : ''}, position)
       ORDER BY position
       ON CONFLICT (tenant, email_key) DO NOTHING`,
      seqs ? [...columns, seqs.slice(from, from + BATCH)] : columns,
    );
  }
}

export async function insertDocuments(q: Queryable, documents: readonly DocumentRecord[]): Promise<void> {
  if (documents.length === 0) return;
  const names = DOCUMENT_INSERT_COLUMNS.split(', ');
  const columns: unknown[][] = names.map(() => []);
  for (const document of documents) documentParams(document).forEach((value, column) => columns[column]!.push(value));
  const unnest = DOCUMENT_ARRAYS.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  const select = names.map((name) => (name === 'participants' ? 'participants::json' : name)).join(', ');
  await q.query(`INSERT INTO documents (${DOCUMENT_INSERT_COLUMNS}) SELECT ${select} FROM unnest(${unnest}) WITH ORDINALITY AS r(${names.join(', ')}, position) ORDER BY position`, columns);
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

/** A PostgreSQL array literal of strings: every element quoted, so nothing in it is syntax. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
