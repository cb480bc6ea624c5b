import { declaredFor, loadContract, provenance, type Basis, type Contract, type OpenApiDocument, type Operation } from '../../contract/index.js';
import type { Decision } from '../contract/decisions.js';
import type { DecisionLedger } from '../contract/ledger.js';
import { nodeAt } from '../contract/pointers.js';
import { decisionsVisited } from '../contract/trail.js';
import type { ExchangeRecord, Note } from '../types.js';
import { GENERIC, type GenericId } from './catalogue.js';
import type { FindingBook } from './findings.js';

const JSON_TYPE = /^application\/(.+\+)?json\b/;

export interface Finding extends Note {
  check: GenericId;
  /** one finding per key: the same fault seen again replaces the example (the last is the smallest after shrinking) */
  key: string;
}

/** The decision a finding rests on: none when its ground is documented (it gates). */
export const decisionIn = (basis: Basis | undefined): Decision | undefined => (basis?.provenance === 'inferred' ? basis.decision : undefined);
const line = (r: ExchangeRecord) => `${r.request.method} ${r.request.url} → ${r.response?.status}`;
const normalise = (path: (string | number)[]) => path.map((s) => (typeof s === 'number' ? '*' : s)).join('/');

/**
 * The four response checks, run on every answer of the run (hand-written checks and generated
 * requests alike): not-a-server-error, status-code-, content-type- and response-schema-conformance.
 */
export class Inspector {
  private readonly contract: Contract = loadContract();
  private readonly doc: OpenApiDocument = this.contract.doc;

  constructor(
    private readonly selected: (id: GenericId) => boolean,
    private readonly book: FindingBook,
    private readonly ledger: DecisionLedger,
  ) {}

  inspect(record: ExchangeRecord, body: unknown): Finding[] {
    const op = record.operationId ? this.contract.operation(record.operationId) : undefined;
    const status = record.response?.status;
    if (!op || status === undefined) return [];
    const { status: declared, covered } = declaredFor(op, status);
    const found: Finding[] = [];
    const add = (check: GenericId, key: string, assertion: string, message: string, decision?: Decision) => {
      const finding: Finding = { check, key: `${check} ${op.operationId} ${key}`, assertion, message, decision, exchange: record, seenIn: record.seenIn };
      if (decision) this.ledger.contradict(decision, { message, seenIn: record.seenIn ?? '', exchange: record });
      found.push(finding);
    };
    const run = (check: GenericId, work: () => void) => {
      if (!this.selected(check)) return;
      this.book.evaluated(check);
      work();
    };

    run(GENERIC.serverError, () => {
      if (status >= 500) add(GENERIC.serverError, String(status), `${op.operationId} answers below 500`, `${line(record)}: a server error`);
    });
    if (status >= 500) return this.book.addAll(found);

    // the status an answer comes with rests on the operation's mark for it (see ProvenanceLookup.status)
    const statusDecision = decisionIn(provenance().status(op, status));
    run(GENERIC.statusCode, () => {
      const ok = covered;
      if (ok && statusDecision) this.ledger.agree(statusDecision);
      if (!ok) {
        const list = op.responses.map((r) => r.status).join(', ');
        add(GENERIC.statusCode, String(status), `${op.operationId} answers a declared status`, `${line(record)}: ${op.operationId} declares ${list}`, statusDecision);
      }
    });

    run(GENERIC.contentType, () => {
      const type = record.response?.contentType ?? '';
      if (body === undefined || body === '' || JSON_TYPE.test(type)) return;
      add(GENERIC.contentType, `${status}`, `${op.operationId} answers JSON`, `${line(record)} with content type ${type || '(none)'}, expected application/json`, statusDecision);
    });

    // an undeclared 2xx is the status check's finding; its body has no schema to meet
    if (declared) run(GENERIC.responseSchema, () => this.schema(op, status, declared, body, record, statusDecision, add));
    return this.book.addAll(found);
  }

  private schema(
    op: Operation,
    status: number,
    declared: string,
    body: unknown,
    record: ExchangeRecord,
    statusDecision: Decision | undefined,
    add: (check: GenericId, key: string, assertion: string, message: string, decision?: Decision) => void,
  ): void {
    // (the provenance and its validators are compiled once per process: runs come and go, the contract does not)
    const errors = provenance().checkResponse(op, status, body).filter((v) => v.part === 'response');
    if (errors.length === 0) {
      if (statusDecision) this.ledger.agree(statusDecision);
      const root = provenance().responseRoot(op, declared);
      const node = root ? nodeAt(this.doc, root) : undefined;
      const visited = new Map<string, Decision>();
      if (node) decisionsVisited(this.doc, node, body, visited);
      for (const d of visited.values()) this.ledger.agree(d);
      return;
    }
    for (const error of errors) {
      const decision = decisionIn(error.basis);
      add(
        GENERIC.responseSchema,
        `${declared} ${normalise(error.at)} ${error.keyword}`,
        `${op.operationId} ${declared} body matches the contract`,
        `${line(record)}: ${error.message}`,
        decision,
      );
    }
  }
}
