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

/** A contact as stored. Records are the domain's, not the wire's: views turn them into answers. */
export interface ContactRecord {
  id: string;
  tenant: string;
  email: string;
  /** the email compared case-insensitively: unique within a tenant, the link to users and participants */
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
  /** the store's insertion sequence: lists are newest first by it */
  seq: number;
}

/** A contact with what its profile shows from elsewhere: its user's identity and the tenant's documents it takes part in. */
export interface ContactProfile {
  contact: ContactRecord;
  identityVerified: boolean;
  /** newest first */
  documents: DocumentRecord[];
}

/** An insert's outcome: the contact with this email (the new one, or the one there already) and its profile. */
export type InsertedContact = { created: boolean } & ContactProfile;

/** What a new contact is made of; the store assigns its sequence. */
export type NewContact = Omit<ContactRecord, 'seq'>;

/** The fields an update may change; absent keys stay as they are. */
export type ContactChange = Partial<Pick<ContactRecord, 'fullName' | 'phone' | 'company' | 'jobTitle' | 'notes' | 'tags' | 'customFields' | 'updatedAt'>>;

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

/** A change to a document, and the contacts it brings along (participants who had none). */
export interface DocumentChange {
  document: DocumentRecord;
  invite: NewContact[];
}

export interface Counts {
  tenants: number;
  contacts: number;
  documents: number;
  users: number;
}

/** A platform user as the state format carries it. */
export interface UserState {
  email: string;
  identityVerified: boolean;
}

/** One tenant with everything it holds: its keys, its contacts (insertion order) and its documents. */
export interface TenantDump {
  tenant: string;
  apiKeys: { key: string; email: string }[];
  contacts: NewContact[];
  documents: DocumentRecord[];
}

/** The whole store in one JSON document: what export writes, what fixtures and snapshots hold. */
export interface StoreState {
  version: 1;
  tenants: TenantDump[];
  users: UserState[];
}

export interface SnapshotInfo {
  name: string;
  createdAt: string;
  tenants: number;
  contacts: number;
  documents: number;
}
