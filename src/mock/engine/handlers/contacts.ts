import { eitherSpelling } from '../../../contract/index.js';
import type { ContactFields } from '../../domain/contacts.js';
import { contactListJson } from '../list-json.js';
import { autocompleteItem, contactDetail, contactDocument } from '../views.js';
import { withDefaults, type Handlers } from './types.js';

/** Request bodies accept full_name/fullName and job_title/jobTitle; the domain speaks camelCase. */
export function contactFields(body: object): ContactFields {
  const fields: ContactFields = {};
  const b = body as Record<string, unknown>;
  const fullName = eitherSpelling(b, 'fullName');
  const jobTitle = eitherSpelling(b, 'jobTitle');
  if (fullName !== undefined) fields.fullName = fullName as string;
  if (jobTitle !== undefined) fields.jobTitle = jobTitle as string | null;
  for (const key of ['phone', 'company', 'notes'] as const) if (Object.hasOwn(b, key)) fields[key] = b[key] as string | null;
  if (Object.hasOwn(b, 'tags')) fields.tags = b.tags as string[];
  return fields;
}

type ContactHandlers = Pick<
  Handlers,
  'listContacts' | 'autocompleteContacts' | 'createContact' | 'getContact' | 'updateContact' | 'deleteContact' | 'patchContactCustomFields' | 'listContactDocuments'
>;

export const contactHandlers: ContactHandlers = {
  listContacts: withDefaults(['page', 'pageSize'], async ({ service, listItems, caller, query }) => {
    const { page, pageSize } = query;
    const result = await service.listContacts(caller.tenant, { page, pageSize, search: query.search, tag: query.tag, verified: query.verified, source: query.source });
    return { status: 200, text: contactListJson(listItems, result, page, pageSize) };
  }),

  autocompleteContacts: async ({ service, caller, query }) => ({ status: 200, body: (await service.autocomplete(caller.tenant, query.q)).map(autocompleteItem) }),

  createContact: async ({ service, caller, body }) => ({
    status: 201,
    body: contactDetail(await service.createContact(caller.tenant, { ...contactFields(body), email: body.email })),
  }),

  getContact: async ({ service, caller, params }) => ({ status: 200, body: contactDetail(await service.getContact(caller.tenant, params.contact_id)) }),

  updateContact: async ({ service, caller, params, body }) => ({
    status: 200,
    body: contactDetail(await service.updateContact(caller.tenant, params.contact_id, contactFields(body))),
  }),

  deleteContact: async ({ service, caller, params }) => {
    await service.deleteContact(caller.tenant, params.contact_id);
    return { status: 200, body: { success: true, message: 'Contact deleted' } };
  },

  patchContactCustomFields: async ({ service, caller, params, body }) => ({
    status: 200,
    body: contactDetail(await service.patchCustomFields(caller.tenant, params.contact_id, body.set, body.remove)),
  }),

  listContactDocuments: async ({ service, caller, params }) => {
    const { contact, documents } = await service.contactDocuments(caller.tenant, params.contact_id);
    const items = documents.map((d) => contactDocument(d, contact.emailKey));
    return { status: 200, body: { items, total: items.length } };
  },
};
