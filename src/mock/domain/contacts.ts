import { contractLimits, emailKey } from '../../contract/index.js';
import type { ContactChange, ContactSource, CustomFieldMap, NewContact } from '../port/records.js';
import { refuse, type CustomFieldsProblem } from './errors.js';

/** Contact fields a create or update may carry, in the domain's (camelCase) terms. */
export interface ContactFields {
  fullName?: string | null | undefined;
  phone?: string | null | undefined;
  company?: string | null | undefined;
  jobTitle?: string | null | undefined;
  notes?: string | null | undefined;
  tags?: string[] | undefined;
}

export interface ContactInput extends ContactFields {
  email: string;
}

/** Custom-field bounds the contract states in prose (its schema holds the key count). */
export const MAX_CUSTOM_FIELD_VALUE_CHARS = 2048;
export const MAX_CUSTOM_FIELDS_CHARS = 32_768;

export function newContact(tenant: string, input: ContactInput, source: ContactSource, now: string, id: string): NewContact {
  return {
    id,
    tenant,
    email: input.email,
    emailKey: emailKey(input.email),
    fullName: input.fullName ?? null,
    phone: input.phone ?? null,
    company: input.company ?? null,
    jobTitle: input.jobTitle ?? null,
    notes: input.notes ?? null,
    tags: input.tags ? [...input.tags] : [],
    customFields: null,
    source,
    createdAt: now,
    updatedAt: now,
  };
}

/** PUT semantics: only the keys present are touched; tags replace the previous ones. */
export function fieldsChange(fields: ContactFields, now: string): ContactChange {
  const change: ContactChange = { updatedAt: now };
  for (const key of ['fullName', 'phone', 'company', 'jobTitle', 'notes'] as const) if (fields[key] !== undefined) change[key] = fields[key];
  if (fields.tags !== undefined) change.tags = [...fields.tags];
  return change;
}

/**
 * set is merged first, then remove is applied: a key in both ends removed. The result is checked
 * against the bounds as a whole, so a patch either fits or changes nothing.
 */
export function patchCustomFields(current: CustomFieldMap | null, set: CustomFieldMap | undefined, remove: readonly string[] | undefined): CustomFieldMap {
  // a null-prototype copy: `__proto__` and `constructor` stay ordinary keys
  const next: CustomFieldMap = Object.create(null);
  if (current) for (const key of Object.keys(current)) next[key] = current[key];
  if (set) for (const key of Object.keys(set)) next[key] = set[key];
  if (remove) for (const key of remove) delete next[key];
  const problems = customFieldsProblems(next, set);
  if (problems.length) refuse({ kind: 'custom_fields_invalid', problems });
  return next;
}

/**
 * The custom-field bounds a contact's fields pass: how many keys, and their size as JSON, each
 * value's (only those `set` gives are checked: stored values were checked when they were set) and
 * all of them together. Empty when the fields fit.
 */
export function customFieldsProblems(fields: CustomFieldMap, set: CustomFieldMap | undefined = fields): CustomFieldsProblem[] {
  const problems: CustomFieldsProblem[] = [];
  const keys = Object.keys(fields);
  const maxKeys = contractLimits().customFieldsPerContact;
  if (keys.length > maxKeys) problems.push({ kind: 'too_many_keys', max: maxKeys, total: keys.length });
  let size = 2;
  for (const key of keys) {
    const valueSize = JSON.stringify(fields[key])?.length ?? 4;
    if (valueSize > MAX_CUSTOM_FIELD_VALUE_CHARS && set && Object.hasOwn(set, key)) problems.push({ kind: 'value_too_large', key, max: MAX_CUSTOM_FIELD_VALUE_CHARS, size: valueSize });
    size += key.length + valueSize + 4;
  }
  if (size > MAX_CUSTOM_FIELDS_CHARS) problems.push({ kind: 'too_large', max: MAX_CUSTOM_FIELDS_CHARS, size });
  return problems;
}
