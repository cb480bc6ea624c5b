import type { ApiKeySpec, ContactChange, ContactProfile, ContactRecord, InsertedContact, Counts, DocumentChange, DocumentRecord, NewContact, SnapshotInfo, StoreState } from '../../port/records.js';
import { UnknownTenantError } from '../../port/errors.js';
import type { ContactPage, ListQuery, Repository, SeedOptions, StoreHealth, StoreUsage } from '../../port/repository.js';
import type { Queryable, SqlDriver } from './driver.js';
import { insertContacts } from './bulk.js';
import { listContacts } from './list-query.js';
import { autocomplete } from './autocomplete.js';
import { seedStore } from './seeding.js';
import { deleteSnapshot, listSnapshots, restoreSnapshot, saveSnapshot } from './snapshots.js';
import { exportState, importState } from './state.js';
import { createTenant, emptyTenant, seedTenant } from './tenants.js';
import { CONTACT, CONTACT_TABLE, DOCUMENT, DOCUMENT_TABLE, toContact, toDocument, type ContactRow, type DocumentRow } from './rows.js';
import { decodeText, encodeText } from './text-codec.js';
import { PROFILE, toProfile } from './profile.js';
import { CreateBatcher } from './create-batch.js';

/** the channel a change to keys is announced on */
const KEYS_CHANGED = 'allsign_mock_keys';
const MAX_CACHED_KEYS = 10_000;

/**
 * The repository over PostgreSQL, embedded (PGlite) or a server (node-postgres): one adapter, one
 * dialect. Uniqueness is the database's (UNIQUE (tenant, email_key), ON CONFLICT DO NOTHING), and
 * a change function runs between a SELECT … FOR UPDATE and the write, in one transaction: two
 * processes on one database behave as one API.
 */
export class SqlRepository implements Repository {
  /** keys found, while every change to keys is heard of (cacheKeys): one query less per request */
  private readonly keys = new Map<string, ApiKeySpec>();
  private keysGeneration = 0;
  private keysWatch: { readonly active: boolean } | undefined;

  /** creates that arrive together are written together (create-batch.ts) */
  private readonly creates: CreateBatcher;

  constructor(readonly driver: SqlDriver) {
    this.creates = new CreateBatcher(driver, (contact) => this.insertNew(contact));
  }

  get health(): StoreHealth | undefined {
    return this.driver.health;
  }

  usage(): StoreUsage {
    // a database's size is the database's to report; a tenant's share of it would cost a scan
    return this.driver.pool ? { pool: this.driver.pool() } : {};
  }

  /**
   * Keeps the keys it has found in memory, for as long as it listens to the notification every
   * change to keys sends (from any process on the database) and forgets them all on each.
   */
  async cacheKeys(): Promise<void> {
    this.keysWatch ??= await this.driver.listen(KEYS_CHANGED, () => this.forgetKeys());
  }

  private forgetKeys(): void {
    this.keysGeneration++;
    this.keys.clear();
  }

  /** A transaction that removes or replaces keys: every process forgets the keys it knew when it commits. */
  private changingKeys<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    this.forgetKeys();
    return this.driver
      .transaction(async (tx) => {
        const result = await work(tx);
        await tx.query(`SELECT pg_notify('${KEYS_CHANGED}', '')`);
        return result;
      })
      .finally(() => this.forgetKeys());
  }

  // ---- tenants and keys

  async authenticate(key: string): Promise<ApiKeySpec | undefined> {
    const known = this.keysWatch?.active ? this.keys.get(key) : undefined;
    if (known) return known;
    const generation = this.keysGeneration;
    const [row] = await this.driver.query<ApiKeySpec>('SELECT tenant, key, email FROM api_keys WHERE key = $1', [encodeText(key)]);
    const spec = row && { tenant: decodeText(row.tenant), key: decodeText(row.key), email: decodeText(row.email) };
    // only what was read after the last change heard of; unknown keys are never kept (anyone can send them)
    if (spec && this.keysWatch?.active && generation === this.keysGeneration && this.keys.size < MAX_CACHED_KEYS) this.keys.set(key, spec);
    return spec;
  }

  async apiKeys(): Promise<ApiKeySpec[]> {
    const rows = await this.driver.query<ApiKeySpec>('SELECT tenant, key, email FROM api_keys ORDER BY position');
    return rows.map((k) => ({ tenant: decodeText(k.tenant), key: decodeText(k.key), email: decodeText(k.email) }));
  }

  createTenant(key: ApiKeySpec): Promise<boolean> {
    return createTenant((work) => this.driver.transaction(work), key);
  }

  deleteTenant(tenant: string): Promise<boolean> {
    return this.changingKeys((tx) => emptyTenant(tx, tenant, false));
  }

  seedTenant(tenant: string, options: SeedOptions): Promise<void> {
    return this.driver.transaction((tx) => seedTenant(tx, tenant, options));
  }

  // ---- contacts

  listContacts(tenant: string, query: ListQuery): Promise<ContactPage> {
    return listContacts(this.driver, tenant, query);
  }

  autocomplete(tenant: string, parts: string[], limit: number): Promise<ContactRecord[]> {
    return autocomplete(this.driver, tenant, parts, limit);
  }

  async getContact(tenant: string, id: string): Promise<ContactRecord | undefined> {
    const [row] = await this.driver.query<ContactRow>(`SELECT ${CONTACT} FROM contacts c WHERE c.tenant = $1 AND c.id = $2`, [encodeText(tenant), encodeText(id)]);
    return row && toContact(row);
  }

  async getProfile(tenant: string, id: string): Promise<ContactProfile | undefined> {
    const [row] = await this.driver.query<ContactRow>(`SELECT ${PROFILE} FROM contacts c WHERE c.tenant = $1 AND c.id = $2`, [encodeText(tenant), encodeText(id)]);
    return row && toProfile(row);
  }

  insertContact(tenant: string, contact: NewContact): Promise<InsertedContact> {
    return ofTenant(tenant, this.creates.insert({ ...contact, tenant }));
  }

  private async insertNew(row: NewContact): Promise<InsertedContact> {
    const { tenant } = row;
    const params = CONTACT_TABLE.params(row);
    // a concurrent insert of the email wins the unique key: this statement then inserts nothing and
    // the one there is read by a later statement, which sees what the other committed
    for (let attempt = 0; ; attempt++) {
      const [inserted] = await this.driver.query<ContactRow>(
        `INSERT INTO contacts AS c (${CONTACT_TABLE.names}) VALUES (${CONTACT_TABLE.values})
         ON CONFLICT (tenant, email_key) DO NOTHING RETURNING ${PROFILE}`,
        params,
      );
      if (inserted) return { created: true, ...toProfile(inserted) };
      const [existing] = await this.driver.query<ContactRow>(`SELECT ${PROFILE} FROM contacts c WHERE c.tenant = $1 AND c.email_key = $2`, [encodeText(tenant), encodeText(row.emailKey)]);
      if (existing) return { created: false, ...toProfile(existing) };
      // deleted in between: try again, a few times
      if (attempt === 10) throw new Error(`contact ${row.emailKey} of ${tenant} keeps changing under the insert`);
    }
  }

  async updateContact(tenant: string, id: string, change: (current: ContactRecord) => ContactChange): Promise<ContactRecord | undefined> {
    return this.driver.transaction(async (tx) => {
      const [row] = await tx.query<ContactRow>(`SELECT ${CONTACT} FROM contacts c WHERE c.tenant = $1 AND c.id = $2 FOR UPDATE`, [encodeText(tenant), encodeText(id)]);
      if (!row) return undefined;
      const current = toContact(row);
      const seq = current.seq;
      const after: ContactRecord = { ...current };
      for (const [key, value] of Object.entries(change(current))) if (value !== undefined) (after as unknown as Record<string, unknown>)[key] = value;
      const [updated] = await tx.query<ContactRow>(`UPDATE contacts c SET ${CONTACT_TABLE.updateSet} WHERE c.seq = $1 RETURNING ${CONTACT}`, CONTACT_TABLE.updateParams(seq, after));
      return toContact(updated!);
    });
  }

  async deleteContact(tenant: string, id: string): Promise<ContactRecord | undefined> {
    const [row] = await this.driver.query<ContactRow>(`DELETE FROM contacts c WHERE c.tenant = $1 AND c.id = $2 RETURNING ${CONTACT}`, [encodeText(tenant), encodeText(id)]);
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
      `SELECT ${DOCUMENT} FROM document_participants p JOIN documents d ON d.seq = p.document_seq
       WHERE p.tenant = $1 AND p.email = $2 ORDER BY d.created_at DESC, d.seq`,
      [encodeText(tenant), encodeText(emailKey)],
    );
    return rows.map(toDocument);
  }

  async insertDocument({ document, invite }: DocumentChange): Promise<DocumentRecord> {
    await ofTenant(
      document.tenant,
      this.driver.transaction(async (tx) => {
        await tx.query(`INSERT INTO documents (${DOCUMENT_TABLE.names}) VALUES (${DOCUMENT_TABLE.values})`, DOCUMENT_TABLE.params(document));
        await insertContacts(tx, invite);
      }),
    );
    return document;
  }

  async getDocument(tenant: string, id: string): Promise<DocumentRecord | undefined> {
    const [row] = await this.driver.query<DocumentRow>(`SELECT ${DOCUMENT} FROM documents d WHERE d.tenant = $1 AND d.id = $2`, [encodeText(tenant), encodeText(id)]);
    return row && toDocument(row);
  }

  async updateDocument(tenant: string, id: string, change: (current: DocumentRecord) => DocumentChange): Promise<DocumentRecord | undefined> {
    return this.driver.transaction(async (tx) => {
      const [row] = await tx.query<DocumentRow>(`SELECT ${DOCUMENT} FROM documents d WHERE d.tenant = $1 AND d.id = $2 FOR UPDATE`, [encodeText(tenant), encodeText(id)]);
      if (!row) return undefined;
      const { document, invite } = change(toDocument(row));
      await tx.query(`UPDATE documents SET ${DOCUMENT_TABLE.updateSet} WHERE seq = $1`, DOCUMENT_TABLE.updateParams(row.seq, document));
      await insertContacts(tx, invite);
      return document;
    });
  }

  // ---- control plane

  async findContact(id: string): Promise<ContactRecord | undefined> {
    const [row] = await this.driver.query<ContactRow>(`SELECT ${CONTACT} FROM contacts c WHERE c.id = $1 ORDER BY c.seq LIMIT 1`, [encodeText(id)]);
    return row && toContact(row);
  }

  async findDocument(id: string): Promise<DocumentRecord | undefined> {
    const [row] = await this.driver.query<DocumentRow>(`SELECT ${DOCUMENT} FROM documents d WHERE d.id = $1 ORDER BY d.seq LIMIT 1`, [encodeText(id)]);
    return row && toDocument(row);
  }

  async counts(): Promise<Counts> {
    const [row] = await this.driver.query<Counts>(
      `SELECT (SELECT count(*) FROM tenants) AS tenants, (SELECT coalesce(sum(contacts), 0) FROM contact_counts) AS contacts,
              (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM users) AS users`,
    );
    return { tenants: Number(row!.tenants), contacts: Number(row!.contacts), documents: Number(row!.documents), users: Number(row!.users) };
  }

  async reset(options: SeedOptions): Promise<void> {
    await this.changingKeys((tx) => seedStore(tx, options));
  }

  // ---- state in and out

  exportState(): Promise<StoreState> {
    return this.driver.transaction(async (tx) => {
      // one moment of the store, whatever other processes write meanwhile
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      return exportState(tx);
    });
  }

  importState(state: StoreState): Promise<void> {
    return this.changingKeys((tx) => importState(tx, state));
  }

  saveSnapshot(name: string): Promise<SnapshotInfo> {
    return this.driver.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      return saveSnapshot(tx, name);
    });
  }

  restoreSnapshot(name: string): Promise<boolean> {
    return this.changingKeys((tx) => restoreSnapshot(tx, name));
  }

  listSnapshots(): Promise<SnapshotInfo[]> {
    return listSnapshots(this.driver);
  }

  deleteSnapshot(name: string): Promise<boolean> {
    return this.driver.transaction((tx) => deleteSnapshot(tx, name));
  }

  /** Closes the pool or the embedded database (after the server has drained). */
  close(): Promise<void> {
    return this.driver.close();
  }
}

/**
 * A write for a tenant that another request (or replica) deleted after this one authenticated: the
 * foreign key to tenants refuses it, and the tenant is gone, not a failure of the store.
 */
async function ofTenant<T>(tenant: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if ((error as { code?: string }).code === '23503') throw new UnknownTenantError(tenant);
    throw error;
  }
}
