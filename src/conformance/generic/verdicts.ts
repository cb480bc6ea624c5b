import { acceptancesIn, CONSTRAINT_KEYWORDS, loadContract, provenance, written, type Acceptance, type Operation } from '../../contract/index.js';
import type { Answer } from '../http/client.js';
import { DECIDED } from '../contract/decided.js';
import { inferred, type Decision } from '../contract/decisions.js';
import type { DecisionLedger } from '../contract/ledger.js';
import { decisionsOn, decisionsVisited, schemaTrail, type Segment } from '../contract/trail.js';
import { GENERIC, type GenericId } from './catalogue.js';
import type { FindingBook } from './findings.js';
import { decisionIn, type Finding } from './inspector.js';
import type { ExchangeRecord } from '../types.js';
import type { Mutation } from '../generate/mutations.js';
import { bodySchemaOf, parametersOf, type RequestCase } from '../generate/operation-parts.js';

const line = (r: ExchangeRecord) => `${r.request.method} ${r.request.url} → ${r.response?.status}`;
const success = (status: number) => status >= 200 && status < 300;
const refusal = (status: number) => status >= 400 && status < 500;
const starts = (path: Segment[], prefix: Segment[]) => prefix.every((s, i) => path[i] === s);

/** A mutation inside one item of a list whose items are independent requests (a bulk body). */
interface BulkItem {
  index: number;
  /** what an invalid item does to the request: the contract's choice (422 for the whole), or documented */
  consequence: Decision | undefined;
}

/** What the generation-driven checks conclude from one answer; findings go to the run's book. */
export class Judge {
  constructor(
    private readonly book: FindingBook,
    private readonly ledger: DecisionLedger,
    readonly selected: (id: GenericId) => boolean,
  ) {}

  private finding(check: GenericId, op: Operation, key: string, assertion: string, message: string, record: ExchangeRecord, decision?: Decision): Finding[] {
    if (decision) this.ledger.contradict(decision, { message, seenIn: record.seenIn ?? '', exchange: record });
    return [this.book.add({ check, key: `${check} ${op.operationId} ${key}`, assertion, message, decision, exchange: record, seenIn: record.seenIn })];
  }

  private decisionsOf(op: Operation, c: RequestCase): Decision[] {
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
  private refusedAt(res: Answer): Segment[][] {
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
  private rejectionDecision(op: Operation, c: RequestCase, res: Answer): Decision | undefined {
    const root = bodySchemaOf(op);
    const acceptances: Acceptance[] = root && c.body !== undefined ? acceptancesIn(root.pointer, c.body).exercised : [];
    const named = this.refusedAt(res);
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

  /** A valid request must not be refused as invalid; `exists`: its target was just made, so only a 2xx will do. */
  positive(op: Operation, c: RequestCase, res: Answer, record: ExchangeRecord, exists = false): Finding[] {
    if (!this.selected(GENERIC.positiveData) || res.status >= 500) return [];
    this.book.evaluated(GENERIC.positiveData);
    if (success(res.status)) {
      for (const d of this.decisionsOf(op, c)) this.ledger.agree(d);
      return [];
    }
    if (res.status === 400 || res.status === 422) {
      return this.finding(GENERIC.positiveData, op, `${res.status}`, `${op.operationId} takes valid input`, `${line(record)}: a request the contract allows was refused`, record, this.rejectionDecision(op, c, res));
    }
    if (!exists) return [];
    const works = decisionIn(provenance().success(op));
    return this.finding(GENERIC.positiveData, op, `stateful ${res.status}`, `${op.operationId} works on what the run just made`, `${line(record)}: expected a 2xx for what the run had just made`, record, works);
  }

  /** The bulk item a body mutation sits in, when its list says items are independent. */
  private bulkItem(op: Operation, mutation: Mutation): BulkItem | undefined {
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

  /**
   * Invalid input is refused, never accepted: that gates where the broken constraint is documented.
   * How it is refused rests on decisions: a 422 (not a 400, not a 404), FastAPI's body, and, for a
   * bulk item, the whole request rather than the item alone (which the reference allows).
   */
  negative(op: Operation, mutation: Mutation, res: Answer, record: ExchangeRecord): Finding[] {
    if (!this.selected(GENERIC.negativeData) || res.status >= 500) return [];
    this.book.evaluated(GENERIC.negativeData);
    const decision = decisionIn(provenance().keyword(mutation.site));
    const key = `${mutation.location} ${mutation.keyword} ${mutation.at.map((s) => (typeof s === 'number' ? '*' : s)).join('.')}`;
    const item = this.bulkItem(op, mutation);
    if (!refusal(res.status)) {
      const details = (res.body as { details?: { success?: unknown }[] } | undefined)?.details;
      if (item && success(res.status) && details?.[item.index]?.success === false) {
        if (decision) this.ledger.agree(decision);
        if (!item.consequence) return [];
        return this.finding(GENERIC.negativeData, op, `${key} alone`, `${op.operationId} refuses the whole request for ${mutation.describe}`, `${line(record)}: ${mutation.describe} failed its item alone`, record, item.consequence);
      }
      return this.finding(GENERIC.negativeData, op, key, `${op.operationId} refuses ${mutation.describe}`, `${line(record)}: accepted ${mutation.describe}`, record, decision);
    }
    if (decision) this.ledger.agree(decision);
    if (item?.consequence) this.ledger.agree(item.consequence);
    // a body past the size bound is refused before it is read: the contract's default error for it
    if (res.status === 413) return [];
    if (res.status !== 422) {
      // a 400 is another status for the same refusal; another 4xx (a 404 for a malformed id) says the constraint was not checked
      const on = res.status === 400 || !decision ? inferred(DECIDED.refusalStatus) : decision;
      return this.finding(GENERIC.negativeData, op, `${key} ${res.status}`, `${op.operationId} refuses ${mutation.describe} with 422`, `${line(record)}: refused ${mutation.describe} with ${res.status}, not 422`, record, on);
    }
    if (Array.isArray((res.body as { detail?: unknown } | undefined)?.detail)) return [];
    return this.finding(GENERIC.negativeData, op, 'body 422', `${op.operationId} explains a refusal with {"detail": […]}`, `${line(record)}: refused without FastAPI's {"detail": […]} body`, record, inferred(DECIDED.validationBody));
  }

  /** Without a valid key nothing is served; that the refusal is exactly 401 is the contract's choice. */
  auth(op: Operation, res: Answer, record: ExchangeRecord): Finding[] {
    if (!this.selected(GENERIC.ignoredAuth) || res.status >= 500) return [];
    this.book.evaluated(GENERIC.ignoredAuth);
    const how = record.request.auth === 'none' ? 'without a key' : 'with a made-up key';
    if (res.status === 401) return [];
    const decision = res.status < 400 ? undefined : inferred(DECIDED.unauthorized);
    return this.finding(GENERIC.ignoredAuth, op, `${how} ${res.status}`, `${op.operationId} refuses requests ${how}`, `${line(record)}: ${how}, expected 401`, record, decision);
  }

  /** A generated request that got no answer at all: the server may have crashed on it. */
  noAnswer(op: Operation, record: ExchangeRecord): Finding[] {
    if (!this.selected(GENERIC.serverError)) return [];
    return this.finding(GENERIC.serverError, op, 'no answer', `${op.operationId} answers`, `${record.request.method} ${record.request.url}: no answer: ${record.error}`, record);
  }

  /**
   * What the run deleted is gone for every operation: served again, it gates; refused otherwise than
   * with the contract's 404 (a 410, say), the status rests on `decision` (by default, the 404's).
   */
  afterDelete(op: Operation, res: Answer, record: ExchangeRecord, what: string, decision: Decision = inferred(DECIDED.notFound)): Finding[] {
    if (!this.selected(GENERIC.useAfterDelete) || res.status >= 500) return [];
    this.book.evaluated(GENERIC.useAfterDelete);
    if (res.status === 404) {
      this.ledger.agree(decision);
      return [];
    }
    return this.finding(GENERIC.useAfterDelete, op, `${res.status}`, `${op.operationId} on ${what} is 404`, `${line(record)}: ${what}, expected 404`, record, refusal(res.status) ? decision : undefined);
  }
}
