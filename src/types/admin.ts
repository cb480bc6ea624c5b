// The control plane's answers (/__admin), as the mock sends them. Not part of the AllSign API: the
// mock's own routes for tests and frontends.
import type { ContactDetailResponse, SigningDocument } from './index.js';

export interface AdminCounts {
  tenants: number;
  contacts: number;
  documents: number;
  users: number;
}

/** GET /__admin/health */
export interface AdminHealth extends AdminCounts {
  status: 'ok';
  uptimeSeconds: number;
}

/** One entry of GET /__admin/tenants */
export interface AdminTenant {
  tenant: string;
  apiKey: string;
  /** the user that owns the key: the default `invitedBy` */
  email: string;
  contacts: number;
}

/** POST /__admin/reset */
export interface AdminResetResult extends AdminCounts {
  status: 'reset';
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
  /** the body as sent (parsed when JSON), or a note when too large; absent when none was sent */
  body?: unknown;
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
