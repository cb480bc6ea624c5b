import { inferred, type Decision } from '../../contract/index.js';
import { ERROR_BODY, VALIDATION_BODY } from './shapes.js';

/**
 * The decisions the suite's own assertions rest on, each by one place it is written (any of its
 * places names it: a test checks each is a place of a decision).
 */
export const DECIDED = {
  unauthorized: '#/components/responses/Unauthorized',
  // the status of a refusal the reference does not name (422, or FastAPI's default errors)
  refusalStatus: '#/components/responses/Error',
  notFound: '#/components/responses/ContactNotFound',
  errorBody: ERROR_BODY,
  validationBody: VALIDATION_BODY,
  bulkSuccess: '#/components/schemas/BulkResponse/properties/success',
  // an answer lists its fields and no others
  closedAnswers: '#/components/schemas/BulkResponse/additionalProperties',
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
