import { DECIDED } from '../../../src/conformance/contract/decided.js';
import { RepositoryDecorator } from '../../support/decorators.js';
import { answers, drop, dropRequired, everyObject, isObject, operationOf, refusal, reply, requests, type Alternative } from './alternative.js';
import { itemsAlone, type BulkItem } from './bulk.js';

// One other choice for every decision of the contract, each as plausible as the contract's own: what
// an implementation written from the reference alone might do where the reference is silent.

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DOCUMENT_OPS = ['createDocument', 'getDocument', 'addDocumentParticipants', 'removeDocumentParticipant'];
const CONTACT_OPS = ['createContact', 'getContact', 'updateContact', 'patchContactCustomFields'];
const BULK_OPS = ['bulkCreateContacts', 'bulkUpdateContacts', 'bulkDeleteContacts'];
const PARTICIPANT_RULES = ['createDocument', 'addDocumentParticipants'];
const success = (status: number) => status >= 200 && status < 300;
const schema = (name: string) => `#/components/schemas/${name}`;

/** Answers of some operations, their objects changed in place (only successful ones). */
const everyAnswerObject = (operations: readonly string[] | 'every', change: (object: Record<string, unknown>) => void) =>
  answers(operations, (status, body) => {
    if (!success(status) || body === undefined) return undefined;
    everyObject(body, change);
    return [status, body];
  });

/** A status the engine answers for some operations, replaced. */
const status = (operations: readonly string[] | 'every', from: number, to: number, body?: (old: unknown) => unknown) =>
  answers(operations, (s, b) => (s === from ? [to, body ? body(b) : b] : undefined));

const isDetailList = (body: unknown): body is { detail: { loc?: unknown[]; msg?: string; type?: string }[] } => isObject(body) && Array.isArray(body.detail);

export const ALTERNATIVES: Alternative[] = [
  // ---- requests: bounds the reference never gives --------------------------------------------
  {
    decision: DECIDED.page,
    title: 'a page below 1 is read as page 1',
    handle: requests(['listContacts'], ({ query, body }) => (Number(query.page) < 1 ? { query: { ...query, page: '1' }, body } : undefined)),
  },
  { decision: DECIDED.search, title: 'a search of any length', contract: drop('#/paths/~1v2~1contacts/get/parameters/2/schema/maxLength') },
  {
    decision: '#/paths/~1v2~1contacts/get/parameters/3/schema/maxLength',
    title: 'tags of any length and number, the tag filter too',
    contract: drop('#/paths/~1v2~1contacts/get/parameters/3/schema/maxLength', `${schema('Tags')}/maxItems`, `${schema('Tags')}/items/minLength`, `${schema('Tags')}/items/maxLength`),
  },
  {
    decision: DECIDED.q,
    title: 'autocomplete without q finds nothing (an empty list), and q has no upper bound',
    contract: drop('#/paths/~1v2~1contacts~1autocomplete/get/parameters/0/schema/maxLength'),
    // a q that matches nothing: the engine still authenticates and answers the empty list
    handle: requests(['autocompleteContacts'], ({ query, body }) => (query.q === undefined ? { query: { ...query, q: 'zz-nothing-matches-this-zz' }, body } : undefined)),
  },
  { decision: `${schema('Email')}/maxLength`, title: 'emails of any length', contract: drop(`${schema('Email')}/maxLength`, `${schema('BulkCreateItem')}/properties/email/maxLength`, `${schema('ParticipantInput')}/properties/email/maxLength`, `${schema('ParticipantInput')}/properties/invitedBy/maxLength`) },
  { decision: schema('FullName'), title: 'a contact name of any length, empty included', contract: drop(`${schema('FullName')}/minLength`, `${schema('FullName')}/maxLength`) },
  { decision: schema('Notes'), title: 'notes of any length', contract: drop(`${schema('Notes')}/maxLength`) },
  { decision: schema('Phone'), title: 'a phone of any length', contract: drop(`${schema('Phone')}/maxLength`) },
  {
    decision: schema('OptionalText'),
    title: 'a blank company or job title is refused',
    handle: requests(['createContact', 'updateContact'], ({ body }) => {
      const blank = ['company', 'job_title', 'jobTitle'].find((k) => isObject(body) && body[k] === '');
      return blank ? refusal(['body', blank], 'Value error, must not be blank', '') : undefined;
    }),
  },
  { decision: DECIDED.customFieldKeys, title: 'custom-field keys of any length, the empty key included', contract: drop(`${schema('CustomFields')}/propertyNames`) },
  { decision: schema('CustomFieldsPatchRequest'), title: 'an empty custom-fields patch changes nothing and answers the contact', contract: drop(`${schema('CustomFieldsPatchRequest')}/minProperties`) },
  { decision: `${schema('ParticipantInput')}/properties/step/minimum`, title: 'a step of 0 or below is taken as it is', contract: drop(`${schema('ParticipantInput')}/properties/step/minimum`) },
  {
    decision: '#/paths/~1v2~1documents~1{document_id}~1participants~1{email}/parameters/1/schema/minLength',
    title: 'the email of a participant to remove is looked up as it is: a short or long one is not found (404)',
    contract: drop('#/paths/~1v2~1documents~1{document_id}~1participants~1{email}/parameters/1/schema/minLength', '#/paths/~1v2~1documents~1{document_id}~1participants~1{email}/parameters/1/schema/maxLength'),
  },
  { decision: '#/components/parameters/DocumentId/schema/format', title: 'document ids are not checked as UUIDs: a malformed one is not found (404)', contract: drop('#/components/parameters/DocumentId/schema/format') },

  // ---- requests: what is required, accepted, spelled -----------------------------------------
  {
    decision: DECIDED.spellings,
    title: 'single create takes the reference’s own spellings only (full_name, job_title): fullName and jobTitle are ignored',
    handle: requests(['createContact'], ({ query, body }) => {
      if (!isObject(body) || !('fullName' in body || 'jobTitle' in body)) return undefined;
      const { fullName: _f, jobTitle: _j, ...rest } = body;
      return { query, body: rest };
    }),
  },
  { decision: schema('OneSpellingPerField'), title: 'both spellings of a field may be given: the camelCase one wins', contract: drop(`${schema('OneSpellingPerField')}/not`) },
  {
    decision: schema('DocumentConfig') + '/type',
    title: 'a document without a name gets a default one, and config may be null',
    contract: dropRequired(schema('DocumentCreateRequest'), 'name'),
    handle: requests(['createDocument'], ({ query, body }) => {
      if (!isObject(body) || (body.name !== undefined && body.config !== null)) return undefined;
      const { config, ...rest } = body;
      return { query, body: { ...rest, name: body.name ?? 'Documento sin nombre', ...(config === null ? {} : { config }) } };
    }),
  },
  {
    decision: `${schema('DocumentCreateRequest')}/properties/participants/presence`,
    title: 'a document needs at least one participant',
    handle: requests(['createDocument'], ({ body }) => (isObject(body) && Array.isArray(body.participants) && body.participants.length === 0 ? refusal(['body', 'participants'], 'List should have at least 1 item after validation, not 0', []) : undefined)),
  },

  // ---- bulk bodies: an invalid item fails alone -----------------------------------------------
  {
    decision: `${schema('BulkCreateRequest')}/properties/contacts/items`,
    title: 'bulk create: an invalid item fails alone in details[], the others are created',
    handle: itemsAlone('bulkCreateContacts', 'contacts', (item, why): BulkItem => ({ contactId: null, email: isObject(item) && typeof item.email === 'string' ? item.email : null, success: false, error: why }), { email: 'not-an-email' }),
  },
  {
    decision: DECIDED.bulkUpdateItem,
    title: 'bulk update: an invalid item (one without id too) fails alone in details[], the others are updated',
    handle: itemsAlone('bulkUpdateContacts', 'contacts', (item, why): BulkItem => ({ contactId: isObject(item) && typeof item.id === 'string' ? item.id : null, email: null, success: false, error: why }), { id: UNKNOWN_ID }),
  },
  {
    decision: `${schema('BulkDeleteRequest')}/properties/contactIds/items`,
    title: 'bulk delete: an id that is not a string fails alone in details[], the others are deleted',
    handle: itemsAlone('bulkDeleteContacts', 'contactIds', (id, why): BulkItem => ({ contactId: typeof id === 'string' ? id : null, email: null, success: false, error: why }), UNKNOWN_ID),
  },

  // ---- statuses -------------------------------------------------------------------------------
  { decision: DECIDED.unauthorized, title: 'a missing or unknown key is refused with 403', handle: status('every', 401, 403) },
  {
    decision: DECIDED.refusalStatus,
    title: 'a request its schema refuses is a 400; 422 only for the participant rules the reference gives it',
    handle: answers('every', (s, body, req) => {
      if (s !== 422) return undefined;
      const participantRule = PARTICIPANT_RULES.includes(operationOf(req) ?? '') && isDetailList(body) && body.detail.some((d) => d.loc?.[1] === 'participants');
      return participantRule ? undefined : [400, body];
    }),
  },
  { decision: DECIDED.notFound, title: 'an unknown id is 404 {"detail": "Not Found"}, the framework’s own message', handle: status([...DOCUMENT_OPS, ...CONTACT_OPS, 'deleteContact', 'listContactDocuments'], 404, 404, () => ({ detail: 'Not Found' })) },
  {
    decision: DECIDED.duplicate409,
    title: 'a second create of an email answers 201 with the contact that has it (as bulk create does), creating nothing',
    repository: (inner) =>
      new (class extends RepositoryDecorator {
        override insertContact: RepositoryDecorator['insertContact'] = async (...a) => ({ ...(await this.inner.insertContact(...a)), created: true });
      })(inner),
  },
  { decision: '#/paths/~1v2~1contacts~1bulk/post/responses/200', title: 'a bulk answer with a failed item is 207 Multi-Status', handle: answers(BULK_OPS, (s, body) => (s === 200 && isObject(body) && Number(body.failedCount) > 0 ? [207, body] : undefined)) },
  { decision: DECIDED.updateContact, title: 'PUT answers 204 No Content', handle: status(['updateContact'], 200, 204, () => undefined) },
  { decision: DECIDED.createDocument, title: 'creating a document answers 200', handle: status(['createDocument'], 201, 200) },
  {
    decision: DECIDED.getDocument,
    title: 'there is no GET of a document: 405',
    handle: (inner) => async (req) => (operationOf(req) === 'getDocument' ? reply(405, { detail: 'Method Not Allowed' }) : inner(req)),
  },
  { decision: DECIDED.addParticipants, title: 'adding participants answers 201 Created with the document', handle: status(['addDocumentParticipants'], 200, 201) },
  { decision: DECIDED.removeParticipant, title: 'removing a participant answers {"success": true, "message": "Participant removed"}', handle: status(['removeDocumentParticipant'], 200, 200, () => ({ success: true, message: 'Participant removed' })) },
  {
    decision: '#/paths/~1v2~1documents~1{document_id}~1participants/post/responses/409',
    title: 'changing the participants of a finished document is 422',
    handle: status(['addDocumentParticipants', 'removeDocumentParticipant'], 409, 422, (b) => ({ detail: [{ type: 'value_error', loc: ['path', 'document_id'], msg: String((b as { detail?: unknown } | undefined)?.detail), input: null }] })),
    unobservable: 'only a signature (or the control plane) finishes a document: the public API the suite uses cannot',
  },

  // ---- bodies of errors ------------------------------------------------------------------------
  {
    decision: DECIDED.validationBody,
    title: 'a validation refusal reads {"message", "errors": [{"field", "message"}]}',
    handle: answers('every', (s, body) =>
      s >= 400 && s < 500 && isDetailList(body) ? [s, { message: 'Validation failed', errors: body.detail.map((d) => ({ field: (d.loc ?? []).slice(1).join('.'), message: d.msg })) }] : undefined,
    ),
  },
  {
    decision: DECIDED.errorBody,
    title: 'an error reads {"error": "<code>", "message": "<text>"}',
    handle: answers('every', (s, body) => (s >= 400 && isObject(body) && typeof body.detail === 'string' ? [s, { error: `E${s}`, message: body.detail }] : undefined)),
  },

  // ---- answers ----------------------------------------------------------------------------------
  {
    decision: '#/components/schemas/BulkResponse/additionalProperties',
    title: 'answers carry more fields than the contract lists (the kind of object)',
    handle: answers('every', (s, body, req) => (success(s) && isObject(body) ? [s, { ...body, object: operationOf(req) }] : undefined)),
  },
  {
    decision: '#/components/schemas/ContactListItem/properties/fullName/presence',
    title: 'empty fields are left out of answers, not null',
    handle: everyAnswerObject([...CONTACT_OPS, ...DOCUMENT_OPS, 'listContacts', 'autocompleteContacts'], (o) => {
      for (const [k, v] of Object.entries(o)) if (v === null) delete o[k];
    }),
  },
  {
    decision: '#/components/schemas/ContactDetailResponse/properties/createdAt',
    title: 'answers carry no timestamps',
    handle: everyAnswerObject([...CONTACT_OPS, ...DOCUMENT_OPS], (o) => {
      delete o.createdAt;
      delete o.updatedAt;
      if ('invitedBy' in o) delete o.signedAt;
    }),
  },
  {
    decision: '#/components/schemas/ContactDocument/properties/signedAt',
    title: 'a contact’s document shows signedAt only once signed',
    handle: everyAnswerObject(['listContactDocuments', ...CONTACT_OPS], (o) => {
      if ('documentId' in o && o.signedAt === null) delete o.signedAt;
    }),
  },
  {
    decision: '#/components/schemas/DocumentStatus/enum',
    title: 'a document waiting for signatures is SENT',
    handle: everyAnswerObject([...DOCUMENT_OPS, ...CONTACT_OPS, 'listContactDocuments'], (o) => {
      if (o.status === 'PENDING') o.status = 'SENT';
    }),
  },
  {
    decision: '#/components/schemas/Document',
    title: 'a document’s answer leaves its name out',
    handle: everyAnswerObject(DOCUMENT_OPS, (o) => {
      if ('participants' in o && 'config' in o) delete o.name;
    }),
  },
  {
    decision: DECIDED.source,
    title: 'a contact created through the API has source manual',
    repository: (inner) =>
      new (class extends RepositoryDecorator {
        override insertContact: RepositoryDecorator['insertContact'] = (tenant, contact) => this.inner.insertContact(tenant, contact.source === 'api' ? { ...contact, source: 'manual' } : contact);
      })(inner),
  },
  {
    decision: DECIDED.bulkSuccess,
    title: 'a bulk answer’s success says the request was processed, even when every item failed',
    handle: answers(BULK_OPS, (s, body) => (s === 200 && isObject(body) ? [s, { ...body, success: true }] : undefined)),
  },
  {
    decision: '#/components/schemas/BulkItemSuccess/properties/email/presence',
    title: 'bulk update and delete items carry no email',
    handle: answers(['bulkUpdateContacts', 'bulkDeleteContacts'], (s, body) => {
      if (s !== 200 || !isObject(body) || !Array.isArray(body.details)) return undefined;
      return [s, { ...body, details: body.details.map((d) => (isObject(d) ? Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'email')) : d)) }];
    }),
  },
];
