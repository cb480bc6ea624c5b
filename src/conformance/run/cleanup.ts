import type { HttpClient } from '../http/client.js';
import { at } from '../checks/read.js';
import type { Tracker } from '../types.js';

/** What a run created; deleted at the end, also after failures and on Ctrl-C. */
export class RunTracker implements Tracker {
  readonly contacts = new Set<string>();
  readonly documents = new Set<string>();

  contact = (id: unknown) => void (typeof id === 'string' && id && this.contacts.add(id));
  document = (id: unknown) => void (typeof id === 'string' && id && this.documents.add(id));
}

async function safely<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch {
    return undefined;
  }
}

async function deleteIds(api: HttpClient, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 100) await safely(() => api.delete('/v2/contacts/bulk', { contactIds: ids.slice(i, i + 100) }));
}

async function searchRun(api: HttpClient, runId: string): Promise<string[] | undefined> {
  const ids: string[] = [];
  for (let page = 1; page <= 50; page++) {
    const res = await safely(() => api.get(`/v2/contacts?search=${encodeURIComponent(runId)}&pageSize=100&page=${page}`));
    if (!res || res.status !== 200) return undefined;
    const data = at(res.body, 'data');
    if (!Array.isArray(data)) return undefined;
    ids.push(...data.map((c) => at(c, 'id')).filter((id): id is string => typeof id === 'string'));
    if (data.length < 100) break;
  }
  return ids;
}

export interface CleanupReport {
  /** contacts of the run still found by a search for the run id (per tenant) */
  leftContacts: number;
  /** documents the run created: the contract has no document delete, so their participants are removed and they stay */
  leftDocuments: string[];
  /** the final search could not be made */
  searchFailed: boolean;
}

/**
 * Delete every tracked contact, take the run's participants off its documents, then search for the
 * run id (which every created email carries) and delete what is left, and search once more to confirm.
 */
export async function cleanUp(tracker: RunTracker, runId: string, clients: HttpClient[]): Promise<CleanupReport> {
  const [api] = clients;
  await deleteIds(api!, [...tracker.contacts]);
  for (const id of tracker.documents) {
    const doc = await safely(() => api!.get(`/v2/documents/${id}`));
    if (doc?.status !== 200) continue;
    const emails = [at(doc.body, 'participants')].flat().map((p) => at(p, 'email'));
    for (const email of emails) {
      if (typeof email === 'string' && email.includes(runId)) await safely(() => api!.delete(`/v2/documents/${id}/participants/${encodeURIComponent(email)}`));
    }
  }
  let leftContacts = 0;
  let searchFailed = false;
  for (const client of clients) {
    const found = await searchRun(client, runId);
    if (found?.length) await deleteIds(client, found);
    const after = await searchRun(client, runId);
    if (after === undefined) searchFailed = true;
    else leftContacts += after.length;
  }
  return { leftContacts, leftDocuments: [...tracker.documents], searchFailed };
}
