import { loadContract, provenance, written, type BrokenConstraint, type Contract, type ContractNode, type KeywordSite, type Operation } from '../../contract/index.js';
import type { Answer } from '../http/client.js';
import { schemaTrail } from '../contract/trail.js';
import type { DecisionLedger } from '../contract/ledger.js';
import { bodySchemaOf, parametersOf, type RequestCase } from '../generate/operation-parts.js';
import type { Mutation } from '../generate/mutations.js';
import { GENERIC, type GenericId } from '../generic/registry.js';
import { Dispatcher } from '../generic/dispatcher.js';
import { FindingBook, type Finding } from '../generic/findings.js';
import type { ExchangeRecord } from '../types.js';
import { bodyValue, header, isJsonType, type Exchange } from './exchange.js';
import { extraProperties } from './gaps.js';

/** What the contract does not speak to, seen in traffic: never a violation, reported so the contract can grow. */
export const GAP = {
  unknownOperation: 'traffic.unknown-operation',
  undeclaredParameter: 'traffic.undeclared-parameter',
  undeclaredProperty: 'traffic.undeclared-property',
} as const;

/** A request that breaks the contract and was refused: the client's mistake, not the server's. */
export const CLIENT_REQUEST = 'traffic.invalid-request';

/** A replayed request answered otherwise than in the recording. */
export const DIFFERENCE = { status: 'replay.status-differs', body: 'replay.body-differs' } as const;

export type TrafficCheck = GenericId | (typeof GAP)[keyof typeof GAP] | typeof CLIENT_REQUEST | (typeof DIFFERENCE)[keyof typeof DIFFERENCE];

export interface TrafficFinding extends Omit<Finding, 'check'> {
  check: TrafficCheck;
  operationId: string | undefined;
  /** the status the answer came with, when there was one */
  status: number | undefined;
  /** where in the exchange: `response.body/items/*\/email`, `query.pageSize`, … */
  field: string;
  /** documented (gates by default), inferred (rests on `decision`; warns), gap (the contract is silent), client (a refused invalid request), difference (a replay answered otherwise) */
  provenance: 'documented' | 'inferred' | 'gap' | 'client' | 'difference';
}

/** Why an exchange was not judged against the contract. */
export type Skip = 'not the API' | 'preflight';

export interface Judgement {
  findings: TrafficFinding[];
  operationId?: string;
  skipped?: Skip;
  /** a body past the bound: its schema was not checked */
  bodyNotValidated?: boolean;
  record?: ExchangeRecord;
}

const star = (at: (string | number)[]) => at.map((s) => (typeof s === 'number' ? '*' : s)).join('/');

/** The part of a finding's key after the check and the operation: status, place and keyword. */
function fieldOf(finding: Finding): string {
  const rest = finding.key.split(' ').slice(2).join(' ');
  if (finding.check === GENERIC.responseSchema) {
    const [, ...place] = rest.split(' ');
    place.pop();
    return `response.body/${place.join(' ')}`.replace(/\/$/, '');
  }
  if (finding.check === GENERIC.negativeData) {
    const [location, , at] = rest.split(' ');
    return at ? `${location}.${at}` : `${location}`;
  }
  if (finding.check === GENERIC.contentType) return 'response.content-type';
  return 'response.status';
}

const segmentsOfApi = (contract: Contract) => new Set(contract.operations.map((op) => op.path.split('/')[1]!));

/**
 * The contract applied to one exchange, with the suite's own checks: the request against the
 * operation's parameters and body (the contract's validators, as the mock uses them), the answer
 * through the generic response checks (status, content type, schema) and the generation verdicts
 * (valid input refused, invalid input accepted, no key served), and what the contract leaves open.
 */
export class TrafficJudge {
  private readonly contract: Contract = loadContract();
  private readonly apiRoots = segmentsOfApi(this.contract);

  constructor(
    private readonly ledger: DecisionLedger,
    private readonly options: { basePath?: string } = {},
  ) {}

  /** The API path of a URL: the base path taken off, or found where the contract's first segment starts. */
  apiPath(pathname: string): string | undefined {
    const { basePath } = this.options;
    if (basePath !== undefined) {
      const base = basePath.replace(/\/+$/, '');
      return pathname === base || pathname.startsWith(`${base}/`) ? pathname.slice(base.length) || '/' : undefined;
    }
    const segments = pathname.split('/');
    const at = segments.findIndex((s, i) => i > 0 && this.apiRoots.has(s));
    return at < 0 ? undefined : `/${segments.slice(at).join('/')}`;
  }

  judge(exchange: Exchange, seenIn: string): Judgement {
    const method = exchange.request.method.toUpperCase();
    if (method === 'OPTIONS') return { findings: [], skipped: 'preflight' };
    const url = new URL(exchange.request.url, 'http://traffic.invalid');
    const path = this.apiPath(url.pathname);
    if (path === undefined) return { findings: [], skipped: 'not the API' };
    const target = `${path}${url.search}`;
    const status = exchange.response?.status;
    const match = this.contract.match(method, path);
    if (!match.operation) {
      if (status === 404 || status === 405) return { findings: [] };
      const key = `${method} ${path.replace(/\/[^/]*\d[^/]*(?=\/|$)/g, '/*')}`;
      const message = `${method} ${target} → ${status ?? exchange.error}: the contract has no such operation`;
      return { findings: [gap(GAP.unknownOperation, undefined, key, 'request.path', message, status)] };
    }
    const op = match.operation;
    const responseBody = exchange.response?.body;
    const requestValue = bodyValue(exchange.request.body);
    const record: ExchangeRecord = {
      request: { method, url: target, body: requestValue, ...(header(exchange.request.headers, 'authorization') ? {} : { auth: 'none' }) },
      response: exchange.response && { status: exchange.response.status, contentType: header(exchange.response.headers, 'content-type') ?? null, body: bodyValue(responseBody) },
      error: exchange.error,
      durationMs: exchange.durationMs,
      operationId: op.operationId,
      seenIn,
    };
    const findings: Finding[] = [];
    // a body past the bound was not kept whole: its schema is not checked
    const bodyNotValidated = Boolean(responseBody?.truncated);
    const judge = new Dispatcher((id) => !(bodyNotValidated && id === GENERIC.responseSchema), new FindingBook(), this.ledger);
    const query = queryOf(url.searchParams);
    const requestCase: RequestCase = { path: match.params, query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])), body: requestValue };
    const broken = this.requestBroken(op, match.params, query, exchange, requestValue);
    const traffic: TrafficFinding[] = [];
    for (const name of Object.keys(query)) {
      if (!Object.hasOwn(op.queryParameters, name)) traffic.push(gap(GAP.undeclaredParameter, op, `query ${name}`, `query.${name}`, `${method} ${target}: query parameter ${name} is not declared`, status));
    }

    // no answer, or one cut off: what arrived is not the answer, so it is not judged as one
    if (!exchange.response || exchange.error) {
      findings.push(...judge.noAnswer(op, record));
      return { findings: [...traffic, ...findings.map(toTraffic(op, undefined))], operationId: op.operationId, record };
    }
    const res = { status: exchange.response.status, body: record.response!.body } as Answer;
    findings.push(...judge.inspect(record, record.response!.body));
    if (!record.request.auth) {
      // a key was sent: whether it was one the server knows is not for a bystander to say
    } else if (res.status < 500) {
      findings.push(...judge.auth(op, res, record));
    }
    if (res.status === 401) {
      // refused for its key before its input was read: the body's verdicts do not apply
    } else if (broken === undefined) {
      // A refusal of what the schemas allow is, in traffic, usually a rule they cannot state (two
      // participants with one email, a document's state): only when the refusal names constraints
      // that are all inferred is it evidence, against those decisions. The generator's own requests
      // avoid those rules, which is why the suite gates on the same verdict.
      findings.push(...judge.positive(op, requestCase, res, record).filter((f) => f.decision));
    } else if (res.status < 500 && !(bodyNotValidated && res.status >= 400)) {
      // (a refusal whose body was not kept cannot be judged for its shape)
      for (const mutation of this.mutations(op, broken)) findings.push(...judge.negative(op, mutation, res, record));
    }
    if (broken !== undefined && res.status >= 400 && res.status < 500) {
      const fields = [...new Set(broken.map((b) => (b.at.length ? `${b.location}.${star(b.at)}` : b.location)))];
      traffic.push(client(op, `${fields.join(' ')}`, fields.join(', '), `${method} ${target} → ${res.status}: the request breaks the contract at ${fields.join(', ')}`, res.status));
    }
    if (!bodyNotValidated && res.status < 300 && isJsonType(record.response!.contentType ?? undefined)) {
      for (const extra of extraProperties(op, String(res.status), record.response!.body)) {
        traffic.push(gap(GAP.undeclaredProperty, op, `${res.status} ${extra}`, `response.body/${extra}`, `${method} ${target} → ${res.status}: ${extra} is not in the contract's schema`, res.status));
      }
    }
    return { findings: [...traffic, ...findings.map(toTraffic(op, res.status))], operationId: op.operationId, bodyNotValidated, record };
  }

  /** The constraints the request breaks (path, query, body), or undefined when it is valid. */
  private requestBroken(op: Operation, params: Record<string, string>, query: Record<string, string | string[]>, exchange: Exchange, body: unknown) {
    const broken: (BrokenConstraint & { location: 'path' | 'query' | 'body' })[] = [];
    const pathCheck = op.validatePath(params);
    if (!pathCheck.ok) broken.push(...pathCheck.broken.map((b) => ({ ...b, location: 'path' as const })));
    const queryCheck = op.validateQuery(query);
    if (!queryCheck.ok) broken.push(...queryCheck.broken.map((b) => ({ ...b, location: 'query' as const })));
    const json = isJsonType(header(exchange.request.headers, 'content-type'));
    if (op.hasRequestBody && !exchange.request.body?.truncated && (json || body === undefined)) {
      const bodyCheck = op.validateBody(body === undefined ? undefined : structuredClone(body));
      if (!bodyCheck.ok) broken.push(...bodyCheck.broken.map((b) => ({ ...b, location: 'body' as const })));
    }
    return broken.length ? broken : undefined;
  }

  /** Where the broken keyword is written, which the verdict rests on: by the validator's schema path, else (the bounds checked first) at the end of the trail. */
  private site(op: Operation, b: BrokenConstraint & { location: 'path' | 'query' | 'body' }, trail: ContractNode[]): KeywordSite {
    const p = provenance();
    const error = { keyword: b.keyword, params: b.property === undefined ? {} : { missingProperty: b.property }, schemaPath: b.schemaPath ?? '' };
    const found = b.schemaPath === undefined ? undefined : p.requestSite(op, b.location, error);
    if (found) return found;
    const last = trail.at(-1);
    const via = p.useSite(trail.map((n) => n.pointer));
    return { node: last ? written(this.contract.doc, last.pointer) : '', keyword: b.keyword, ...(b.property === undefined ? {} : { property: b.property }), ...(via ? { via } : {}) };
  }

  /** Each broken constraint as the generator's mutation that would have broken it, so its verdict is the generator's. */
  private mutations(op: Operation, broken: (BrokenConstraint & { location: 'path' | 'query' | 'body' })[]): Mutation[] {
    const { doc } = this.contract;
    return broken.map((b) => {
      const at = b.property === undefined ? b.at : [...b.at, b.property];
      let trail;
      if (b.location === 'body') {
        const root = bodySchemaOf(op);
        trail = root ? schemaTrail(doc, root, b.at) : [];
      } else {
        const name = at[0];
        const param = parametersOf(op).find((p) => p.in === b.location && p.name === name);
        trail = param ? [param.node, ...schemaTrail(doc, param.schema, at.slice(1))] : [];
      }
      const where = at.length ? `${b.location} ${at.join('.')}` : `the ${b.location}`;
      return { location: b.location, at, keyword: b.keyword, trail, site: this.site(op, b, trail), describe: `${where} (${b.keyword})`, apply: (c) => c };
    });
  }
}

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

const toTraffic =
  (op: Operation, status: number | undefined) =>
  (finding: Finding): TrafficFinding => ({
    ...finding,
    operationId: op.operationId,
    status,
    field: fieldOf(finding),
    provenance: finding.decision ? 'inferred' : 'documented',
  });

function gap(check: (typeof GAP)[keyof typeof GAP], op: Operation | undefined, key: string, field: string, message: string, status: number | undefined): TrafficFinding {
  return { check, key: `${check} ${op?.operationId ?? '-'} ${key}`, assertion: 'the contract describes it', message, operationId: op?.operationId, status, field, provenance: 'gap' };
}

function client(op: Operation, key: string, field: string, message: string, status: number): TrafficFinding {
  return { check: CLIENT_REQUEST, key: `${CLIENT_REQUEST} ${op.operationId} ${status} ${key}`, assertion: `requests to ${op.operationId} meet the contract`, message, operationId: op.operationId, status, field, provenance: 'client' };
}
