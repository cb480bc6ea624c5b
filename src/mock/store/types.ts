import type { ValidationIssue } from '../../spec/index.js';
import type { ContactSource, DocumentStatus } from '../../types/index.js';

export type { ContactSource, DocumentStatus };

/** An API key, the tenant it belongs to and the user that owns it (the default `invitedBy`). */
export interface ApiKeySpec {
  tenant: string;
  key: string;
  email: string;
}

/** Free-form custom fields; a null-prototype dictionary so `__proto__` and friends are plain keys. */
export type CustomFieldMap = Record<string, unknown>;

export interface ContactRecord {
  id: string;
  tenant: string;
  email: string;
  /** lower-cased email: the uniqueness key inside a tenant and the link to users and participants */
  emailKey: string;
  fullName: string | null;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  notes: string | null;
  tags: string[];
  customFields: CustomFieldMap | null;
  source: ContactSource;
  createdAt: string;
  updatedAt: string;
  /** insertion sequence: list order is newest first, ties impossible */
  seq: number;
}

export interface UserRecord {
  email: string;
  identityVerified: boolean;
}

export interface ParticipantRecord {
  email: string;
  name: string;
  whatsapp: string | null;
  invitedBy: string;
  step: number | null;
  signedAt: string | null;
}

export interface DocumentRecord {
  id: string;
  tenant: string;
  name: string;
  status: DocumentStatus;
  sendByWhatsapp: boolean;
  participants: ParticipantRecord[];
  createdAt: string;
  signedAt: string | null;
}

/** Contact fields a create or update may carry, already in camelCase. */
export interface ContactFields {
  fullName?: string | null;
  phone?: string | null;
  company?: string | null;
  jobTitle?: string | null;
  notes?: string | null;
  tags?: string[];
}

export interface ContactInput extends ContactFields {
  email: string;
}

export interface ParticipantInput {
  email: string;
  name: string;
  whatsapp?: string;
  invitedBy?: string;
  step?: number;
}

export interface ListQuery {
  page: number;
  pageSize: number;
  search?: string;
  tag?: string;
  verified?: boolean;
  source?: ContactSource;
}

export type Failure =
  | { ok: false; error: 'not_found'; detail: string }
  | { ok: false; error: 'conflict'; detail: string }
  | { ok: false; error: 'invalid'; issues: ValidationIssue[] };

export type Result<T> = { ok: true; value: T } | Failure;

/** Outcome of one bulk item, before it becomes the documented envelope. */
export interface BulkItemOutcome {
  contactId: string | null;
  email: string | null;
  success: boolean;
  error?: string;
}
