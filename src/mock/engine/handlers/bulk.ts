import { bulkEnvelope } from '../views.js';
import { contactFields } from './contacts.js';
import type { Handlers } from './types.js';

export const bulkHandlers: Pick<Handlers, 'bulkCreateContacts' | 'bulkUpdateContacts' | 'bulkDeleteContacts'> = {
  bulkCreateContacts: async ({ service, caller, body }) => ({
    status: 200,
    body: bulkEnvelope(await service.bulkCreate(caller.tenant, body.contacts.map((item) => ({ ...contactFields(item), email: item.email })))),
  }),

  bulkUpdateContacts: async ({ service, caller, body }) => ({
    status: 200,
    body: bulkEnvelope(await service.bulkUpdate(caller.tenant, body.contacts.map((item) => ({ ...contactFields(item), id: item.id })))),
  }),

  bulkDeleteContacts: async ({ service, caller, body }) => ({ status: 200, body: bulkEnvelope(await service.bulkDelete(caller.tenant, body.contactIds)) }),
};
