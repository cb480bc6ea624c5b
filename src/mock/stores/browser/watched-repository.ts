import type { ApiKeySpec, ContactChange, ContactProfile, ContactRecord, InsertedContact, Counts, DocumentChange, DocumentRecord, NewContact, SnapshotInfo, StoreState } from '../../port/records.js';
import type { ContactPage, ListQuery, Repository, SeedOptions } from '../../port/repository.js';

/** What a change left: a state to keep, or the seed of these options (after a full reset). */
export type Change = { kind: 'changed' } | { kind: 'reset'; seed: SeedOptions };

/**
 * A repository that says when a change is done, for a store kept elsewhere as well (the browser's
 * storage). Every method of the port is spelled out: a method added to the port fails to compile
 * here until someone decides whether it changes the state.
 */
export class WatchedRepository implements Repository {
  constructor(
    private readonly inner: Repository,
    private readonly changed: (change: Change) => void,
  ) {}

  private async change<T>(write: Promise<T>): Promise<T> {
    const result = await write;
    this.changed({ kind: 'changed' });
    return result;
  }

  authenticate(key: string): Promise<ApiKeySpec | undefined> {
    return this.inner.authenticate(key);
  }
  apiKeys(): Promise<ApiKeySpec[]> {
    return this.inner.apiKeys();
  }
  createTenant(key: ApiKeySpec): Promise<boolean> {
    return this.change(this.inner.createTenant(key));
  }
  deleteTenant(tenant: string): Promise<boolean> {
    return this.change(this.inner.deleteTenant(tenant));
  }
  seedTenant(tenant: string, options: SeedOptions): Promise<void> {
    return this.change(this.inner.seedTenant(tenant, options));
  }
  listContacts(tenant: string, query: ListQuery): Promise<ContactPage> {
    return this.inner.listContacts(tenant, query);
  }
  autocomplete(tenant: string, words: string[], limit: number): Promise<ContactRecord[]> {
    return this.inner.autocomplete(tenant, words, limit);
  }
  getContact(tenant: string, id: string): Promise<ContactRecord | undefined> {
    return this.inner.getContact(tenant, id);
  }
  getProfile(tenant: string, id: string): Promise<ContactProfile | undefined> {
    return this.inner.getProfile(tenant, id);
  }
  insertContact(tenant: string, contact: NewContact): Promise<InsertedContact> {
    return this.change(this.inner.insertContact(tenant, contact));
  }
  updateContact(tenant: string, id: string, change: (current: ContactRecord) => ContactChange): Promise<ContactRecord | undefined> {
    return this.change(this.inner.updateContact(tenant, id, change));
  }
  deleteContact(tenant: string, id: string): Promise<ContactRecord | undefined> {
    return this.change(this.inner.deleteContact(tenant, id));
  }
  isVerified(emailKey: string): Promise<boolean> {
    return this.inner.isVerified(emailKey);
  }
  setVerified(emailKey: string, verified: boolean): Promise<void> {
    return this.change(this.inner.setVerified(emailKey, verified));
  }
  documentsOf(tenant: string, emailKey: string): Promise<DocumentRecord[]> {
    return this.inner.documentsOf(tenant, emailKey);
  }
  insertDocument(change: DocumentChange): Promise<DocumentRecord> {
    return this.change(this.inner.insertDocument(change));
  }
  getDocument(tenant: string, id: string): Promise<DocumentRecord | undefined> {
    return this.inner.getDocument(tenant, id);
  }
  updateDocument(tenant: string, id: string, change: (current: DocumentRecord) => DocumentChange): Promise<DocumentRecord | undefined> {
    return this.change(this.inner.updateDocument(tenant, id, change));
  }
  findContact(id: string): Promise<ContactRecord | undefined> {
    return this.inner.findContact(id);
  }
  findDocument(id: string): Promise<DocumentRecord | undefined> {
    return this.inner.findDocument(id);
  }
  counts(): Promise<Counts> {
    return this.inner.counts();
  }
  async reset(options: SeedOptions): Promise<void> {
    await this.inner.reset(options);
    this.changed({ kind: 'reset', seed: options });
  }
  exportState(): Promise<StoreState> {
    return this.inner.exportState();
  }
  importState(state: StoreState): Promise<void> {
    return this.change(this.inner.importState(state));
  }
  // snapshots are named states kept beside the store: saving or dropping one changes no data
  saveSnapshot(name: string): Promise<SnapshotInfo> {
    return this.inner.saveSnapshot(name);
  }
  restoreSnapshot(name: string): Promise<boolean> {
    return this.change(this.inner.restoreSnapshot(name));
  }
  listSnapshots(): Promise<SnapshotInfo[]> {
    return this.inner.listSnapshots();
  }
  deleteSnapshot(name: string): Promise<boolean> {
    return this.inner.deleteSnapshot(name);
  }
}
