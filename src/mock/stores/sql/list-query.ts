import type { ContactPage, ListQuery } from '../../port/repository.js';
import type { Queryable } from './driver.js';
import { CONTACT_COLUMNS, toContact, type ContactRow } from './rows.js';
import { encodeText } from './text-codec.js';

type ListRow = ContactRow & { total: number; identity_verified: boolean; documents_count: number };

const ROW = `${CONTACT_COLUMNS}, coalesce(u.identity_verified, false) AS identity_verified,
  (SELECT count(*) FROM document_participants dp WHERE dp.tenant = c.tenant AND dp.email = c.email_key) AS documents_count`;

/** `%needle%` for LIKE, the needle's own % _ and \ taken literally. */
export function containsPattern(needle: string): string {
  return `%${encodeText(needle).replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * One page, newest first, and the total over all pages, in one statement. Unfiltered, the total is
 * the tenant's counter; filtered, the matches are found once (the trigram indexes narrow a search)
 * and both counted and paged from there.
 */
export async function listContacts(q: Queryable, tenant: string, query: ListQuery): Promise<ContactPage> {
  const { page, pageSize } = query;
  const params: unknown[] = [encodeText(tenant), pageSize, (page - 1) * pageSize];
  const where: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (query.search) {
    const pattern = param(containsPattern(query.search));
    where.push(`(c.search_text LIKE ${pattern} OR c.company_text LIKE ${pattern})`);
  }
  if (query.tag !== undefined) where.push(`${param(encodeText(query.tag))} = ANY (c.tags)`);
  if (query.source !== undefined) where.push(`c.source = ${param(query.source)}`);
  if (query.verified !== undefined) where.push(`coalesce(u.identity_verified, false) = ${param(query.verified)}`);

  const rows = where.length
    ? await q.query<ListRow>(
        `WITH matches AS MATERIALIZED (
           SELECT c.seq FROM contacts c LEFT JOIN users u ON u.email_key = c.email_key WHERE c.tenant = $1 AND ${where.join(' AND ')}
         )
         SELECT (SELECT count(*) FROM matches) AS total, p.* FROM (SELECT 1) AS one LEFT JOIN LATERAL (
           SELECT ${ROW} FROM (SELECT seq FROM matches ORDER BY seq DESC LIMIT $2 OFFSET $3) AS m
           JOIN contacts c ON c.seq = m.seq LEFT JOIN users u ON u.email_key = c.email_key
         ) AS p ON true ORDER BY p.seq DESC`,
        params,
      )
    : await q.query<ListRow>(
        `SELECT t.contacts AS total, p.* FROM tenants t LEFT JOIN LATERAL (
           SELECT ${ROW} FROM contacts c LEFT JOIN users u ON u.email_key = c.email_key
           WHERE c.tenant = t.name ORDER BY c.seq DESC LIMIT $2 OFFSET $3
         ) AS p ON true WHERE t.name = $1 ORDER BY p.seq DESC`,
        params,
      );
  const total = Number(rows[0]?.total ?? 0);
  return {
    total,
    rows: rows.filter((r) => r.id !== null).map((r) => ({ contact: toContact(r), identityVerified: r.identity_verified, documentsCount: Number(r.documents_count) })),
  };
}
