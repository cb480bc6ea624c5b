import type { BulkResponse } from '../../types/index.js';
import type { BulkItemOutcome } from '../store/types.js';
import { contactFields, type Handler } from './context.js';

type Body = Record<string, unknown>;

/** The envelope the three bulk endpoints share. */
export function bulkEnvelope(details: BulkItemOutcome[]): BulkResponse {
  const succeededCount = details.filter((d) => d.success).length;
  const failedCount = details.length - succeededCount;
  return {
    success: succeededCount > 0,
    message: `${succeededCount} succeeded, ${failedCount} failed`,
    succeededCount,
    failedCount,
    details,
  };
}

export const bulkHandlers: Record<string, Handler> = {
  bulkCreateContacts: ({ store, tenant, body }) => {
    const items = ((body as Body).contacts as Body[]).map((item) => ({ email: item.email as string, ...contactFields(item) }));
    return { status: 200, body: bulkEnvelope(store.bulkCreate(tenant, items)) };
  },

  bulkUpdateContacts: ({ store, tenant, body }) => {
    const items = ((body as Body).contacts as Body[]).map((item) => ({ id: item.id as string, ...contactFields(item) }));
    return { status: 200, body: bulkEnvelope(store.bulkUpdate(tenant, items)) };
  },

  bulkDeleteContacts: ({ store, tenant, body }) => ({
    status: 200,
    body: bulkEnvelope(store.bulkDelete(tenant, (body as Body).contactIds as string[])),
  }),
};
