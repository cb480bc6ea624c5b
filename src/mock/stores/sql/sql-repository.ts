import type { ApiKeySpec, ContactChange, ContactRecord, Counts, DocumentChange, DocumentRecord, NewContact } from '../../port/records.js';
import type { ContactPage, ListQuery, Repository, SeedOptions } from '../../port/repository.js';
import type { SqlDriver } from './driver.js';
import { insertContacts } from './bulk.js';
import { listContacts } from './list-query.js';
import { autocomplete } from './autocomplete.js';
import { seedStore } from './seeding.js';
import {
  CONTACT_COLUMNS,
  CONTACT_INSERT_COLUMNS,
  CONTACT_VALUES,
  DOCUMENT_COLUMNS,
  DOCUMENT_INSERT_COLUMNS,
  DOCUMENT_VALUES,
  contactParams,
  documentParams,
  isUuid,
  toContact,
  toDocument,
  type ContactRow,
  type DocumentRow,
} from './rows.js';
import { encodeText } from './text-codec.js';

/**
 * The repository over PostgreSQL, embedded (PGlite) or a server (node-postgres): one adapter, one
 * dialect. Uniqueness is the database's (UNIQUE (tenant, email_key), ON CONFLICT DO NOTHING), and
 * a change function runs between a SELECT … FOR UPDATE and the write, in one transaction: two
 * processes on one database behave as one API.
 */
export class SqlRepository implements Repository {
  constructor(readonly driver: SqlDriver) {}

  // ---- tenants and keys

  async authenticate(key: string): Promise<ApiKeySpec | undefined> {
    const [row] = await this.driver.query<ApiKeySpec>('SELECT tenant, key, email FROM api_keys WHERE key = $1', [encodeText(key)]);
    return row;
  }

  async apiKeys(): Promise<ApiKeySpec[]> {
    return this.driver.query<ApiKeySpec>('SELECT tenant, key, email FROM api_keys ORDER BY position');
  }

  // ---- contacts

  listContacts(tenant: string, query: ListQuery): Promise<ContactPage> {
    return listContacts(this.driver, tenant, query);
  }

  autocomplete(tenant: string, parts: string[], limit: number): Promise<ContactRecord[]> {
    return autocomplete(this.driver, tenant, parts, limit);
  }

  async getContact(tenant: string, id: string): Promise<ContactRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.driver.query<ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.id = $1 AND c.tenant = $2`, [id, encodeText(tenant)]);
    return row && toContact(row);
  }

  async insertContact(tenant: string, contact: NewContact): Promise<{ created: boolean; contact: ContactRecord }> {
    const params = contactParams({ ...contact, tenant });
    // a concurrent insert of the email wins the unique key: this statement then inserts nothing and
    // the one there is read by a later statement, which sees what the other committed
    for (let attempt = 0; ; attempt++) {
      const [inserted] = await this.driver.query<ContactRow>(
        `INSERT INTO contacts AS c (${CONTACT_INSERT_COLUMNS}) VALUES (${CONTACT_VALUES})
         ON CONFLICT (tenant, email_key) DO NOTHING RETURNING ${CONTACT_COLUMNS}`,
        params,
      );
      if (inserted) return { created: true, contact: toContact(inserted) };
      const [existing] = await this.driver.query<ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.tenant = $1 AND c.email_key = $2`, [params[1], params[3]]);
      if (existing) return { created: false, contact: toContact(existing) };
      // deleted in between: try again, a few times
      if (attempt === 10) throw new Error(`contact ${contact.emailKey} of ${tenant} keeps changing under the insert`);
    }
  }

  async updateContact(tenant: string, id: string, change: (current: ContactRecord) => ContactChange): Promise<ContactRecord | undefined> {
    if (!isUuid(id)) return undefined;
    return this.driver.transaction(async (tx) => {
      const [row] = await tx.query<ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.id = $1 AND c.tenant = $2 FOR UPDATE`, [id, encodeText(tenant)]);
      if (!row) return undefined;
      const current = toContact(row);
      const after: ContactRecord = { ...current };
      for (const [key, value] of Object.entries(change(current))) if (value !== undefined) (after as unknown as Record<string, unknown>)[key] = value;
      const p = contactParams(after);
      const [updated] = await tx.query<ContactRow>(
        `UPDATE contacts c SET full_name = $2, phone = $3, company = $4, job_title = $5, notes = $6, tags = $7, custom_fields = $8::json,
           updated_at = $9, search_text = $10, company_text = $11, words = $12
         WHERE c.id = $1 RETURNING ${CONTACT_COLUMNS}`,
        [p[0], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[13], p[14], p[15], p[16]],
      );
      return toContact(updated!);
    });
  }

  async deleteContact(tenant: string, id: string): Promise<ContactRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.driver.query<ContactRow>(`DELETE FROM contacts c WHERE c.id = $1 AND c.tenant = $2 RETURNING ${CONTACT_COLUMNS}`, [id, encodeText(tenant)]);
    return row && toContact(row);
  }

  // ---- platform users

  async isVerified(emailKey: string): Promise<boolean> {
    const [row] = await this.driver.query<{ identity_verified: boolean }>('SELECT identity_verified FROM users WHERE email_key = $1', [encodeText(emailKey)]);
    return row?.identity_verified ?? false;
  }

  async setVerified(emailKey: string, verified: boolean): Promise<void> {
    await this.driver.query(
      'INSERT INTO users (email_key, identity_verified) VALUES ($1, $2) ON CONFLICT (email_key) DO UPDATE SET identity_verified = excluded.identity_verified',
      [encodeText(emailKey), verified],
    );
  }

  // ---- documents

  async documentsOf(tenant: string, emailKey: string): Promise<DocumentRecord[]> {
    const rows = await this.driver.query<DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM document_participants p JOIN documents d ON d.id = p.document_id
       WHERE p.tenant = $1 AND p.email = $2 ORDER BY d.created_at DESC, d.seq`,
      [encodeText(tenant), encodeText(emailKey)],
    );
    return rows.map(toDocument);
  }

  async insertDocument({ document, invite }: DocumentChange): Promise<DocumentRecord> {
    await this.driver.transaction(async (tx) => {
      await tx.query(`INSERT INTO documents (${DOCUMENT_INSERT_COLUMNS}) VALUES (${DOCUMENT_VALUES})`, documentParams(document));
      await insertContacts(tx, invite);
    });
    return document;
  }

  async getDocument(tenant: string, id: string): Promise<DocumentRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.driver.query<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1 AND d.tenant = $2`, [id, encodeText(tenant)]);
    return row && toDocument(row);
  }

  async updateDocument(tenant: string, id: string, change: (current: DocumentRecord) => DocumentChange): Promise<DocumentRecord | undefined> {
    if (!isUuid(id)) return undefined;
    return this.driver.transaction(async (tx) => {
      const [row] = await tx.query<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1 AND d.tenant = $2 FOR UPDATE`, [id, encodeText(tenant)]);
      if (!row) return undefined;
      const { document, invite } = change(toDocument(row));
      await tx.query(
        `UPDATE documents SET name = $3, status = $4, send_by_whatsapp = $5, participants = $6::json, created_at = $7, signed_at = $8 WHERE id = $1 AND tenant = $2`,
        documentParams({ ...document, id, tenant }),
      );
      await insertContacts(tx, invite);
      return document;
    });
  }

  // ---- control plane

  async findContact(id: string): Promise<ContactRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.driver.query<ContactRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.id = $1`, [id]);
    return row && toContact(row);
  }

  async findDocument(id: string): Promise<DocumentRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.driver.query<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1`, [id]);
    return row && toDocument(row);
  }

  async counts(): Promise<Counts> {
    const [row] = await this.driver.query<Counts>(
      `SELECT (SELECT count(*) FROM tenants) AS tenants, (SELECT coalesce(sum(contacts), 0) FROM tenants) AS contacts,
              (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM users) AS users`,
    );
    return { tenants: Number(row!.tenants), contacts: Number(row!.contacts), documents: Number(row!.documents), users: Number(row!.users) };
  }

  async reset(options: SeedOptions): Promise<void> {
    await this.driver.transaction((tx) => seedStore(tx, options));
  }

  /** Closes the pool or the embedded database (after the server has drained). */
  close(): Promise<void> {
    return this.driver.close();
  }
}
