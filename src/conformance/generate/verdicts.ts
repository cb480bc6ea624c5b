import { loadContract, provenance, type Operation } from '../../contract/index.js';
import type { Answer } from '../client.js';
import { inferred, type Decision } from '../contract/decisions.js';
import type { DecisionLedger } from '../contract/ledger.js';
import { decisionsOn, decisionsVisited, schemaTrail } from '../contract/trail.js';
import { VALIDATION_BODY } from '../expect.js';
import { GENERIC, type GenericId } from '../generic/catalogue.js';
import type { FindingBook } from '../generic/findings.js';
import { decisionIn, type Finding } from '../generic/inspector.js';
import type { ExchangeRecord } from '../types.js';
import type { Mutation } from './mutations.js';
import { bodySchemaOf, parametersOf, type RequestCase } from './requests.js';

const ERROR_BODY = '#/components/schemas/ErrorResponse';
const UNAUTHORIZED = '#/components/responses/Unauthorized';

const line = (r: ExchangeRecord) => `${r.request.method} ${r.request.url} → ${r.response?.status}`;
const success = (status: number) => status >= 200 && status < 300;

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

  /** The decision a 422 of a valid request rests on: only if every field it names rests on one. */
  private rejectionDecision(op: Operation, res: Answer): Decision | undefined {
    const { doc } = loadContract();
    const detail = (res.body as { detail?: unknown } | undefined)?.detail;
    if (!Array.isArray(detail) || detail.length === 0) return undefined;
    const decisions: (Decision | undefined)[] = detail.map((d) => {
      const loc = (d as { loc?: unknown }).loc;
      if (!Array.isArray(loc)) return undefined;
      const [part, ...rest] = loc as (string | number)[];
      // what the refused value is judged by: the schema node it sits at, as far as the schema describes it
      if (part === 'body') {
        const root = bodySchemaOf(op);
        return root ? decisionsOn([schemaTrail(doc, root, rest).at(-1)]).at(-1) : undefined;
      }
      const param = parametersOf(op).find((p) => p.in === part && p.name === rest[0]);
      return param ? decisionsOn([param.node, param.schema]).at(-1) : undefined;
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
      return this.finding(GENERIC.positiveData, op, `${res.status}`, `${op.operationId} takes valid input`, `${line(record)}: a request the contract allows was refused`, record, this.rejectionDecision(op, res));
    }
    if (!exists) return [];
    const works = decisionIn(provenance().success(op));
    return this.finding(GENERIC.positiveData, op, `stateful ${res.status}`, `${op.operationId} works on what the run just made`, `${line(record)}: expected a 2xx for what the run had just made`, record, works);
  }

  /** Invalid input is a 4xx with a FastAPI body; never accepted. */
  negative(op: Operation, mutation: Mutation, res: Answer, record: ExchangeRecord): Finding[] {
    if (!this.selected(GENERIC.negativeData) || res.status >= 500) return [];
    this.book.evaluated(GENERIC.negativeData);
    const decision = decisionIn(provenance().keyword(mutation.site));
    const key = `${mutation.location} ${mutation.keyword} ${mutation.at.map((s) => (typeof s === 'number' ? '*' : s)).join('.')}`;
    if (res.status < 400) {
      return this.finding(GENERIC.negativeData, op, key, `${op.operationId} refuses ${mutation.describe}`, `${line(record)}: accepted ${mutation.describe}`, record, decision);
    }
    if (decision) this.ledger.agree(decision);
    const detail = (res.body as { detail?: unknown } | undefined)?.detail;
    const fastApi = res.status === 422 ? Array.isArray(detail) : typeof detail === 'string' || Array.isArray(detail);
    if (fastApi) return [];
    const shape = inferred(res.status === 422 ? VALIDATION_BODY : ERROR_BODY);
    return this.finding(GENERIC.negativeData, op, `body ${res.status}`, `${op.operationId} explains a refusal with {"detail": …}`, `${line(record)}: refused without a FastAPI {"detail": …} body`, record, shape);
  }

  /** Without a valid key nothing is served; that the refusal is exactly 401 is the contract's choice. */
  auth(op: Operation, res: Answer, record: ExchangeRecord): Finding[] {
    if (!this.selected(GENERIC.ignoredAuth) || res.status >= 500) return [];
    this.book.evaluated(GENERIC.ignoredAuth);
    const how = record.request.auth === 'none' ? 'without a key' : 'with a made-up key';
    if (res.status === 401) return [];
    const decision = res.status < 400 ? undefined : inferred(UNAUTHORIZED);
    return this.finding(GENERIC.ignoredAuth, op, `${how} ${res.status}`, `${op.operationId} refuses requests ${how}`, `${line(record)}: ${how}, expected 401`, record, decision);
  }

  /** A generated request that got no answer at all: the server may have crashed on it. */
  noAnswer(op: Operation, record: ExchangeRecord): Finding[] {
    if (!this.selected(GENERIC.serverError)) return [];
    return this.finding(GENERIC.serverError, op, 'no answer', `${op.operationId} answers`, `${record.request.method} ${record.request.url}: no answer: ${record.error}`, record);
  }

  /** What the run deleted is gone for every operation. */
  afterDelete(op: Operation, res: Answer, record: ExchangeRecord, what: string, decision?: Decision): Finding[] {
    if (!this.selected(GENERIC.useAfterDelete) || res.status >= 500) return [];
    this.book.evaluated(GENERIC.useAfterDelete);
    if (res.status === 404) {
      if (decision) this.ledger.agree(decision);
      return [];
    }
    return this.finding(GENERIC.useAfterDelete, op, `${res.status}`, `${op.operationId} on ${what} is 404`, `${line(record)}: ${what}, expected 404`, record, decision);
  }
}
