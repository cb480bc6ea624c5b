import { type Decision, inferred, loadContract, type Operation, provenance, written } from '../../../contract/index.js';
import { DECIDED } from '../../contract/decided.js';
import { schemaTrail } from '../../contract/trail.js';
import type { Mutation } from '../../generate/mutations.js';
import { bodySchemaOf } from '../../generate/operation-parts.js';
import { concluded, groundsOf, decisionIn, defineCheck, failed, line, passed, refusal, success, type InvalidEvent } from '../definition.js';

/** A mutation inside one item of a list whose items are independent requests (a bulk body). */
interface BulkItem {
  index: number;
  /** what an invalid item does to the request: the contract's choice (422 for the whole), or documented */
  consequence: Decision | undefined;
}

/** The bulk item a body mutation sits in, when its list says items are independent. */
function bulkItem(op: Operation, mutation: Mutation): BulkItem | undefined {
  const root = bodySchemaOf(op);
  if (mutation.location !== 'body' || !root) return undefined;
  const { doc } = loadContract();
  for (let i = 1; i < mutation.at.length; i++) {
    const index = mutation.at[i];
    if (typeof index !== 'number') continue;
    const trail = schemaTrail(doc, root, mutation.at.slice(0, i));
    if (trail.length !== i + 1) return undefined;
    const consequence = provenance().itemConsequence(written(doc, trail.at(-1)!.pointer));
    if (consequence) return { index, consequence: decisionIn(consequence) };
  }
  return undefined;
}

function judge({ op, mutation, res, record }: InvalidEvent) {
  if (res.status >= 500) return undefined;
  const basis = provenance().keyword(mutation.site);
  const decision = decisionIn(basis);
  const key = `${mutation.location} ${mutation.keyword} ${mutation.at.map((s) => (typeof s === 'number' ? '*' : s)).join('.')}`;
  const item = bulkItem(op, mutation);
  if (!refusal(res.status)) {
    const details = (res.body as { details?: { success?: unknown }[] } | undefined)?.details;
    if (item && success(res.status) && details?.[item.index]?.success === false) {
      if (!item.consequence) return passed(decision);
      const assertion = `${op.operationId} refuses the whole request for ${mutation.describe}`;
      return concluded([decision], [{ key: `${key} alone`, assertion, message: `${line(record)}: ${mutation.describe} failed its item alone`, decision: item.consequence }]);
    }
    return failed({ key, assertion: `${op.operationId} refuses ${mutation.describe}`, message: `${line(record)}: accepted ${mutation.describe}`, ...groundsOf(basis) });
  }
  const agrees = [decision, item?.consequence];
  // a body past the size bound is refused before it is read: the contract's default error for it
  if (res.status === 413) return passed(...agrees);
  if (res.status !== 422) {
    // a 400 is another status for the same refusal; another 4xx (a 404 for a malformed id) says the constraint was not checked
    const on = res.status === 400 || !decision ? inferred(DECIDED.refusalStatus) : decision;
    const message = `${line(record)}: refused ${mutation.describe} with ${res.status}, not 422`;
    return concluded(agrees, [{ key: `${key} ${res.status}`, assertion: `${op.operationId} refuses ${mutation.describe} with 422`, message, decision: on }]);
  }
  if (Array.isArray((res.body as { detail?: unknown } | undefined)?.detail)) return passed(...agrees);
  const assertion = `${op.operationId} explains a refusal with {"detail": […]}`;
  return concluded(agrees, [{ key: 'body 422', assertion, message: `${line(record)}: refused without FastAPI's {"detail": […]} body`, decision: inferred(DECIDED.validationBody) }]);
}

/**
 * Invalid input is refused, never accepted: that gates where the broken constraint is documented.
 * How it is refused rests on decisions: a 422 (not a 400, not a 404), FastAPI's body, and, for a
 * bulk item, the whole request rather than the item alone (which the reference allows).
 */
export const negativeData = defineCheck({
  id: 'generic.negative-data-rejection',
  title: 'generated invalid input is refused with a 4xx and a FastAPI body, never a 2xx',
  kind: 'negative',
  creates: false,
  on: { invalid: judge },
});
