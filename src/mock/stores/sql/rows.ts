import type { ContactRecord, ContactSource, CustomFieldMap, DocumentRecord, DocumentStatus, NewContact, ParticipantRecord } from '../../port/records.js';
import { companyText, searchText, searchWords } from '../../port/text.js';
import { ColumnTable, jsonRow, type Column, type ColumnType } from './columns.js';
import { decodeText, encodeText } from './text-codec.js';

// Records ↔ rows. What search and autocomplete read is derived here, in the application, with the
// port's fold() and words(): PostgreSQL's unaccent folds some letters NFD keeps (ł, ø, ß, æ), and
// one matching for every store matters more than where it is computed (port/text.ts).

// Rows come back as one JSON array each: PostgreSQL builds it and JSON.parse reads it, where the
// drivers' parsers would read fifteen typed columns one by one (a list page took twice as long).
// Timestamps travel as epoch seconds: formatting a timestamptz as text cost a fifth of a list page.
const CONTACT_JSON = jsonRow([
  ['id', 'c.id'],
  ['seq', 'c.seq'],
  ['tenant', 'c.tenant'],
  ['email', 'c.email'],
  ['emailKey', 'c.email_key'],
  ['fullName', 'c.full_name'],
  ['phone', 'c.phone'],
  ['company', 'c.company'],
  ['jobTitle', 'c.job_title'],
  ['notes', 'c.notes'],
  ['tags', 'c.tags'],
  ['customFields', 'c.custom_fields'],
  ['source', 'c.source'],
  ['createdAt', "date_part('epoch', c.created_at)"],
  ['updatedAt', "date_part('epoch', c.updated_at)"],
]);
/** The contact's values, in the order toContact reads them; a query may add items after `CONTACT_JSON_LENGTH`. */
export const CONTACT_VALUES_JSON = CONTACT_JSON.sql;
export const CONTACT_JSON_LENGTH = CONTACT_JSON.length;
export const CONTACT = `json_build_array(${CONTACT_VALUES_JSON}) AS contact`;

export interface ContactRow {
  contact: unknown[];
}

export function toContact({ contact: c }: ContactRow): ContactRecord {
  const at = CONTACT_JSON.at;
  const text = (i: number) => decodeText(c[i] as string | null);
  const customFields = c[at.customFields] as CustomFieldMap | null;
  return {
    id: text(at.id)!,
    tenant: text(at.tenant)!,
    email: text(at.email)!,
    emailKey: text(at.emailKey)!,
    fullName: text(at.fullName),
    phone: text(at.phone),
    company: text(at.company),
    jobTitle: text(at.jobTitle),
    notes: text(at.notes),
    tags: (c[at.tags] as string[]).map((t) => decodeText(t)),
    customFields: customFields === null ? null : nullPrototype(customFields),
    source: c[at.source] as ContactSource,
    createdAt: iso(c[at.createdAt] as number),
    updatedAt: iso(c[at.updatedAt] as number),
    seq: Number(c[at.seq]),
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

const written = <R, D>(name: string, type: ColumnType, updatable: boolean, value: (record: R, derived: D) => unknown): Column<R, D> => ({ name, type, updatable, value });

/** A contact's written columns: INSERT and UPDATE statements and the many-row insert are made from this list. */
export const CONTACT_TABLE = new ColumnTable<NewContact, SearchColumns>(
  [
    written('id', 'text', false, (c) => c.id),
    written('tenant', 'text', false, (c) => encodeText(c.tenant)),
    written('email', 'text', false, (c) => encodeText(c.email)),
    written('email_key', 'text', false, (c) => encodeText(c.emailKey)),
    written('full_name', 'text', true, (c) => encodeText(c.fullName)),
    written('phone', 'text', true, (c) => encodeText(c.phone)),
    written('company', 'text', true, (c) => encodeText(c.company)),
    written('job_title', 'text', true, (c) => encodeText(c.jobTitle)),
    written('notes', 'text', true, (c) => encodeText(c.notes)),
    written('tags', 'text[]', true, (c) => c.tags.map((t) => encodeText(t))),
    written('custom_fields', 'json', true, (c) => (c.customFields === null ? null : JSON.stringify(c.customFields))),
    written('source', 'text', false, (c) => c.source),
    written('created_at', 'timestamptz', false, (c) => c.createdAt),
    written('updated_at', 'timestamptz', true, (c) => c.updatedAt),
    written('search_text', 'text', true, (_, d) => d.searchText),
    written('company_text', 'text', true, (_, d) => d.companyText),
    written('words', 'text[]', true, (_, d) => d.words),
  ],
  searchColumns,
);

const DOCUMENT_JSON = jsonRow([
  ['id', 'd.id'],
  ['tenant', 'd.tenant'],
  ['name', 'd.name'],
  ['status', 'd.status'],
  ['sendByWhatsapp', 'd.send_by_whatsapp'],
  ['participants', 'd.participants'],
  ['createdAt', "date_part('epoch', d.created_at)"],
  ['signedAt', "date_part('epoch', d.signed_at)"],
]);
export const DOCUMENT = `d.seq, json_build_array(${DOCUMENT_JSON.sql}) AS document`;
/** The document's values, in the order toDocument reads them (a query may aggregate them). */
export const DOCUMENT_VALUES_JSON = DOCUMENT_JSON.sql;

export interface DocumentRow {
  seq: number;
  document: unknown[];
}

export function toDocument({ document: d }: Pick<DocumentRow, 'document'>): DocumentRecord {
  const at = DOCUMENT_JSON.at;
  const signedAt = d[at.signedAt] as number | null;
  return {
    id: decodeText(d[at.id] as string),
    tenant: decodeText(d[at.tenant] as string),
    name: decodeText(d[at.name] as string),
    status: d[at.status] as DocumentStatus,
    sendByWhatsapp: d[at.sendByWhatsapp] as boolean,
    participants: participantsInOrder(d[at.participants] as ParticipantRecord[], decodeText),
    createdAt: iso(d[at.createdAt] as number),
    signedAt: signedAt === null ? null : iso(signedAt),
  };
}

/**
 * Participants are stored as json, in the record's own field order, their strings escaped as text
 * columns' are: the triggers read the array with PostgreSQL's JSON functions, which refuse a
 * `\u0000` anywhere in it (a participant named "\u0000" was a 500).
 */
function participantsInOrder(participants: readonly ParticipantRecord[], text: (value: string) => string): ParticipantRecord[] {
  return participants.map((p) => ({
    email: text(p.email),
    name: text(p.name),
    whatsapp: p.whatsapp === null ? null : text(p.whatsapp),
    invitedBy: text(p.invitedBy),
    step: p.step,
    signedAt: p.signedAt,
  }));
}

/** A document's written columns. */
export const DOCUMENT_TABLE = new ColumnTable<DocumentRecord, undefined>(
  [
    written('id', 'text', false, (d) => d.id),
    written('tenant', 'text', false, (d) => encodeText(d.tenant)),
    written('name', 'text', true, (d) => encodeText(d.name)),
    written('status', 'text', true, (d) => d.status),
    written('send_by_whatsapp', 'boolean', true, (d) => d.sendByWhatsapp),
    written('participants', 'json', true, (d) => JSON.stringify(participantsInOrder(d.participants, encodeText))),
    written('created_at', 'timestamptz', true, (d) => d.createdAt),
    written('signed_at', 'timestamptz', true, (d) => d.signedAt),
  ],
  () => undefined,
);

/** Custom fields as the domain keeps them: a dictionary where `__proto__` is an ordinary key. */
function nullPrototype(fields: CustomFieldMap): CustomFieldMap {
  const out: CustomFieldMap = Object.create(null);
  for (const key of Object.keys(fields)) out[key] = fields[key];
  return out;
}
