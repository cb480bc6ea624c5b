import { loadContract, provenance } from '../../../src/contract/index.js';
import type { Handle } from '../helpers.js';
import { answer, isObject, jsonOf, requests } from './alternative.js';

export interface BulkItem {
  contactId: string | null;
  email: string | null;
  success: boolean;
  error?: string;
}

/** The shared envelope, counted from its items. */
export function envelope(details: BulkItem[]) {
  const succeededCount = details.filter((d) => d.success).length;
  const failedCount = details.length - succeededCount;
  return { success: succeededCount > 0, message: `${succeededCount} succeeded, ${failedCount} failed`, succeededCount, failedCount, details };
}

/**
 * A bulk operation whose invalid items fail alone, as the reference allows ("un fallo individual no
 * aborta el batch"): an item the contract's schema refuses is taken out of the request and answered
 * as failed in its place; the others are processed as usual. `failed` says how such an item reads;
 * `filler` is an item that changes nothing, for a request left with none (the engine still
 * authenticates it and answers the envelope).
 */
export function itemsAlone(operationId: string, list: string, failed: (item: unknown, why: string) => BulkItem, filler: unknown) {
  const op = loadContract().operation(operationId);
  const problem = (item: unknown): string | undefined =>
    provenance()
      .checkRequest(op, { body: { [list]: [item] } })
      .find((v) => v.at[0] === list && v.at[1] === 0)?.message;
  return (inner: Handle): Handle => {
    const refused = new WeakMap<object, (string | undefined)[]>();
    const rewritten = requests([operationId], ({ query, body }, req) => {
      const items = isObject(body) ? body[list] : undefined;
      if (!Array.isArray(items) || items.length === 0 || items.length > 100) return undefined;
      const problems = items.map(problem);
      if (problems.every((p) => p === undefined)) return undefined;
      refused.set(req, problems);
      const rest = items.filter((_, i) => problems[i] === undefined);
      return { query, body: { ...(body as Record<string, unknown>), [list]: rest.length ? rest : [filler] } };
    })(inner);
    return async (req) => {
      const res = await rewritten(req);
      const problems = refused.get(req);
      if (!problems || res.status !== 200) return res;
      const done = [...((jsonOf(res) as { details?: BulkItem[] } | undefined)?.details ?? [])];
      const kept = problems.some((p) => p === undefined) ? done : [];
      const items = ((JSON.parse(req.body!) as Record<string, unknown[]>)[list] ?? []) as unknown[];
      return answer(res, 200, envelope(items.map((item, i) => (problems[i] === undefined ? kept.shift()! : failed(item, problems[i]!)))));
    };
  };
}
