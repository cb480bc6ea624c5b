import type { DocumentCreateRequest, ParticipantsAddRequest } from '../../types/index.js';
import { respond, type Handler } from './context.js';

export const documentHandlers: Record<string, Handler> = {
  createDocument: ({ store, tenant, owner, body }) => {
    const b = body as DocumentCreateRequest;
    return respond(
      store.createDocument(tenant, owner, { name: b.name, participants: b.participants, sendByWhatsapp: b.config?.sendByWhatsapp ?? false }),
      201,
    );
  },

  getDocument: ({ store, tenant, params }) => respond(store.getDocument(tenant, params.document_id!)),

  addDocumentParticipants: ({ store, tenant, owner, params, body }) =>
    respond(store.addParticipants(tenant, owner, params.document_id!, (body as ParticipantsAddRequest).participants)),

  removeDocumentParticipant: ({ store, tenant, params }) => respond(store.removeParticipant(tenant, params.document_id!, params.email!)),
};
