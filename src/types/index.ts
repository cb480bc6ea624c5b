// Hand-written aliases over the generated types; allsign-v2.generated.ts itself is never edited.
import type { components, operations, paths } from './allsign-v2.generated.js';

export type { components, operations, paths };
type Schemas = components['schemas'];

export type ContactSource = Schemas['ContactSource'];
export type ContactCreateRequest = Schemas['ContactCreateRequest'];
export type ContactUpdateRequest = Schemas['ContactUpdateRequest'];
export type Contact = Schemas['ContactDetailResponse'];
export type ContactDetailResponse = Schemas['ContactDetailResponse'];
export type ContactListItem = Schemas['ContactListItem'];
export type ContactListResponse = Schemas['ContactListResponse'];
export type AutocompleteItem = Schemas['AutocompleteItem'];
export type ContactDocument = Schemas['ContactDocument'];
export type ContactDocumentsResponse = Schemas['ContactDocumentsResponse'];
export type CustomFieldsPatchRequest = Schemas['CustomFieldsPatchRequest'];
export type BulkCreateItem = Schemas['BulkCreateItem'];
export type BulkCreateRequest = Schemas['BulkCreateRequest'];
export type BulkUpdateItem = Schemas['BulkUpdateItem'];
export type BulkUpdateRequest = Schemas['BulkUpdateRequest'];
export type BulkDeleteRequest = Schemas['BulkDeleteRequest'];
export type BulkResponse = Schemas['BulkResponse'];
export type BulkItemResult = Schemas['BulkItemResult'];
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
