import { type Decision, declaredFor, inferred, loadContract, type Operation, provenance } from '../../contract/index.js';
import { DECIDED } from '../contract/decided.js';
import type { DecisionLedger } from '../contract/ledger.js';
import type { Mutation } from '../generate/mutations.js';
import type { RequestCase } from '../generate/operation-parts.js';
import type { Answer } from '../http/client.js';
import type { ExchangeRecord } from '../types.js';
import { decisionIn, type Conclusion, type Events, type Verdict } from './definition.js';
import type { Finding, FindingBook } from './findings.js';
import { DEFINITIONS, type GenericId } from './registry.js';

/**
 * Hands each event of the run to the selected generic checks that handle it, in the registry's
 * order, and keeps their books: what each evaluated, its findings (one per key, in the run's book),
 * and the decisions each agreed with or contradicted (in the ledger). The checks only conclude.
 */
export class Dispatcher {
  private readonly contract = loadContract();

  constructor(
    readonly selected: (id: GenericId) => boolean,
    private readonly book: FindingBook,
    private readonly ledger: DecisionLedger,
  ) {}

  /** Any answer of the run: the response checks (server error, status, content type, schema). */
  inspect(record: ExchangeRecord, body: unknown): Finding[] {
    const op = record.operationId ? this.contract.operation(record.operationId) : undefined;
    const status = record.response?.status;
    if (!op || status === undefined) return [];
    const { status: declared, covered } = declaredFor(op, status);
    // the status an answer comes with rests on the operation's mark for it (see ProvenanceLookup.status)
    const statusDecision = decisionIn(provenance().status(op, status));
    return this.dispatch('answer', { op, record, status, body, declared, covered, statusDecision });
  }

  /** A valid generated request; `exists`: its target was just made, so only a 2xx will do. */
  positive(op: Operation, c: RequestCase, res: Answer, record: ExchangeRecord, exists = false): Finding[] {
    return this.dispatch('valid', { op, case: c, res, record, exists });
  }

  /** A generated request with one constraint broken. */
  negative(op: Operation, mutation: Mutation, res: Answer, record: ExchangeRecord): Finding[] {
    return this.dispatch('invalid', { op, mutation, res, record });
  }

  /** A request without a key or with a made-up one. */
  auth(op: Operation, res: Answer, record: ExchangeRecord): Finding[] {
    return this.dispatch('keyless', { op, res, record });
  }

  /** A generated request that got no answer at all: the server may have crashed on it. */
  noAnswer(op: Operation, record: ExchangeRecord): Finding[] {
    return this.dispatch('noAnswer', { op, record });
  }

  /** An operation on what the run deleted; other than 404, the status rests on `decision`. */
  afterDelete(op: Operation, res: Answer, record: ExchangeRecord, what: string, decision: Decision = inferred(DECIDED.notFound)): Finding[] {
    return this.dispatch('deleted', { op, res, record, what, decision });
  }

  private dispatch<E extends keyof Events>(event: E, about: Events[E]): Finding[] {
    const found: Finding[] = [];
    for (const check of DEFINITIONS) {
      const handler = check.on[event] as ((e: Events[E]) => Conclusion | undefined) | undefined;
      if (!handler || !this.selected(check.id)) continue;
      const conclusion = handler(about);
      if (!conclusion) continue;
      // a request without an answer is not an answer or a case checked: the counts say how many were
      if (event !== 'noAnswer') this.book.evaluated(check.id);
      for (const d of conclusion.agrees ?? []) this.ledger.agree(d);
      for (const v of conclusion.findings ?? []) found.push(this.record(check.id, about.op, about.record, v));
    }
    return found;
  }

  private record(check: GenericId, op: Operation, record: ExchangeRecord, { key, assertion, message, decision, reference }: Verdict): Finding {
    if (decision) this.ledger.contradict(decision, { message, seenIn: record.seenIn ?? '', exchange: record });
    const grounds = decision ? { decision } : reference ? { reference } : {};
    return this.book.add({ check, key: `${check} ${op.operationId} ${key}`, assertion, message, ...grounds, exchange: record, seenIn: record.seenIn });
  }
}
