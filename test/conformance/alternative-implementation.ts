import express, { type Express } from 'express';
import { rewriteAnswer } from '../support/rewrite-answer.js';

// An implementation written from the same reference without this contract: right on every
// documented rule, different on three points the reference leaves open. Built as an outer app
// around createMockApp(...), so it keeps working however the mock is built inside.

interface Item {
  contactId: string | null;
  email: string | null;
  success: boolean;
  error?: string;
}

const envelope = (details: Item[]) => {
  const succeededCount = details.filter((d) => d.success).length;
  const failedCount = details.length - succeededCount;
  return { success: succeededCount > 0, message: `${succeededCount} succeeded, ${failedCount} failed`, succeededCount, failedCount, details };
};

/** Rewrites the JSON answer of the inner app; `to` returns the status and body to send instead. */
function answer(res: express.Response, to: (status: number, body: unknown) => [number, unknown]): void {
  rewriteAnswer(res, (status, text) => {
    const [replacedStatus, replaced] = to(status, JSON.parse(text));
    return [replacedStatus, JSON.stringify(replaced)];
  });
}

export function alternativeImplementation(app: Express): Express {
  const outer = express();
  outer.use(express.json({ limit: '1mb', strict: false, type: ['application/json', 'application/*+json'] }));
  outer.use((req, res, next) => {
    // adding participants answers 201 Created with the document
    if (req.method === 'POST' && /^\/v2\/documents\/[^/]+\/participants$/.test(req.path)) answer(res, (status, body) => [status === 200 ? 201 : status, body]);
    // removing one answers like deleting a contact does
    if (req.method === 'DELETE' && /^\/v2\/documents\/[^/]+\/participants\/[^/]+$/.test(req.path)) {
      answer(res, (status, body) => (status === 200 ? [200, { success: true, message: 'Participant removed' }] : [status, body]));
    }
    // a bulk-update item without id fails alone, in the 200 envelope, like an unknown id
    const items = (req.body as { contacts?: unknown } | undefined)?.contacts;
    const missing = (i: unknown) => !(i as { id?: unknown } | null)?.id;
    if (req.method === 'PATCH' && req.path === '/v2/contacts/bulk' && req.get('authorization') && Array.isArray(items) && items.length <= 100 && items.some(missing)) {
      const failed: Item = { contactId: null, email: null, success: false, error: 'Field required: id' };
      const rest = items.filter((i) => !missing(i));
      // the inner app still authenticates; with no item to hand it, it gets one that changes nothing
      req.body = { contacts: rest.length ? rest : [{ id: '00000000-0000-4000-8000-000000000000' }] };
      answer(res, (status, body) => {
        if (status !== 200) return [status, body];
        const done = rest.length ? [...(body as { details: Item[] }).details] : [];
        return [200, envelope(items.map((i) => (missing(i) ? failed : done.shift()!)))];
      });
    }
    next();
  });
  outer.use(app);
  return outer;
}
