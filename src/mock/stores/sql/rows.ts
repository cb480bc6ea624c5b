import type { ContactRecord, ContactSource, CustomFieldMap, DocumentRecord, DocumentStatus, NewContact, ParticipantRecord } from '../../port/records.js';
import { companyText, searchText, searchWords } from '../../port/text.js';
import { decodeText, encodeText } from './text-codec.js';

// Records ↔ rows. What search and autocomplete read is derived here, in the application, with the
// port's fold() and words(): PostgreSQL's unaccent folds some letters NFD keeps (ł, ø, ß, æ), and
// one matching for every store matters more than where it is computed (port/text.ts).

// Rows come back as one JSON array each: PostgreSQL builds it and JSON.parse reads it, where the
// drivers' parsers would read fifteen typed columns one by one (a list page took twice as long).
// Timestamps travel as epoch seconds: formatting a timestamptz as text cost a fifth of a list page.
export const CONTACT_VALUES_JSON = `c.id, c.seq, c.tenant, c.email, c.email_key, c.full_name, c.phone, c.company, c.job_title, c.notes, c.tags, c.custom_fields, c.source, date_part('epoch', c.created_at), date_part('epoch', c.updated_at)`;
export const CONTACT = `json_build_array(${CONTACT_VALUES_JSON}) AS contact`;

type ContactJson = [string, number, string, string, string, string | null, string | null, string | null, string | null, string | null, string[], CustomFieldMap | null, string, number, number, ...unknown[]];

export interface ContactRow {
  contact: ContactJson;
}

export function toContact({ contact: c }: ContactRow): ContactRecord {
  return {
    id: decodeText(c[0]),
    tenant: decodeText(c[2]),
    email: decodeText(c[3]),
    emailKey: decodeText(c[4]),
    fullName: decodeText(c[5]),
    phone: decodeText(c[6]),
    company: decodeText(c[7]),
    jobTitle: decodeText(c[8]),
    notes: decodeText(c[9]),
    tags: c[10].map((t) => decodeText(t)),
    customFields: c[11] === null ? null : nullPrototype(c[11]),
    source: c[12] as ContactSource,
    createdAt: iso(c[13]),
    updatedAt: iso(c[14]),
    seq: Number(c[1]),
  };
}

/** Epoch seconds (microseconds in the fraction) as the records keep time: ISO 8601, UTC, milliseconds. */
function iso(epochSeconds: number): string {
  return new Date(Math.round(epochSeconds * 1000)).toISOString();
}

/** What the store derives from a contact for search and autocomplete (as the memory store does). */
export interface SearchColumns {
  searchText: string;
  companyText: string;
  words: string[];
}

export function searchColumns(contact: Pick<ContactRecord, 'fullName' | 'email' | 'company'>): SearchColumns {
  return { searchText: encodeText(searchText(contact)), companyText: encodeText(companyText(contact)), words: [...searchWords(contact)] };
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

export const DOCUMENT = `d.seq, json_build_array(d.id, d.tenant, d.name, d.status, d.send_by_whatsapp, d.participants, date_part('epoch', d.created_at), date_part('epoch', d.signed_at)) AS document`;

type DocumentJson = [string, string, string, string, boolean, ParticipantRecord[], number, number | null];

export interface DocumentRow {
  seq: number;
  document: DocumentJson;
}

export function toDocument({ document: d }: DocumentRow): DocumentRecord {
  return {
    id: decodeText(d[0]),
    tenant: decodeText(d[1]),
    name: decodeText(d[2]),
    status: d[3] as DocumentStatus,
    sendByWhatsapp: d[4],
    // stored as json (any string survives it): the fields are read back in the record's own order
    participants: d[5].map((p) => ({ email: p.email, name: p.name, whatsapp: p.whatsapp, invitedBy: p.invitedBy, step: p.step, signedAt: p.signedAt })),
    createdAt: iso(d[6]),
    signedAt: d[7] === null ? null : iso(d[7]),
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
