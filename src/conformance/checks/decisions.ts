import { inferred, type Decision } from '../contract/decisions.js';

/** The x-inferred decisions hand-written assertions rest on, by JSON pointer into the contract. */
export const DECIDED = {
  unauthorized: '#/components/responses/Unauthorized',
  errorBody: '#/components/schemas/ErrorResponse',
  validationBody: '#/components/schemas/ValidationErrorResponse',
  page: '#/paths/~1v2~1contacts/get/parameters/0/schema',
  search: '#/paths/~1v2~1contacts/get/parameters/2/schema',
  q: '#/paths/~1v2~1contacts~1autocomplete/get/parameters/0/schema',
  duplicate409: '#/paths/~1v2~1contacts/post/responses/409',
  spellings: '#/components/schemas/ContactCreateRequest',
  source: '#/components/schemas/ContactDetailResponse/properties/source',
  customFieldKeys: '#/components/schemas/CustomFields',
  updateContact: '#/paths/~1v2~1contacts~1{contact_id}/put',
  bulkUpdateItem: '#/components/schemas/BulkUpdateItem',
  createDocument: '#/paths/~1v2~1documents/post',
  getDocument: '#/paths/~1v2~1documents~1{document_id}/get',
  addParticipants: '#/paths/~1v2~1documents~1{document_id}~1participants/post',
  removeParticipant: '#/paths/~1v2~1documents~1{document_id}~1participants~1{email}/delete',
} as const;

/** The decision an assertion rests on; the pointer must carry an x-inferred (a test walks them all). */
export const on = (key: keyof typeof DECIDED): Decision => inferred(DECIDED[key]);
