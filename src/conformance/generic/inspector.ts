import { loadContract, type Contract, type OpenApiDocument, type Operation } from '../../contract/index.js';
import { decisionOf, type Decision } from '../contract/decisions.js';
import type { DecisionLedger } from '../contract/ledger.js';
import { childOf, nodeAt, operationPointer, type ContractNode } from '../contract/pointers.js';
import { decisionsOn, decisionsVisited, schemaTrail } from '../contract/trail.js';
import type { ExchangeRecord, Note } from '../types.js';
import { GENERIC, type GenericId } from './catalogue.js';
import type { FindingBook } from './findings.js';
import { ResponseValidator } from './response-validator.js';

/** What the contract's `default` response says it covers: unknown route, method, body too large, media type, rate limit. */
const DEFAULT_ERRORS = new Set([404, 405, 413, 415, 429]);
const JSON_TYPE = /^application\/(.+\+)?json\b/;

export interface Finding extends Note {
  check: GenericId;
  /** one finding per key: the same fault seen again replaces the example (the last is the smallest after shrinking) */
  key: string;
}

// An answer's shape is a guess as a whole when its operation or response is: the outermost decision
// on the way down says why. (A request's constraint is judged by the node that holds it: the nearest.)
const outermost = (decisions: Decision[]) => decisions[0];
const line = (r: ExchangeRecord) => `${r.request.method} ${r.request.url} → ${r.response?.status}`;
const normalise = (path: (string | number)[]) => path.map((s) => (typeof s === 'number' ? '*' : s)).join('/');

/**
 * The four response checks, run on every answer of the run (hand-written checks and generated
 * requests alike): not-a-server-error, status-code-, content-type- and response-schema-conformance.
 */
export class Inspector {
  private readonly contract: Contract = loadContract();
  private readonly doc: OpenApiDocument = this.contract.doc;
  // compiled once per process: runs come and go (a test suite makes dozens), the contract does not
  private static readonly validator = new ResponseValidator();
  private readonly validator = Inspector.validator;

  constructor(
    private readonly selected: (id: GenericId) => boolean,
    private readonly book: FindingBook,
    private readonly ledger: DecisionLedger,
  ) {}

  inspect(record: ExchangeRecord, body: unknown): Finding[] {
    const op = record.operationId ? this.contract.operation(record.operationId) : undefined;
    const status = record.response?.status;
    if (!op || status === undefined) return [];
    const opNode = nodeAt(this.doc, operationPointer(op.path, op.method))!;
    const declared = op.responses.some((r) => r.status === String(status)) ? String(status) : status >= 400 && op.responseFor(status) ? 'default' : undefined;
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

    run(GENERIC.statusCode, () => {
      const ok = declared !== undefined && (declared !== 'default' || DEFAULT_ERRORS.has(status));
      const decision = decisionOf(opNode);
      if (ok && decision) this.ledger.agree(decision);
      if (!ok) {
        const list = op.responses.map((r) => r.status).join(', ');
        add(GENERIC.statusCode, String(status), `${op.operationId} answers a declared status`, `${line(record)}: ${op.operationId} declares ${list}`, decision);
      }
    });

    const responseNode = declared ? nodeAt(this.doc, `${opNode.pointer}/responses/${declared}`) : undefined;
    const schemaNode = responseNode ? childOf(this.doc, responseNode, 'content', 'application/json', 'schema') : undefined;
    const outer = [opNode, responseNode];

    run(GENERIC.contentType, () => {
      const type = record.response?.contentType ?? '';
      if (body === undefined || body === '' || JSON_TYPE.test(type)) return;
      add(GENERIC.contentType, `${status}`, `${op.operationId} answers JSON`, `${line(record)} with content type ${type || '(none)'}, expected application/json`, outermost(decisionsOn([...outer, schemaNode])));
    });

    // an undeclared 2xx is the status check's finding; its body has no schema to meet
    if (declared) run(GENERIC.responseSchema, () => this.schema(op, declared, body, record, outer, schemaNode, add));
    return this.book.addAll(found);
  }

  private schema(
    op: Operation,
    declared: string,
    body: unknown,
    record: ExchangeRecord,
    outer: (ContractNode | undefined)[],
    schemaNode: ContractNode | undefined,
    add: (check: GenericId, key: string, assertion: string, message: string, decision?: Decision) => void,
  ): void {
    const errors = this.validator.validate(op, declared, body);
    if (errors.length === 0) {
      for (const d of decisionsOn(outer)) this.ledger.agree(d);
      const visited = new Map<string, Decision>();
      if (schemaNode) decisionsVisited(this.doc, schemaNode, body, visited);
      for (const d of visited.values()) this.ledger.agree(d);
      return;
    }
    for (const error of errors) {
      const trail = schemaNode ? schemaTrail(this.doc, schemaNode, error.path) : [];
      const decision = outermost(decisionsOn([...outer, ...trail]));
      add(
        GENERIC.responseSchema,
        `${declared} ${normalise(error.path)} ${error.keyword}`,
        `${op.operationId} ${declared} body matches the contract`,
        `${line(record)}: ${error.message}`,
        decision,
      );
    }
  }
}
