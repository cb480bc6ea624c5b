import { type Acceptance, acceptancesIn, CONSTRAINT_KEYWORDS, type Decision, loadContract, type Operation, provenance, written } from '../../../contract/index.js';
import type { Answer } from '../../http/client.js';
import { decisionsOn, decisionsVisited, schemaTrail, type Segment } from '../../contract/trail.js';
import { bodySchemaOf, parametersOf, type RequestCase } from '../../generate/operation-parts.js';
import { decisionIn, defineCheck, failed, line, passed, success, type ValidEvent } from '../definition.js';

const starts = (path: Segment[], prefix: Segment[]) => prefix.every((s, i) => path[i] === s);

/** The decisions a valid case went through: its parameters' and its body's values'. */
function decisionsOf(op: Operation, c: RequestCase): Decision[] {
  const { doc } = loadContract();
  const found = new Map<string, Decision>();
  for (const p of parametersOf(op)) {
    if ((p.in === 'path' ? c.path : c.query)[p.name] === undefined) continue;
    for (const d of decisionsOn([p.node, p.schema])) found.set(d.pointer, d);
  }
  const body = bodySchemaOf(op);
  if (body && c.body !== undefined) decisionsVisited(doc, body, c.body, found);
  return [...found.values()];
}

/** Where a refusal's FastAPI body says the problem is, if it says. */
function refusedAt(res: Answer): Segment[][] {
  const detail = (res.body as { detail?: unknown } | undefined)?.detail;
  if (!Array.isArray(detail)) return [];
  return detail.map((d) => (d as { loc?: unknown } | null)?.loc).filter((loc): loc is Segment[] => Array.isArray(loc) && loc[0] === 'body').map((loc) => loc.slice(1));
}

/**
 * What refusing a request the contract allows rests on. The reference allows what it documents;
 * what only the contract lets through (an empty list where no minimum is set, a null where null is
 * inferred, a value of a field whose bounds are inferred) may be refused by a faithful server.
 * The refusal's `loc`, when it gives one, says which part; without one, any part the case has
 * that only the contract allows may be why.
 */
function rejectionDecision(op: Operation, c: RequestCase, res: Answer): Decision | undefined {
  const root = bodySchemaOf(op);
  const acceptances: Acceptance[] = root && c.body !== undefined ? acceptancesIn(root.pointer, c.body).exercised : [];
  const named = refusedAt(res);
  if (named.length === 0) return acceptances[0]?.decision;
  const { doc } = loadContract();
  const decisions = named.map((at) => {
    const exercised = acceptances.find((a) => starts(a.at, at) || starts(at, a.at));
    if (exercised) return exercised.decision;
    // a value whose own node's constraints are all inferred (a document's name, say): a refusal of
    // it contradicts one of them; a node with a documented keyword (an email's format) may be
    // refused for a rule no schema states (a participant's email given twice)
    const node = root ? schemaTrail(doc, root, at).at(-1) : undefined;
    if (!node) return undefined;
    const bases = CONSTRAINT_KEYWORDS.filter((k) => k in node.value).map((keyword) => provenance().keyword({ node: written(doc, node.pointer), keyword }));
    return bases.length > 0 && bases.every((b) => b?.provenance === 'inferred') ? decisionsOn([node]).at(-1) : undefined;
  });
  return decisions.every(Boolean) ? decisions[0] : undefined;
}

function judge({ op, case: c, res, record, exists }: ValidEvent) {
  if (res.status >= 500) return undefined;
  if (success(res.status)) return passed(...decisionsOf(op, c));
  if (res.status === 400 || res.status === 422) {
    return failed({ key: `${res.status}`, assertion: `${op.operationId} takes valid input`, message: `${line(record)}: a request the contract allows was refused`, decision: rejectionDecision(op, c, res) });
  }
  if (!exists) return passed();
  const works = decisionIn(provenance().success(op));
  return failed({ key: `stateful ${res.status}`, assertion: `${op.operationId} works on what the run just made`, message: `${line(record)}: expected a 2xx for what the run had just made`, decision: works });
}

/**
 * A valid request is not refused as invalid (400/422). The refusal gates unless only what the
 * contract alone allows can be why (rejectionDecision); a 2xx agrees with every decision the case
 * went through. On what the run had just made, only a 2xx will do, resting on the success's mark.
 */
export const positiveData = defineCheck({
  id: 'generic.positive-data-acceptance',
  title: 'generated valid input is not refused as invalid (400/422)',
  kind: 'positive',
  creates: false,
  on: { valid: judge },
});
