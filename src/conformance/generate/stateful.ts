import fc from 'fast-check';
import { inferred, loadContract } from '../../contract/index.js';
import type { Answer } from '../http/client.js';
import type { Finding } from '../generic/findings.js';
import { validCases, type RequestCase } from './requests.js';
import type { PropertyRun } from './property-run.js';

const REMOVE_PARTICIPANT = '#/paths/~1v2~1documents~1{document_id}~1participants~1{email}/delete/responses/404';
const bodies = (run: PropertyRun, operationId: string) => validCases(loadContract().operation(operationId), run.values).map((c) => c.body);

/** A sequence of steps on what it made; a gating finding ends it, and fast-check shrinks the bodies. */
class Steps {
  readonly findings: Finding[] = [];
  constructor(private readonly run: PropertyRun) {}

  async step(operationId: string, c: RequestCase, exists: boolean): Promise<Answer> {
    const op = loadContract().operation(operationId);
    const res = await this.run.send(op, c);
    this.findings.push(...(res.findings as Finding[]), ...this.run.options.judge.positive(op, c, res, res.exchange, exists));
    return res;
  }

  async gone(operationId: string, c: RequestCase, what: string, decision = inferredOrNot(operationId)): Promise<void> {
    const op = loadContract().operation(operationId);
    const res = await this.run.send(op, c);
    this.findings.push(...(res.findings as Finding[]), ...this.run.options.judge.afterDelete(op, res, res.exchange, what, decision));
  }

  get ok(): boolean {
    return !this.run.gates(this.findings);
  }
}

const inferredOrNot = (operationId: string) => (operationId === 'removeDocumentParticipant' ? inferred(REMOVE_PARTICIPANT) : undefined);

/** The operations each sequence goes through. */
export const CONTACT_LIFECYCLE = ['createContact', 'getContact', 'updateContact', 'patchContactCustomFields', 'listContactDocuments', 'deleteContact'];
export const DOCUMENT_LIFECYCLE = ['createDocument', 'getDocument', 'addDocumentParticipants', 'removeDocumentParticipant'];

/** create → get → update → custom fields → documents → delete, then every operation on the deleted id. */
export async function contactLifecycle(run: PropertyRun): Promise<void> {
  const arb = fc.record({ create: bodies(run, 'createContact'), update: bodies(run, 'updateContact'), patch: bodies(run, 'patchContactCustomFields') });
  await run.check(arb, async ({ create, update, patch }) => {
    const steps = new Steps(run);
    const made = await steps.step('createContact', { path: {}, query: {}, body: create }, false);
    const id = (made.body as { id?: unknown } | undefined)?.id;
    if (made.status !== 201 || typeof id !== 'string') return steps.ok;
    const path = { contact_id: id };
    await steps.step('getContact', { path, query: {} }, true);
    await steps.step('updateContact', { path, query: {}, body: update }, true);
    await steps.step('patchContactCustomFields', { path, query: {}, body: patch }, true);
    await steps.step('listContactDocuments', { path, query: {} }, true);
    const deleted = await steps.step('deleteContact', { path, query: {} }, true);
    if (deleted.status < 200 || deleted.status >= 300) return steps.ok;
    const what = 'a contact the run deleted';
    await steps.gone('getContact', { path, query: {} }, what);
    await steps.gone('updateContact', { path, query: {}, body: update }, what);
    await steps.gone('patchContactCustomFields', { path, query: {}, body: patch }, what);
    await steps.gone('listContactDocuments', { path, query: {} }, what);
    await steps.gone('deleteContact', { path, query: {} }, what);
    return steps.ok;
  });
}

interface Participant {
  email: string;
  whatsapp?: string;
}

/** Added participants must not clash with those already there, and need whatsapp on a WhatsApp document (documented rules). */
function fitting(add: { participants: Participant[] }, existing: string[], whatsapp: boolean): { participants: Participant[] } {
  const taken = new Set(existing.map((e) => e.toLowerCase()));
  const participants = add.participants
    .map((p, i) => ({ ...p, email: taken.has(p.email.toLowerCase()) ? p.email.replace('@', `.a${i}@`) : p.email }))
    .map((p) => (whatsapp && !p.whatsapp ? { ...p, whatsapp: '+525512345678' } : p))
    .slice(0, Math.max(1, 50 - existing.length));
  return { participants };
}

/** create a document → get it → add participants → remove one (in another case) → remove it again. */
export async function documentLifecycle(run: PropertyRun): Promise<void> {
  const arb = fc.record({ create: bodies(run, 'createDocument'), add: bodies(run, 'addDocumentParticipants'), upper: fc.boolean() });
  await run.check(arb, async ({ create, add, upper }) => {
    const steps = new Steps(run);
    const made = await steps.step('createDocument', { path: {}, query: {}, body: create }, false);
    const id = (made.body as { id?: unknown } | undefined)?.id;
    if (made.status < 200 || made.status >= 300 || typeof id !== 'string') return steps.ok;
    const path = { document_id: id };
    await steps.step('getDocument', { path, query: {} }, true);
    const request = create as { participants: Participant[]; config?: { sendByWhatsapp?: boolean } };
    const body = fitting(add as { participants: Participant[] }, request.participants.map((p) => p.email), request.config?.sendByWhatsapp === true);
    const added = await steps.step('addDocumentParticipants', { path, query: {}, body }, true);
    const email = body.participants[0]?.email;
    if (added.status < 200 || added.status >= 300 || !email) return steps.ok;
    const target = { path: { ...path, email: upper ? email.toUpperCase() : email }, query: {} };
    const removed = await steps.step('removeDocumentParticipant', target, true);
    if (removed.status >= 200 && removed.status < 300) await steps.gone('removeDocumentParticipant', target, 'a participant the run removed');
    return steps.ok;
  });
}
