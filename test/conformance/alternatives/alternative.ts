import { allDecisions, contractDocument, inferred, joinPointer, loadContract, pointerKeys, valueAt, type OpenApiDocument } from '../../../src/contract/index.js';
import type { MockRequest, MockResponse, Repository, Service } from '../../../src/mock/index.js';
import { freshRepository, inProcessMock, type Handle, type RunningMock } from '../helpers.js';

/**
 * An implementation of the API written from the reference alone that chose otherwise where the
 * contract made one decision (a place of its `x-inferred`): as faithful to the reference as the mock,
 * different only there. The conformance suite's default run must pass against it, and `--strict`
 * must fail naming the decision.
 */
export interface Alternative {
  /** a place of the decision this is the other choice for (any of its places names it) */
  decision: string;
  /** what this implementation does instead, as its users would put it */
  title: string;
  /** the contract it validates requests with, edited (a copy) */
  contract?: (doc: OpenApiDocument) => void;
  repository?: (inner: Repository) => Repository;
  service?: (inner: Service) => Service;
  /** in front of the engine: a request rewritten or answered, an answer rewritten */
  handle?: (inner: Handle) => Handle;
  /** the suite has no public way to meet this decision, and why: the alternative is proved apart */
  unobservable?: string;
}

/** Decisions of the contract no alternative is the other choice for (by the name reports give them). */
export function withoutAlternative(alternatives: readonly Alternative[]): string[] {
  const covered = new Set(alternatives.map((a) => inferred(a.decision).pointer));
  return allDecisions()
    .map((d) => d.pointer)
    .filter((p) => !covered.has(p));
}

/** The mock made into the alternatives given, all at once (each edits its own part: composed in order). */
export async function startAlternatives(alternatives: readonly Alternative[]): Promise<RunningMock> {
  const edits = alternatives.filter((a) => a.contract);
  let contract;
  if (edits.length) {
    const doc = structuredClone(contractDocument());
    for (const a of edits) a.contract!(doc);
    contract = loadContract({ document: doc });
  }
  const repository = alternatives.reduce<Repository>((inner, a) => a.repository?.(inner) ?? inner, freshRepository());
  const services = alternatives.filter((a) => a.service);
  return inProcessMock({
    repository,
    ...(contract ? { contract } : {}),
    ...(services.length ? { decorateService: (inner: Service) => services.reduce((s, a) => a.service!(s), inner) } : {}),
    handle: (inner) => alternatives.reduce((h, a) => a.handle?.(h) ?? h, inner),
  });
}

// ---- the pieces alternatives are made of ------------------------------------------------------

/** Removes the keyword at each pointer (as written in the contract): the implementation does not constrain there. */
export const drop =
  (...pointers: string[]) =>
  (doc: OpenApiDocument): void => {
    for (const pointer of pointers) {
      const keys = pointerKeys(pointer);
      const parent = valueAt(doc, joinPointer('#', ...keys.slice(0, -1))) as Record<string, unknown> | undefined;
      if (!parent || !(keys.at(-1)! in parent)) throw new Error(`nothing to drop at ${pointer}`);
      delete parent[keys.at(-1)!];
    }
  };

/** Takes names out of the `required` of the node at `pointer`. */
export const dropRequired =
  (pointer: string, ...names: string[]) =>
  (doc: OpenApiDocument): void => {
    const node = valueAt(doc, pointer) as { required?: unknown } | undefined;
    if (!Array.isArray(node?.required) || !names.every((n) => (node.required as string[]).includes(n))) throw new Error(`${names} are not required at ${pointer}`);
    node.required = (node.required as string[]).filter((n) => !names.includes(n));
  };

export const jsonOf = (res: MockResponse): unknown => {
  try {
    return res.body ? JSON.parse(res.body) : undefined;
  } catch {
    return undefined;
  }
};

export const answer = (res: MockResponse, status: number, body: unknown): MockResponse => ({
  ...res,
  status,
  headers: body === undefined ? Object.fromEntries(Object.entries(res.headers).filter(([k]) => k.toLowerCase() !== 'content-type')) : res.headers,
  body: body === undefined ? '' : JSON.stringify(body),
});

/** The operation of the contract a request addresses, if any. */
export const operationOf = (req: MockRequest): string | undefined => loadContract().match(req.method, req.path).operation?.operationId;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Rewrites the JSON answers of some operations (or of every one): `to` gets the status and the
 * parsed body, and returns what to answer instead, or undefined to leave the answer as it is.
 */
export const answers =
  (operations: readonly string[] | 'every', to: (status: number, body: unknown, req: MockRequest) => [number, unknown] | undefined) =>
  (inner: Handle): Handle =>
  async (req) => {
    const res = await inner(req);
    const op = operationOf(req);
    if (!op || (operations !== 'every' && !operations.includes(op)) || res.fault) return res;
    const replaced = to(res.status, jsonOf(res), req);
    return replaced ? answer(res, replaced[0], replaced[1]) : res;
  };

export interface Parsed {
  query: Record<string, string | string[]>;
  body: unknown;
}

/**
 * Requests of some operations before the engine sees them: `to` gets the query and the parsed body
 * and returns them changed, or an answer of its own (a refusal the mock would not give), or undefined.
 */
export const requests =
  (operations: readonly string[], to: (parsed: Parsed, req: MockRequest) => Parsed | MockResponse | undefined) =>
  (inner: Handle): Handle =>
  async (req) => {
    const op = operationOf(req);
    // a request without a key is the engine's to refuse: an alternative changes nothing before authentication
    if (!op || !operations.includes(op) || !req.headers.authorization) return inner(req);
    let body: unknown;
    try {
      body = req.body ? JSON.parse(req.body) : undefined;
    } catch {
      return inner(req);
    }
    const changed = to({ query: req.query, body }, req);
    if (!changed) return inner(req);
    if ('status' in changed) return changed;
    return inner({ ...req, query: changed.query, body: changed.body === undefined ? undefined : JSON.stringify(changed.body) });
  };

/** An answer of the alternative's own. */
export const reply = (status: number, body: unknown): MockResponse => ({ status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });

/** A FastAPI-shaped 422 an alternative gives for a rule of its own. */
export const refusal = (loc: (string | number)[], msg: string, input: unknown): MockResponse => reply(422, { detail: [{ type: 'value_error', loc, msg, input }] });

/** Every object of a JSON value, depth first, with a function that may change it in place. */
export function everyObject(value: unknown, visit: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) return value.forEach((v) => everyObject(v, visit));
  if (!isObject(value)) return;
  visit(value);
  for (const child of Object.values(value)) everyObject(child, visit);
}

export { isObject };
