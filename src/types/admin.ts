// The control plane's answers (/__admin), as the mock sends them. Not part of the AllSign API: the
// mock's own routes for tests and frontends.
import type { ContactDetailResponse, OperationId, SigningDocument } from './index.js';

export interface AdminCounts {
  tenants: number;
  contacts: number;
  documents: number;
  users: number;
}

/** GET /__admin/health: the store's counts; while the store is opening at start or does not answer, which of the two */
export type AdminHealth = { status: 'ok'; uptimeSeconds: number } & (AdminCounts | { store: 'opening' | 'unavailable' });

/** GET /__admin/ready (a 503 in FastAPI's shape while the store does not answer) */
export interface AdminReady {
  status: 'ready';
}

/** One entry of GET /__admin/tenants */
export interface AdminTenant {
  tenant: string;
  apiKey: string;
  /** the user that owns the key: the default `invitedBy` */
  email: string;
  contacts: number;
}

/** POST /__admin/tenants: the options of a throwaway tenant */
export interface AdminNewTenant {
  /** its name (default: a fresh one) */
  tenant?: string;
  /** the user that owns its key (default: one made for it) */
  email?: string;
  /** seeded contacts (default 0) */
  contacts?: number;
}

/** POST /__admin/reset */
export interface AdminResetResult extends AdminCounts {
  status: 'reset';
}

/** POST /__admin/tenants/{tenant}/reset */
export interface AdminTenantResetResult {
  status: 'reset';
  tenant: string;
  contacts: number;
}

/** DELETE of a tenant, a snapshot or a fault */
export interface AdminDeleted {
  deleted: string;
}

/**
 * GET /__admin/export, and what POST /__admin/fixtures and snapshots take: the whole store. Contacts
 * and documents are the store's records (see docs/mock.md); fixtures may leave most fields out.
 */
export interface AdminState {
  version: 1;
  tenants: {
    tenant: string;
    apiKeys: { key: string; email: string }[];
    contacts: Record<string, unknown>[];
    documents: Record<string, unknown>[];
  }[];
  users: { email: string; identityVerified: boolean }[];
}

/** POST /__admin/fixtures */
export interface AdminFixturesLoaded {
  loaded: AdminCounts;
}

/** A snapshot kept by POST /__admin/snapshots */
export interface AdminSnapshot {
  name: string;
  createdAt: string;
  tenants: number;
  contacts: number;
  documents: number;
}

/** POST /__admin/snapshots/{name}/restore */
export interface AdminSnapshotRestored extends AdminCounts {
  status: 'restored';
  snapshot: string;
}

/** What a fault does to a request: a status (5xx or 429) or a broken connection, and/or a delay. */
export interface AdminFaultEffect {
  status?: number;
  /** seconds, for a 429 or 503 */
  retryAfter?: number;
  fault?: 'reset' | 'empty' | 'truncate';
  delayMs?: number;
}

/** POST /__admin/faults: which requests (a tenant, or the tenant of a key; one operation or all), how often, and the effect */
export type AdminFaultSpec = ({ tenant: string; apiKey?: never } | { apiKey: string; tenant?: never }) &
  AdminFaultEffect & {
    operationId?: OperationId;
    /** the next N matching requests (default: every one until deleted) */
    times?: number;
    /** or each matching request with this probability */
    rate?: number;
  };

/** A fault as the mock keeps it */
export interface AdminFault extends AdminFaultEffect {
  id: string;
  tenant: string;
  operationId?: OperationId;
  times?: number;
  rate?: number;
  createdAt: string;
  /** requests it has applied to */
  applied: number;
}

/** One request the mock answered, newest first in the journal. */
export interface JournalEntry {
  /** ISO 8601 time the request arrived */
  at: string;
  method: string;
  /** path and query as sent */
  url: string;
  status: number;
  durationMs: number;
  /** the tenant of the API key, or null when none was recognised */
  tenant: string | null;
  /** the contract operation it reached, when it reached one */
  operationId: string | null;
  /** the body as sent (parsed when JSON), or a note when too large; absent when none was sent */
  body?: unknown;
}

/** GET /__admin/requests: the filters */
export interface AdminJournalQuery {
  /** at most this many entries (default: all kept) */
  limit?: number;
  tenant?: string;
  /** the operationId the requests reached */
  operation?: OperationId;
  /** at or after this time */
  since?: string | Date;
}

/** GET /__admin/requests */
export interface AdminJournal {
  requests: JournalEntry[];
  /** entries kept at most */
  capacity: number;
}

/** DELETE /__admin/requests */
export interface AdminCleared {
  status: 'cleared';
}

/** POST /__admin/contacts/{id}/verify-identity answers the contact's profile */
export type AdminVerifiedContact = ContactDetailResponse;
/** POST /__admin/documents/{id}/sign answers the document */
export type AdminSignedDocument = SigningDocument;
