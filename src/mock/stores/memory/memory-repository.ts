import type { ApiKeySpec, ContactChange, ContactProfile, ContactRecord, InsertedContact, Counts, DocumentChange, DocumentRecord, NewContact, SnapshotInfo, StoreState, TenantDump } from '../../port/records.js';
import { StoreFullError, UnknownTenantError } from '../../port/errors.js';
import type { ContactPage, ListQuery, Repository, SeedOptions, StoreUsage } from '../../port/repository.js';
import { generateSeed } from '../../seed/seed.js';
import { contactBytes, documentBytes } from './footprint.js';
import { SnapshotShelf } from './snapshots.js';
import { TenantState } from './tenant-state.js';

const NO_CONTACTS = new TenantState('');

/** What one tenant may add to the store beyond its seeded data, in bytes: a shared sandbox stays up. */
export const DEFAULT_TENANT_BYTES = 256 * 2 ** 20;

export interface MemoryLimits {
  /** bytes a tenant's writes may add beyond the seed (contacts and documents; deletes give room back) */
  tenantBytes?: number;
}

/**
 * The default store: everything in this process's memory, indexed for a million contacts per
 * tenant. Each method runs to completion without awaiting, so each is atomic on its own.
 */
export class MemoryRepository implements Repository {
  private readonly keys = new Map<string, ApiKeySpec>();
  private readonly tenants = new Map<string, TenantState>();
  /** platform users: email key → identity verified */
  private readonly users = new Map<string, boolean>();
  private readonly documents = new Map<string, DocumentRecord>();
  private seq = 0;
  /** bytes each tenant's writes added beyond its seed */
  private readonly grown = new Map<string, number>();
  private readonly tenantBytes: number;
  private readonly snapshots = new SnapshotShelf();

  /** A store seeded at once (no await): what in-process callers and benchmarks want. */
  constructor(seed?: SeedOptions, limits: MemoryLimits = {}) {
    this.tenantBytes = limits.tenantBytes ?? DEFAULT_TENANT_BYTES;
    if (seed) this.seed(seed);
  }

  /** Counts `delta` bytes against the tenant, refusing (before anything is written) what would pass its bound. */
  private grow(tenant: string, delta: number): void {
    const now = (this.grown.get(tenant) ?? 0) + delta;
    if (delta > 0 && now > this.tenantBytes) throw new StoreFullError(`tenant ${tenant}`, this.tenantBytes);
    this.grown.set(tenant, now);
  }

  usage(): StoreUsage {
    return { tenantBytes: { byTenant: Object.fromEntries(this.grown), limit: this.tenantBytes } };
  }

  private readonly isVerifiedNow = (emailKey: string): boolean => this.users.get(emailKey) ?? false;
  private readonly nextSeq = (): number => ++this.seq;

  private tenant(name: string): TenantState {
    return this.tenants.get(name) ?? NO_CONTACTS;
  }

  /** A tenant a request writes to: deleted since it authenticated (the request waited in between), it is gone, not made again. */
  private existing(name: string): TenantState {
    const tenant = this.tenants.get(name);
    if (!tenant) throw new UnknownTenantError(name);
    return tenant;
  }

  private writable(name: string): TenantState {
    let tenant = this.tenants.get(name);
    if (!tenant) this.tenants.set(name, (tenant = new TenantState(name)));
    return tenant;
  }

  private seed({ apiKeys, seed, contactsPerTenant }: SeedOptions): void {
    this.keys.clear();
    this.tenants.clear();
    this.users.clear();
    this.documents.clear();
    this.grown.clear();
    this.seq = 0;
    for (const spec of apiKeys) {
      this.keys.set(spec.key, spec);
      this.writable(spec.tenant);
    }
    this.load(generateSeed(apiKeys, seed, contactsPerTenant));
  }

  private load(data: ReturnType<typeof generateSeed>): void {
    for (const [email, verified] of data.users) this.users.set(email, verified);
    for (const seeded of data.tenants) {
      const tenant = this.writable(seeded.tenant);
      tenant.load(seeded, this.nextSeq);
      for (const document of seeded.documents) this.putDocument(tenant, document);
    }
  }

  async reset(options: SeedOptions): Promise<void> {
    this.seed(options);
  }

  async authenticate(key: string): Promise<ApiKeySpec | undefined> {
    return this.keys.get(key);
  }

  async apiKeys(): Promise<ApiKeySpec[]> {
    return [...this.keys.values()];
  }

  async createTenant(key: ApiKeySpec): Promise<boolean> {
    if (this.tenants.has(key.tenant) || this.keys.has(key.key)) return false;
    this.keys.set(key.key, key);
    this.writable(key.tenant);
    this.users.set(key.email.toLowerCase(), true);
    return true;
  }

  async deleteTenant(tenant: string): Promise<boolean> {
    return this.drop(tenant);
  }

  /** the tenant, its keys and its documents go; its byte count starts again */
  private drop(tenant: string): boolean {
    if (!this.tenants.has(tenant)) return false;
    for (const [key, spec] of this.keys) if (spec.tenant === tenant) this.keys.delete(key);
    for (const [id, document] of this.documents) if (document.tenant === tenant) this.documents.delete(id);
    this.tenants.delete(tenant);
    this.grown.delete(tenant);
    return true;
  }

  async seedTenant(tenant: string, options: SeedOptions): Promise<void> {
    const keys = [...this.keys.values()].filter((k) => k.tenant === tenant);
    if (keys.length === 0) return;
    this.drop(tenant);
    for (const key of keys) this.keys.set(key.key, key);
    this.writable(tenant);
    this.load(generateSeed(options.apiKeys, options.seed, options.contactsPerTenant, { tenant, owner: keys[0]!.email }));
  }

  async listContacts(tenant: string, query: ListQuery): Promise<ContactPage> {
    return this.tenant(tenant).list(query, this.isVerifiedNow);
  }

  async autocomplete(tenant: string, words: string[], limit: number): Promise<ContactRecord[]> {
    return this.tenant(tenant).autocomplete(words, limit);
  }

  async getContact(tenant: string, id: string): Promise<ContactRecord | undefined> {
    return this.tenant(tenant).contacts.get(id);
  }

  async getProfile(tenant: string, id: string): Promise<ContactProfile | undefined> {
    const contact = this.tenant(tenant).contacts.get(id);
    return contact && this.profileOf(tenant, contact);
  }

  async insertContact(tenant: string, contact: NewContact): Promise<InsertedContact> {
    const { created, contact: record } = this.insertIfAbsent(this.existing(tenant), contact);
    return { created, ...this.profileOf(tenant, record) };
  }

  private profileOf(tenant: string, contact: ContactRecord): ContactProfile {
    return { contact, identityVerified: this.isVerifiedNow(contact.emailKey), documents: this.documentsNow(tenant, contact.emailKey) };
  }

  /** `counted`: its bytes were already counted with the write it comes with */
  private insertIfAbsent(tenant: TenantState, contact: NewContact, counted = false): { created: boolean; contact: ContactRecord } {
    const existing = tenant.byEmailKey(contact.emailKey);
    if (existing) return { created: false, contact: existing };
    if (!counted) this.grow(tenant.name, contactBytes(contact));
    const record: ContactRecord = { ...contact, tags: [...contact.tags], seq: this.nextSeq() };
    tenant.insert(record);
    return { created: true, contact: record };
  }

  async updateContact(tenant: string, id: string, change: (current: ContactRecord) => ContactChange): Promise<ContactRecord | undefined> {
    const state = this.tenant(tenant);
    const contact = state.contacts.get(id);
    if (!contact) return undefined;
    const changes = change(contact);
    const after = { ...contact };
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) (after as Record<string, unknown>)[key] = value;
    this.grow(tenant, contactBytes(after) - contactBytes(contact));
    state.update(contact, changes);
    return contact;
  }

  async deleteContact(tenant: string, id: string): Promise<ContactRecord | undefined> {
    const state = this.tenant(tenant);
    const contact = state.contacts.get(id);
    if (!contact) return undefined;
    state.remove(contact);
    this.grow(tenant, -contactBytes(contact));
    return contact;
  }

  async isVerified(emailKey: string): Promise<boolean> {
    return this.isVerifiedNow(emailKey);
  }

  async setVerified(emailKey: string, verified: boolean): Promise<void> {
    this.users.set(emailKey, verified);
  }

  async documentsOf(tenant: string, emailKey: string): Promise<DocumentRecord[]> {
    return this.documentsNow(tenant, emailKey);
  }

  private documentsNow(tenant: string, emailKey: string): DocumentRecord[] {
    const ids = this.tenant(tenant).documentsByEmail.get(emailKey);
    if (!ids) return [];
    return [...ids].map((id) => this.documents.get(id)!).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  async insertDocument({ document, invite }: DocumentChange): Promise<DocumentRecord> {
    const tenant = this.existing(document.tenant);
    this.grow(tenant.name, documentBytes(document) + this.inviteBytes(tenant, invite));
    this.putDocument(tenant, document);
    for (const contact of invite) this.insertIfAbsent(tenant, contact, true);
    return document;
  }

  async getDocument(tenant: string, id: string): Promise<DocumentRecord | undefined> {
    return this.documentOf(tenant, id);
  }

  private documentOf(tenant: string, id: string): DocumentRecord | undefined {
    const document = this.documents.get(id);
    return document?.tenant === tenant ? document : undefined;
  }

  async updateDocument(tenant: string, id: string, change: (current: DocumentRecord) => DocumentChange): Promise<DocumentRecord | undefined> {
    // no await before the write: the read, the change and the write are one step
    const current = this.documentOf(tenant, id);
    if (!current) return undefined;
    const { document, invite } = change(current);
    const state = this.writable(tenant);
    this.grow(tenant, documentBytes(document) - documentBytes(current) + this.inviteBytes(state, invite));
    const kept = new Set(document.participants.map((p) => p.email));
    for (const p of current.participants) if (!kept.has(p.email)) state.documentsByEmail.get(p.email)?.delete(id);
    this.putDocument(state, document);
    for (const contact of invite) this.insertIfAbsent(state, contact, true);
    return document;
  }

  /** the contacts an invitation would create (those whose email has none yet) */
  private inviteBytes(tenant: TenantState, invite: NewContact[]): number {
    return invite.reduce((sum, c) => sum + (tenant.byEmailKey(c.emailKey) ? 0 : contactBytes(c)), 0);
  }

  private putDocument(tenant: TenantState, document: DocumentRecord): void {
    this.documents.set(document.id, document);
    for (const p of document.participants) {
      let ids = tenant.documentsByEmail.get(p.email);
      if (!ids) tenant.documentsByEmail.set(p.email, (ids = new Set()));
      ids.add(document.id);
    }
  }

  async findContact(id: string): Promise<ContactRecord | undefined> {
    for (const tenant of this.tenants.values()) {
      const contact = tenant.contacts.get(id);
      if (contact) return contact;
    }
    return undefined;
  }

  async findDocument(id: string): Promise<DocumentRecord | undefined> {
    return this.documents.get(id);
  }

  async counts(): Promise<Counts> {
    let contacts = 0;
    for (const tenant of this.tenants.values()) contacts += tenant.contacts.size;
    return { tenants: this.tenants.size, contacts, documents: this.documents.size, users: this.users.size };
  }

  async exportState(): Promise<StoreState> {
    const tenants: TenantDump[] = [...this.tenants].map(([name, state]) => ({
      tenant: name,
      apiKeys: [...this.keys.values()].filter((k) => k.tenant === name).map(({ key, email }) => ({ key, email })),
      contacts: state.ordered().map(({ seq: _seq, ...contact }) => contact),
      documents: [...this.documents.values()].filter((d) => d.tenant === name),
    }));
    return { version: 1, tenants, users: [...this.users].map(([email, identityVerified]) => ({ email, identityVerified })) };
  }

  async importState(state: StoreState): Promise<void> {
    this.importNow(state);
  }

  private importNow(state: StoreState): void {
    for (const dump of state.tenants) {
      this.drop(dump.tenant);
      for (const { key, email } of dump.apiKeys) this.keys.set(key, { tenant: dump.tenant, key, email });
      const tenant = this.writable(dump.tenant);
      // what is loaded is the tenant's starting point, as seeded data is: not counted against its bound
      for (const contact of dump.contacts) tenant.insert({ ...contact, tags: [...contact.tags], seq: this.nextSeq() });
      for (const document of dump.documents) this.putDocument(tenant, document);
    }
    for (const user of state.users) this.users.set(user.email, user.identityVerified);
  }

  async saveSnapshot(name: string): Promise<SnapshotInfo> {
    return this.snapshots.save(name, await this.exportState());
  }

  async restoreSnapshot(name: string): Promise<boolean> {
    const state = this.snapshots.take(name);
    if (!state) return false;
    this.replaceState(state);
    return true;
  }

  /** The whole store becomes `state` (tenants it does not name go), in one step; snapshots stay. */
  replaceState(state: StoreState): void {
    for (const tenant of [...this.tenants.keys()]) this.drop(tenant);
    this.keys.clear();
    this.users.clear();
    this.importNow(state);
  }

  async listSnapshots(): Promise<SnapshotInfo[]> {
    return this.snapshots.list();
  }

  async deleteSnapshot(name: string): Promise<boolean> {
    return this.snapshots.delete(name);
  }

  /** index sizes per tenant, for tests and soak measurements of the store's own structures */
  indexSizes(): Record<string, ReturnType<TenantState['indexSize']>> {
    return Object.fromEntries([...this.tenants].map(([name, tenant]) => [name, tenant.indexSize()]));
  }
}
