import { contractLimits, createAjv, emailKey, toValidationIssues, type ValidationIssue } from '../../contract/index.js';
import type { ContactSource, CustomFieldMap, DocumentRecord, DocumentStatus, NewContact, StoreState, TenantDump } from '../port/records.js';
import { customFieldsProblems, MAX_CUSTOM_FIELD_VALUE_CHARS, MAX_CUSTOM_FIELDS_CHARS, newContact, patchCustomFields } from './contacts.js';
import { invitations, participantProblems, withStatus } from './documents.js';
import { STATE_SCHEMA } from './fixture-schema.js';

/** A state as a file or a request gives it: the export format, most fields optional. */
interface LooseContact {
  id?: string;
  email: string;
  fullName?: string | null;
  phone?: string | null;
  company?: string | null;
  jobTitle?: string | null;
  notes?: string | null;
  tags?: string[];
  customFields?: CustomFieldMap | null;
  source?: ContactSource;
  createdAt?: string;
  updatedAt?: string;
}
interface LooseDocument {
  id?: string;
  name: string;
  status?: DocumentStatus;
  sendByWhatsapp?: boolean;
  participants?: { email: string; name: string; whatsapp?: string | null; invitedBy?: string; step?: number | null; signedAt?: string | null }[];
  createdAt?: string;
  signedAt?: string | null;
}
interface LooseState {
  tenants: { tenant: string; apiKeys: { key: string; email: string }[]; contacts?: LooseContact[]; documents?: LooseDocument[] }[];
  users?: { email: string; identityVerified: boolean }[];
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
/** "100 keys, 2,048 characters a value, 32,768 in all" */
const CUSTOM_FIELD_BOUNDS = `${contractLimits().customFieldsPerContact} keys, ${thousands(MAX_CUSTOM_FIELD_VALUE_CHARS)} characters a value, ${thousands(MAX_CUSTOM_FIELDS_CHARS)} in all`;

let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** The issues of a state, each at the path of the record it is about; empty when it can be loaded. */
function problems(input: unknown, otherKeys: ReadonlyMap<string, string>): ValidationIssue[] {
  validate ??= createAjv('request-body').compile(STATE_SCHEMA);
  if (!validate(input)) return toValidationIssues(validate.errors ?? [], 'body');
  const state = input as LooseState;
  const issues: ValidationIssue[] = [];
  const at = (loc: (string | number)[], msg: string, value: unknown) => issues.push({ type: 'value_error', loc: ['body', ...loc], msg: `Value error, ${msg}`, input: value });
  const tenants = new Set<string>();
  const keys = new Set<string>();
  state.tenants.forEach((t, ti) => {
    if (tenants.has(t.tenant)) at(['tenants', ti, 'tenant'], `tenant ${t.tenant} is in the file twice`, t.tenant);
    tenants.add(t.tenant);
    t.apiKeys.forEach((k, ki) => {
      const owner = otherKeys.get(k.key);
      if (keys.has(k.key) || (owner !== undefined && owner !== t.tenant)) at(['tenants', ti, 'apiKeys', ki, 'key'], `this API key belongs to another tenant${owner ? ` (${owner})` : ''}`, k.key);
      keys.add(k.key);
    });
    const emails = new Set<string>();
    const ids = new Set<string>();
    t.contacts?.forEach((c, ci) => {
      const key = emailKey(c.email);
      if (emails.has(key)) at(['tenants', ti, 'contacts', ci, 'email'], `a contact of ${t.tenant} has this email already`, c.email);
      emails.add(key);
      if (c.id !== undefined && ids.has(c.id)) at(['tenants', ti, 'contacts', ci, 'id'], 'another contact has this id', c.id);
      if (c.id !== undefined) ids.add(c.id);
      if (c.customFields && customFieldsProblems(c.customFields).length) at(['tenants', ti, 'contacts', ci, 'customFields'], `custom fields past their bounds (${CUSTOM_FIELD_BOUNDS})`, '[not echoed]');
    });
    const docIds = new Set<string>();
    t.documents?.forEach((d, di) => {
      if (d.id !== undefined && docIds.has(d.id)) at(['tenants', ti, 'documents', di, 'id'], 'another document has this id', d.id);
      if (d.id !== undefined) docIds.add(d.id);
      const participants = (d.participants ?? []).map((p) => ({ email: p.email, name: p.name, whatsapp: p.whatsapp ?? undefined }));
      for (const problem of participantProblems([], participants, d.sendByWhatsapp ?? false)) {
        const where = problem.kind === 'too_many' ? [] : [problem.index, problem.kind === 'duplicate' ? 'email' : 'whatsapp'];
        at(['tenants', ti, 'documents', di, 'participants', ...where], problem.kind === 'duplicate' ? 'two participants with this email' : problem.kind === 'whatsapp_missing' ? 'whatsapp is required when sendByWhatsapp is true' : `more than ${problem.max} participants`, problem.kind === 'duplicate' ? problem.input : null);
      }
    });
  });
  return issues;
}

/** A date-time as every store gives it back: UTC, milliseconds ("2024-11-23T15:30:00Z" → "2024-11-23T15:30:00.000Z"). */
function iso(value: string | null | undefined): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}

function contactOf(tenant: string, c: LooseContact, now: string, newId: () => string): NewContact {
  return {
    ...newContact(tenant, c, c.source ?? 'api', iso(c.createdAt) ?? now, c.id ?? newId()),
    customFields: c.customFields ? patchCustomFields(null, c.customFields, undefined) : null,
    updatedAt: iso(c.updatedAt ?? c.createdAt) ?? now,
  };
}

function documentOf(tenant: string, owner: string, d: LooseDocument, now: string, newId: () => string): DocumentRecord {
  const participants = (d.participants ?? []).map((p) => ({
    email: emailKey(p.email),
    name: p.name,
    whatsapp: p.whatsapp ?? null,
    invitedBy: p.invitedBy ?? owner,
    step: p.step ?? null,
    signedAt: iso(p.signedAt) ?? null,
  }));
  const record: DocumentRecord = { id: d.id ?? newId(), tenant, name: d.name, status: d.status ?? 'DRAFT', sendByWhatsapp: d.sendByWhatsapp ?? false, participants, createdAt: iso(d.createdAt) ?? now, signedAt: iso(d.signedAt) ?? null };
  // a status the file gives is kept as given; without one, it follows from the participants
  return d.status ? record : withStatus(record);
}

/**
 * A state as a fixture file or a request gives it, checked as a whole and completed (ids,
 * timestamps, lower-cased emails, document status). Invalid: every issue, at the path of its record.
 */
export function parseState(input: unknown, otherKeys: ReadonlyMap<string, string>, now: string, newId: () => string): { ok: true; state: StoreState } | { ok: false; issues: ValidationIssue[] } {
  const issues = problems(input, otherKeys);
  if (issues.length) return { ok: false, issues };
  const loose = input as LooseState;
  const tenants: TenantDump[] = loose.tenants.map((t) => {
    const owner = emailKey(t.apiKeys[0]!.email);
    const contacts = (t.contacts ?? []).map((c) => contactOf(t.tenant, c, now, newId));
    const documents = (t.documents ?? []).map((d) => documentOf(t.tenant, owner, d, now, newId));
    // as through the API: every participant has a contact in the tenant (an invitation when the file gives none)
    const known = new Set(contacts.map((c) => c.emailKey));
    for (const document of documents) {
      const missing = document.participants.filter((p) => !known.has(p.email) && known.add(p.email));
      contacts.push(...invitations(t.tenant, missing, document.createdAt, newId));
    }
    return { tenant: t.tenant, apiKeys: t.apiKeys.map(({ key, email }) => ({ key, email })), contacts, documents };
  });
  // every key owner is a platform user, verified as the configured ones are
  const users = new Map<string, boolean>(loose.tenants.flatMap((t) => t.apiKeys.map((k) => [emailKey(k.email), true] as const)));
  for (const u of loose.users ?? []) users.set(emailKey(u.email), u.identityVerified);
  return { ok: true, state: { version: 1, tenants, users: [...users].map(([email, identityVerified]) => ({ email, identityVerified })) } };
}
