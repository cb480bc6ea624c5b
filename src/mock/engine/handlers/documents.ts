import { documentView } from '../views.js';
import type { Handlers } from './types.js';

export const documentHandlers: Pick<Handlers, 'createDocument' | 'getDocument' | 'addDocumentParticipants' | 'removeDocumentParticipant'> = {
  createDocument: async ({ service, caller, body }) => ({
    status: 201,
    body: documentView(
      await service.createDocument(caller.tenant, caller.owner, { name: body.name, participants: body.participants, sendByWhatsapp: body.config?.sendByWhatsapp ?? false }),
    ),
  }),

  getDocument: async ({ service, caller, params }) => ({ status: 200, body: documentView(await service.getDocument(caller.tenant, params.document_id)) }),

  addDocumentParticipants: async ({ service, caller, params, body }) => ({
    status: 200,
    body: documentView(await service.addParticipants(caller.tenant, caller.owner, params.document_id, body.participants)),
  }),

  removeDocumentParticipant: async ({ service, caller, params }) => ({
    status: 200,
    body: documentView(await service.removeParticipant(caller.tenant, params.document_id, params.email)),
  }),
};
