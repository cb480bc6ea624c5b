// What a strict consumer of the types relies on (tsc --strict --exactOptionalPropertyTypes). Each
// line marked to expect an error is a body the API refuses, or a type that used to be wrong: if it
// ever compiles, the type check fails.
import type {
  BulkCreateItem,
  BulkItemResult,
  ContactCreateRequest,
  ContactDetailResponse,
  ContactUpdateRequest,
  CustomFieldsPatchRequest,
  DocumentCreateRequest,
  ErrorResponse,
  Participant,
  SigningDocument,
  ValidationErrorItem,
  operations,
  paths,
} from 'allsign-v2-toolkit/types';
// @ts-expect-error no export is named like the DOM's global Document
import type { Document as _Document } from 'allsign-v2-toolkit/types';
import { assertType, type Equal } from './assert.js';

// a defaulted field is optional in a request: the API accepts `config: {}`
export const emptyConfig: DocumentCreateRequest = { name: 'Contrato', participants: [{ email: 'ana@example.com', name: 'Ana' }], config: {} };

// the contract's own 422 example type-checks
export const pageSizeError: ValidationErrorItem = { type: 'less_than_equal', loc: ['query', 'pageSize'], msg: 'Input should be less than or equal to 100', input: '101', ctx: { le: 100 } };

// one spelling per field, in every body that takes both
export const snake: ContactCreateRequest = { email: 'ana@example.com', full_name: 'Ana', job_title: 'CEO' };
export const camel: ContactCreateRequest = { email: 'ana@example.com', fullName: 'Ana', jobTitle: 'CEO' };
export const mixed: ContactCreateRequest = { email: 'ana@example.com', full_name: 'Ana', jobTitle: 'CEO' };
// @ts-expect-error both spellings of the name
export const bothNames: ContactCreateRequest = { email: 'ana@example.com', full_name: 'Ana', fullName: 'Ana' };
// @ts-expect-error both spellings of the job title
export const bothTitles: ContactUpdateRequest = { job_title: 'CEO', jobTitle: 'CEO' };
// @ts-expect-error both spellings in a bulk item
export const bothInBulk: BulkCreateItem = { email: 'ana@example.com', full_name: 'Ana', fullName: 'Ana' };

// a custom-fields patch sets or removes something
export const setOnly: CustomFieldsPatchRequest = { set: { RFC: 'PEGJ800101ABC' } };
export const removeOnly: CustomFieldsPatchRequest = { remove: ['OldRFC'] };
export const both: CustomFieldsPatchRequest = { set: { RFC: 'X' }, remove: ['Y'] };
// @ts-expect-error an empty patch
export const emptyPatch: CustomFieldsPatchRequest = {};

// a bulk item narrows on success
export function describeItem(item: BulkItemResult): string {
  if (item.success) {
    const id: string = item.contactId;
    const email: string = item.email;
    // @ts-expect-error a success has no error
    void item.error;
    return `${id} ${email}`;
  }
  const why: string = item.error;
  const id: string | null = item.contactId;
  return `${id ?? '-'}: ${why}`;
}

// every field of a profile is there (null when empty), and of a participant and a document
export function profileFields(c: ContactDetailResponse): unknown[] {
  const phone: string | null = c.phone;
  const jobTitle: string | null = c.jobTitle;
  const notes: string | null = c.notes;
  const company: string | null = c.company;
  const custom: Record<string, unknown> = c.customFields;
  const source: 'manual' | 'api' | 'invitation' | 'onboarding' = c.source;
  const created: string = c.createdAt;
  return [phone, jobTitle, notes, company, custom, source, created];
}
export function participantFields(p: Participant, d: SigningDocument): unknown[] {
  const whatsapp: string | null = p.whatsapp;
  const step: number | null = p.step;
  const signedAt: string | null = p.signedAt;
  const documentSignedAt: string | null = d.signedAt;
  return [whatsapp, step, signedAt, documentSignedAt];
}

// the participants' 409 on a finished document is in the contract
type AddResponses = operations['addDocumentParticipants']['responses'];
type RemoveResponses = paths['/v2/documents/{document_id}/participants/{email}']['delete']['responses'];
assertType<Equal<AddResponses[409]['content']['application/json'], ErrorResponse>>();
assertType<Equal<RemoveResponses[409]['content']['application/json'], ErrorResponse>>();

// `paths` carries the strict bodies, so openapi-fetch refuses them too
type CreateBody = paths['/v2/contacts']['post']['requestBody']['content']['application/json'];
assertType<Equal<CreateBody, ContactCreateRequest>>();
