// Hand-written aliases over the generated types; allsign-v2.generated.ts itself is never edited.
// The request bodies are made as strict as the contract's schemas: a body the API refuses for its
// shape alone (both spellings of one field, an empty custom-fields patch) does not compile, in the
// aliases and in `paths` and `operations` (what openapi-fetch and the mock's handlers are typed by).
import type { components, operations as GeneratedOperations, paths as GeneratedPaths } from './allsign-v2.generated.js';

export type { components };
type Schemas = components['schemas'];

type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** exactly the same type (not merely assignable either way) */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** One of two spellings of a field, or neither: never both (the contract's `OneSpellingPerField`). */
type OneOfSpellings<T, A extends PropertyKey, B extends PropertyKey> = T extends unknown
  ? Simplify<Omit<T, B> & { [K in B]?: never }> | Simplify<Omit<T, A> & { [K in A]?: never }>
  : never;
type OneSpellingPerField<T> = OneOfSpellings<OneOfSpellings<T, 'full_name', 'fullName'>, 'job_title', 'jobTitle'>;
/** At least one of the properties (the contract's `minProperties: 1`). */
type AtLeastOne<T> = { [K in keyof T]-?: Simplify<Required<Pick<T, K>> & Omit<T, K>> }[keyof T];

export type ContactSource = Schemas['ContactSource'];
export type ContactCreateRequest = OneSpellingPerField<Schemas['ContactCreateRequest']>;
export type ContactUpdateRequest = OneSpellingPerField<Schemas['ContactUpdateRequest']>;
export type Contact = Schemas['ContactDetailResponse'];
export type ContactDetailResponse = Schemas['ContactDetailResponse'];
export type ContactListItem = Schemas['ContactListItem'];
export type ContactListResponse = Schemas['ContactListResponse'];
export type AutocompleteItem = Schemas['AutocompleteItem'];
export type ContactDocument = Schemas['ContactDocument'];
export type ContactDocumentsResponse = Schemas['ContactDocumentsResponse'];
export type CustomFieldsPatchRequest = AtLeastOne<Schemas['CustomFieldsPatchRequest']>;
export type BulkCreateItem = OneSpellingPerField<Schemas['BulkCreateItem']>;
export type BulkCreateRequest = Simplify<Omit<Schemas['BulkCreateRequest'], 'contacts'> & { contacts: BulkCreateItem[] }>;
export type BulkUpdateItem = OneSpellingPerField<Schemas['BulkUpdateItem']>;
export type BulkUpdateRequest = Simplify<Omit<Schemas['BulkUpdateRequest'], 'contacts'> & { contacts: BulkUpdateItem[] }>;
export type BulkDeleteRequest = Schemas['BulkDeleteRequest'];
export type BulkResponse = Schemas['BulkResponse'];
export type BulkItemResult = Schemas['BulkItemResult'];
export type BulkItemSuccess = Schemas['BulkItemSuccess'];
export type BulkItemFailure = Schemas['BulkItemFailure'];
export type DeleteResponse = Schemas['DeleteResponse'];
/** A document with its signers (named apart from the DOM's global `Document`) */
export type SigningDocument = Schemas['Document'];
export type DocumentStatus = Schemas['DocumentStatus'];
export type DocumentCreateRequest = Schemas['DocumentCreateRequest'];
export type Participant = Schemas['Participant'];
export type ParticipantInput = Schemas['ParticipantInput'];
export type ParticipantsAddRequest = Schemas['ParticipantsAddRequest'];
export type ErrorResponse = Schemas['ErrorResponse'];
export type ValidationErrorResponse = Schemas['ValidationErrorResponse'];
export type ValidationErrorItem = Schemas['ValidationErrorItem'];
export type ListContactsQuery = NonNullable<operations['listContacts']['parameters']['query']>;
export type OperationId = keyof operations;

/** The strict body in place of the generated one. */
type StrictBody<B> =
  Same<B, Schemas['ContactCreateRequest']> extends true ? ContactCreateRequest
  : Same<B, Schemas['ContactUpdateRequest']> extends true ? ContactUpdateRequest
  : Same<B, Schemas['BulkCreateRequest']> extends true ? BulkCreateRequest
  : Same<B, Schemas['BulkUpdateRequest']> extends true ? BulkUpdateRequest
  : Same<B, Schemas['CustomFieldsPatchRequest']> extends true ? CustomFieldsPatchRequest
  : B;
type StrictOperation<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } }
  ? Omit<Op, 'requestBody'> & { requestBody: { content: { 'application/json': StrictBody<B> } } }
  : Op;

/** Every operation of the contract, request bodies strict. */
export type operations = { [K in keyof GeneratedOperations]: StrictOperation<GeneratedOperations[K]> };
/** Every path of the contract, by method, request bodies strict (for openapi-fetch's `createClient<paths>()`). */
export type paths = { [P in keyof GeneratedPaths]: { [M in keyof GeneratedPaths[P]]: StrictOperation<GeneratedPaths[P][M]> } };
