import type { ContactSource } from '../store/types.js';
import { contactFields, respond, type Handler } from './context.js';

type Body = Record<string, unknown>;

export const contactHandlers: Record<string, Handler> = {
  listContacts: ({ store, tenant, query }) => ({
    status: 200,
    body: store.listContacts(tenant, {
      page: query.page as number,
      pageSize: query.pageSize as number,
      search: query.search as string | undefined,
      tag: query.tag as string | undefined,
      verified: query.verified as boolean | undefined,
      source: query.source as ContactSource | undefined,
    }),
  }),

  autocompleteContacts: ({ store, tenant, query }) => ({ status: 200, body: store.autocomplete(tenant, query.q as string) }),

  createContact: ({ store, tenant, body }) => {
    const b = body as Body;
    return respond(store.createContact(tenant, { email: b.email as string, ...contactFields(b) }), 201);
  },

  getContact: ({ store, tenant, params }) => respond(store.getContact(tenant, params.contact_id!)),

  updateContact: ({ store, tenant, params, body }) => respond(store.updateContact(tenant, params.contact_id!, contactFields(body as Body))),

  deleteContact: ({ store, tenant, params }) => {
    respond(store.deleteContact(tenant, params.contact_id!));
    return { status: 200, body: { success: true, message: 'Contact deleted' } };
  },

  patchContactCustomFields: ({ store, tenant, params, body }) => {
    const b = body as { set?: Record<string, unknown>; remove?: string[] };
    return respond(store.patchCustomFields(tenant, params.contact_id!, b.set, b.remove));
  },

  listContactDocuments: ({ store, tenant, params }) => respond(store.contactDocuments(tenant, params.contact_id!)),
};
