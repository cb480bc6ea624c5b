import { inferred, type Decision } from '../contract/decisions.js';

/** The x-inferred decisions hand-written assertions rest on, by JSON pointer into the contract. */
export const DECIDED = {
  unauthorized: '#/components/responses/Unauthorized',
  errorBody: '#/components/schemas/ErrorResponse',
  validationBody: '#/components/schemas/ValidationErrorResponse',
  notFound: '#/components/responses/ContactNotFound',
  page: '#/paths/~1v2~1contacts/get/parameters/0/schema/minimum',
  search: '#/paths/~1v2~1contacts/get/parameters/2/schema/maxLength',
  q: '#/paths/~1v2~1contacts~1autocomplete/get/parameters/0',
  duplicate409: '#/paths/~1v2~1contacts/post/responses/409',
  spellings: '#/components/schemas/ContactCreateRequest',
  source: '#/components/schemas/ContactDetailResponse/properties/source/presence',
  customFieldKeys: '#/components/schemas/CustomFields',
  updateContact: '#/paths/~1v2~1contacts~1{contact_id}/put/responses/200',
  bulkUpdateItem: '#/components/schemas/BulkUpdateRequest/properties/contacts/items',
  createDocument: '#/paths/~1v2~1documents/post/responses/201',
  getDocument: '#/paths/~1v2~1documents~1{document_id}/get/responses/200',
  addParticipants: '#/paths/~1v2~1documents~1{document_id}~1participants/post/responses/200',
  removeParticipant: '#/paths/~1v2~1documents~1{document_id}~1participants~1{email}/delete/responses/200',
} as const;

/** The decision an assertion rests on; the pointer must carry an x-inferred (a test walks them all). */
export const on = (key: keyof typeof DECIDED): Decision => inferred(DECIDED[key]);
