import type { ContactPage, ListQuery } from '../../port/repository.js';
import type { Queryable } from './driver.js';
import { CONTACT_JSON_LENGTH, CONTACT_VALUES_JSON, toContact, type ContactRow } from './rows.js';
import { encodeText } from './text-codec.js';
import { IDENTITY } from './profile.js';

type ListRow = ContactRow & { total: number };

// a tenant's contact count is kept in slots (migration 2): the total is their sum
const TOTAL = 'SELECT coalesce(sum(k.contacts), 0) FROM contact_counts k';

// the contact's array with two more items: its user's identity and its documents (subqueries per
// row cost PGlite a third less than joins), read at these positions
const IDENTITY_AT = CONTACT_JSON_LENGTH;
const DOCUMENTS_AT = CONTACT_JSON_LENGTH + 1;
const ROW = `c.seq, json_build_array(${CONTACT_VALUES_JSON},
  ${IDENTITY},
  (SELECT count(*) FROM document_participants dp WHERE dp.tenant = c.tenant AND dp.email = c.email_key)) AS contact`;

/** `%needle%` for LIKE, the needle's own % _ and \ taken literally. */
export function containsPattern(needle: string): string {
  return `%${encodeText(needle).replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * One page, newest first, and the total over all pages, in one statement. Unfiltered, the total is
 * the tenant's counter; filtered, the matches are found once (the trigram index narrows a search)
 * and both counted and paged from there.
 */
export async function listContacts(q: Queryable, tenant: string, query: ListQuery): Promise<ContactPage> {
  const { page, pageSize } = query;
  const params: unknown[] = [encodeText(tenant), pageSize, (page - 1) * pageSize];
  const param = (value: unknown) => `$${params.push(value)}`;
  // conditions on the contact (and its user); a search alone reads the narrow search table only
  const where: string[] = [];
  let search: string | undefined;
  if (query.search) {
    search = param(containsPattern(query.search));
    // the search table joins the texts with U+0002: a needle holding one is checked field by field
    if (query.search.includes('\u0002')) where.push(`(c.search_text LIKE ${search} OR c.company_text LIKE ${search})`);
  }
  if (query.tag !== undefined) where.push(`${param(encodeText(query.tag))} = ANY (c.tags)`);
  if (query.source !== undefined) where.push(`c.source = ${param(query.source)}`);
  if (query.verified !== undefined) where.push(`coalesce(u.identity_verified, false) = ${param(query.verified)}`);

  let rows: ListRow[];
  if (!search && where.length === 0) {
    // the page's sequence numbers first: rows skipped by OFFSET are never built into JSON
    rows = await q.query<ListRow>(
      `SELECT (${TOTAL} WHERE k.tenant = $1) AS total, ${ROW}
       FROM (SELECT seq FROM contacts WHERE tenant = $1 ORDER BY seq DESC LIMIT $2 OFFSET $3) AS m JOIN contacts c ON c.seq = m.seq
       ORDER BY c.seq DESC`,
      params,
    );
    // past the last page: no row to carry the total
    if (rows.length === 0) rows = await q.query<ListRow>(`SELECT (${TOTAL} WHERE k.tenant = t.name) AS total, NULL AS contact FROM tenants t WHERE t.name = $1`, [params[0]]);
  } else {
    const matches = search
      ? `SELECT s.seq FROM contact_search s${where.length ? ' JOIN contacts c ON c.seq = s.seq LEFT JOIN users u ON u.email_key = c.email_key' : ''}
         WHERE s.tenant = $1 AND s.text LIKE ${search}${where.length ? ` AND ${where.join(' AND ')}` : ''}`
      : `SELECT c.seq FROM contacts c LEFT JOIN users u ON u.email_key = c.email_key WHERE c.tenant = $1 AND ${where.join(' AND ')}`;
    rows = await q.query<ListRow>(
      `WITH matches AS MATERIALIZED (${matches})
       SELECT (SELECT count(*) FROM matches) AS total, p.* FROM (SELECT 1) AS one LEFT JOIN LATERAL (
         SELECT ${ROW} FROM (SELECT seq FROM matches ORDER BY seq DESC LIMIT $2 OFFSET $3) AS m JOIN contacts c ON c.seq = m.seq
       ) AS p ON true ORDER BY p.seq DESC`,
      params,
    );
  }
  const total = Number(rows[0]?.total ?? 0);
  return {
    total,
    rows: rows.filter((r) => r.contact !== null).map((r) => ({ contact: toContact(r), identityVerified: r.contact[IDENTITY_AT] === true, documentsCount: Number(r.contact[DOCUMENTS_AT]) })),
  };
}
