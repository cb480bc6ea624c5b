import type { ContactRecord } from '../../port/records.js';
import type { Queryable } from './driver.js';
import { CONTACT, toContact, type ContactRow } from './rows.js';
import { encodeText } from './text-codec.js';

// past the last code point: every word starting with a prefix sorts below prefix + this (collation C)
const AFTER = '\u{10ffff}';

/**
 * Up to `limit` contacts with, for every part, a name or email word starting with it. The word
 * index (tenant, word, seq) is walked from the longest part, in word order and each word's oldest
 * first, as the memory store walks its own; the other parts are checked against the contact's
 * words. A contact with several matching words shows up once per word, so the walk goes on in
 * batches until `limit` distinct contacts are found or the prefix runs out.
 */
export async function autocomplete(q: Queryable, tenant: string, parts: string[], limit: number): Promise<ContactRecord[]> {
  if (parts.length === 0 || limit <= 0) return [];
  const driver = parts.reduce((a, b) => (b.length > a.length ? b : a));
  const others = parts.filter((p) => p !== driver);
  const batch = Math.max(4 * limit, 20);
  const found = new Map<number, ContactRecord>();
  // the walk starts just before (driver, any seq): a row bound the index can start from (a bound
  // below the prefix, say ('', 0), made PostgreSQL read the tenant's words from the first one)
  let after: [string, number] = [driver, -1];
  for (;;) {
    const rows = await q.query<ContactRow & { word: string; word_seq: number }>(
      `SELECT w.word, w.seq AS word_seq, ${CONTACT} FROM contact_words w JOIN contacts c ON c.seq = w.seq
       WHERE w.tenant = $1 AND w.word >= $2 AND w.word < $3 AND starts_with(w.word, $2) AND (w.word, w.seq) > ($4, $5)
         AND NOT EXISTS (SELECT 1 FROM unnest($6::text[]) AS part WHERE NOT EXISTS (SELECT 1 FROM unnest(c.words) AS word WHERE starts_with(word, part)))
       ORDER BY w.word, w.seq LIMIT $7`,
      [encodeText(tenant), driver, driver + AFTER, after[0], after[1], others, batch],
    );
    for (const row of rows) {
      if (!found.has(row.word_seq)) found.set(row.word_seq, toContact(row));
      if (found.size === limit) return [...found.values()];
    }
    if (rows.length < batch) return [...found.values()];
    const last = rows.at(-1)!;
    after = [last.word, Number(last.word_seq)];
  }
}
