import type { ListContactsQuery } from '../../types/index.js';
import type { StoreUnavailableError } from './errors.js';
import type { ApiKeySpec, ContactChange, ContactProfile, ContactRecord, InsertedContact, Counts, DocumentChange, DocumentRecord, NewContact, SnapshotInfo, StoreState } from './records.js';

/**
 * The list query of the contract, its defaults filled in. `search` reaches the store folded (see
 * text.ts): a substring of the folded name, email or company.
 */
export type ListQuery = ListContactsQuery & Required<Pick<ListContactsQuery, 'page' | 'pageSize'>>;

/** A contact as a list shows it: with what the store joins in. */
export interface ContactRow {
  contact: ContactRecord;
  identityVerified: boolean;
  documentsCount: number;
}

export interface ContactPage {
  rows: ContactRow[];
  /** every match over all pages */
  total: number;
}

/** What a store is seeded with on reset: the same options give the same data, ids included. */
export interface SeedOptions {
  apiKeys: ApiKeySpec[];
  seed: number;
  contactsPerTenant: number;
}

/**
 * Everything the domain asks of storage, asynchronous so that a database can sit behind it. A store
 * keeps its own invariants: one contact per (tenant, emailKey) whoever asks at the same time; a
 * change function runs against the current record and what it returns is written atomically with
 * it (a SQL store locks the row for the time of the call), or nothing is written when it throws.
 * Tenants never see each other's contacts or documents through any method taking a tenant.
 */
export interface Repository {
  // ---- tenants and keys
  authenticate(key: string): Promise<ApiKeySpec | undefined>;
  apiKeys(): Promise<ApiKeySpec[]>;
  /** a new tenant with its first key; false (and nothing written) when the tenant or the key exists */
  createTenant(key: ApiKeySpec): Promise<boolean>;
  /** a tenant with its keys, contacts and documents; platform users stay */
  deleteTenant(tenant: string): Promise<boolean>;
  /** empties one tenant and seeds it from `options` (its contactsPerTenant for this tenant alone) */
  seedTenant(tenant: string, options: SeedOptions): Promise<void>;

  // ---- contacts
  /** newest first; `search` matches the folded name, email or company as a substring */
  listContacts(tenant: string, query: ListQuery): Promise<ContactPage>;
  /** up to `limit` contacts having, for every word of `words`, a name or email word that starts with it */
  autocomplete(tenant: string, words: string[], limit: number): Promise<ContactRecord[]>;
  getContact(tenant: string, id: string): Promise<ContactRecord | undefined>;
  /** the contact with its profile, read at one moment (a database store asks once, not three times) */
  getProfile(tenant: string, id: string): Promise<ContactProfile | undefined>;
  /** the tenant's contact with this email, or a new one: `created` says which (never two for one email); with its profile */
  insertContact(tenant: string, contact: NewContact): Promise<InsertedContact>;
  updateContact(tenant: string, id: string, change: (current: ContactRecord) => ContactChange): Promise<ContactRecord | undefined>;
  deleteContact(tenant: string, id: string): Promise<ContactRecord | undefined>;

  // ---- platform users (shared by all tenants)
  isVerified(emailKey: string): Promise<boolean>;
  setVerified(emailKey: string, verified: boolean): Promise<void>;

  // ---- documents
  /** the tenant's documents with a participant of this email, newest first */
  documentsOf(tenant: string, emailKey: string): Promise<DocumentRecord[]>;
  insertDocument(change: DocumentChange): Promise<DocumentRecord>;
  getDocument(tenant: string, id: string): Promise<DocumentRecord | undefined>;
  updateDocument(tenant: string, id: string, change: (current: DocumentRecord) => DocumentChange): Promise<DocumentRecord | undefined>;

  // ---- control plane: across tenants
  findContact(id: string): Promise<ContactRecord | undefined>;
  findDocument(id: string): Promise<DocumentRecord | undefined>;
  counts(): Promise<Counts>;
  /** empty every tenant and seed afresh */
  reset(options: SeedOptions): Promise<void>;

  // ---- state in and out
  /** every tenant with its keys, contacts (insertion order) and documents, and the users */
  exportState(): Promise<StoreState>;
  /** replaces the tenants the state names (keys, contacts, documents) and upserts its users, in one step */
  importState(state: StoreState): Promise<void>;
  /** named states the store keeps (every process sharing the store sees them) */
  saveSnapshot(name: string): Promise<SnapshotInfo>;
  /** the whole store becomes the snapshot; false when there is none of that name */
  restoreSnapshot(name: string): Promise<boolean>;
  listSnapshots(): Promise<SnapshotInfo[]>;
  deleteSnapshot(name: string): Promise<boolean>;

  /** a store that can become unreachable (a database) says when; the memory store cannot */
  readonly health?: StoreHealth | undefined;
  /** what the store holds and uses, as far as it knows (for metrics) */
  usage?(): StoreUsage;
}

export interface StoreUsage {
  /** bytes each tenant added beyond its seed, and the bound past which it gets 507 (the memory store) */
  tenantBytes?: { byTenant: Record<string, number>; limit: number };
  /** the connection pool (PostgreSQL) */
  pool?: PoolUsage;
}

export interface PoolUsage {
  /** connections open */
  total: number;
  /** open and idle */
  idle: number;
  /** callers waiting for one */
  waiting: number;
  max: number;
}

/** An outage as it starts and as it ends. */
export type AvailabilityChange =
  | { available: false; error: StoreUnavailableError }
  | { available: true; downMs: number };

/** Whether a store answers, for readiness and for the log (once when an outage starts, once when it ends). */
export interface StoreHealth {
  /** one round trip to the store; rejects with StoreUnavailableError when it does not answer */
  probe(): Promise<void>;
  /** called when the store stops answering and when it answers again */
  watch(listener: (change: AvailabilityChange) => void): void;
  /** since the process started: statements refused by an outage (a full disk apart), and the time spent down */
  stats(): { up: boolean; refused: { unavailable: number; full: number }; downSeconds: number };
}
