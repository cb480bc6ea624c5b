import type { ContactRecord, ContactSource, CustomFieldMap, DocumentRecord, DocumentStatus, NewContact, ParticipantRecord } from '../../port/records.js';
import { fold, words } from '../../port/text.js';
import { decodeText, encodeText } from './text-codec.js';

// Records ↔ rows. What search and autocomplete read is derived here, in the application, with the
// port's fold() and words(): PostgreSQL's unaccent folds some letters NFD keeps (ł, ø, ß, æ), and
// one matching for every store matters more than where it is computed.

export const CONTACT_COLUMNS = 'c.id, c.seq, c.tenant, c.email, c.email_key, c.full_name, c.phone, c.company, c.job_title, c.notes, c.tags, c.custom_fields, c.source, c.created_at, c.updated_at';

export interface ContactRow {
  id: string;
  seq: number;
  tenant: string;
  email: string;
  email_key: string;
  full_name: string | null;
  phone: string | null;
  company: string | null;
  job_title: string | null;
  notes: string | null;
  tags: string[];
  custom_fields: CustomFieldMap | null;
  source: string;
  created_at: Date;
  updated_at: Date;
}

export function toContact(row: ContactRow): ContactRecord {
  return {
    id: row.id,
    tenant: decodeText(row.tenant),
    email: decodeText(row.email),
    emailKey: decodeText(row.email_key),
    fullName: decodeText(row.full_name),
    phone: decodeText(row.phone),
    company: decodeText(row.company),
    jobTitle: decodeText(row.job_title),
    notes: decodeText(row.notes),
    tags: row.tags.map((t) => decodeText(t)),
    customFields: row.custom_fields === null ? null : nullPrototype(row.custom_fields),
    source: row.source as ContactSource,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    seq: Number(row.seq),
  };
}

/** What the store derives from a contact for search and autocomplete (as the memory store does). */
export interface SearchColumns {
  searchText: string;
  companyText: string;
  words: string[];
}

export function searchColumns(contact: Pick<ContactRecord, 'fullName' | 'email' | 'company'>): SearchColumns {
  const text = fold(`${contact.fullName ?? ''}\u0001${contact.email}`);
  return { searchText: encodeText(text), companyText: encodeText(contact.company ? fold(contact.company) : ''), words: [...new Set(words(text))] };
}

/** The writable columns of a contact, in the order of CONTACT_VALUES, as parameters. */
export function contactParams(contact: NewContact): unknown[] {
  const derived = searchColumns(contact);
  return [
    contact.id,
    encodeText(contact.tenant),
    encodeText(contact.email),
    encodeText(contact.emailKey),
    encodeText(contact.fullName),
    encodeText(contact.phone),
    encodeText(contact.company),
    encodeText(contact.jobTitle),
    encodeText(contact.notes),
    contact.tags.map((t) => encodeText(t)),
    contact.customFields === null ? null : JSON.stringify(contact.customFields),
    contact.source,
    contact.createdAt,
    contact.updatedAt,
    derived.searchText,
    derived.companyText,
    derived.words,
  ];
}

export const CONTACT_INSERT_COLUMNS = 'id, tenant, email, email_key, full_name, phone, company, job_title, notes, tags, custom_fields, source, created_at, updated_at, search_text, company_text, words';
export const CONTACT_VALUES = '$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::json, $12, $13, $14, $15, $16, $17';

export const DOCUMENT_COLUMNS = 'd.seq, d.id, d.tenant, d.name, d.status, d.send_by_whatsapp, d.participants, d.created_at, d.signed_at';

export interface DocumentRow {
  seq: number;
  id: string;
  tenant: string;
  name: string;
  status: string;
  send_by_whatsapp: boolean;
  participants: ParticipantRecord[];
  created_at: Date;
  signed_at: Date | null;
}

export function toDocument(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    tenant: decodeText(row.tenant),
    name: decodeText(row.name),
    status: row.status as DocumentStatus,
    sendByWhatsapp: row.send_by_whatsapp,
    // stored as json (any string survives it): the fields are read back in the record's own order
    participants: row.participants.map((p) => ({ email: p.email, name: p.name, whatsapp: p.whatsapp, invitedBy: p.invitedBy, step: p.step, signedAt: p.signedAt })),
    createdAt: row.created_at.toISOString(),
    signedAt: row.signed_at === null ? null : row.signed_at.toISOString(),
  };
}

export function documentParams(document: DocumentRecord): unknown[] {
  return [
    document.id,
    encodeText(document.tenant),
    encodeText(document.name),
    document.status,
    document.sendByWhatsapp,
    JSON.stringify(document.participants.map((p) => ({ email: p.email, name: p.name, whatsapp: p.whatsapp, invitedBy: p.invitedBy, step: p.step, signedAt: p.signedAt }))),
    document.createdAt,
    document.signedAt,
  ];
}

export const DOCUMENT_INSERT_COLUMNS = 'id, tenant, name, status, send_by_whatsapp, participants, created_at, signed_at';
export const DOCUMENT_VALUES = '$1, $2, $3, $4, $5, $6::json, $7, $8';

/** Custom fields as the domain keeps them: a dictionary where `__proto__` is an ordinary key. */
function nullPrototype(fields: CustomFieldMap): CustomFieldMap {
  const out: CustomFieldMap = Object.create(null);
  for (const key of Object.keys(fields)) out[key] = fields[key];
  return out;
}
