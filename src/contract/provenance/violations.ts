import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../ajv.js';
import type { JsonSchema, Operation } from '../contract.js';
import { coerceParams } from '../params.js';
import type { Basis } from './decisions.js';
import type { ProvenanceLookup, RequestPart } from './lookup.js';

/** One way an exchange departs from the contract, and what that rests on. */
export interface Violation {
  part: RequestPart | 'status' | 'response';
  /** where in the instance: a parameter name first for path and query */
  at: (string | number)[];
  keyword: string;
  message: string;
  basis: Basis | undefined;
}

export interface RequestParts {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** What the contract's `default` response says it covers: unknown route, method, body too large, media type, rate limit. */
export const DEFAULT_ERRORS: ReadonlySet<number> = new Set([404, 405, 413, 415, 429]);

/**
 * The response entry a status falls under: its own, or `default` for an error; `covered` says
 * whether the contract allows it there (an error `default` does not speak of is not).
 */
export function declaredFor(op: Operation, status: number): { status: string | undefined; covered: boolean } {
  if (op.responses.some((r) => r.status === String(status))) return { status: String(status), covered: true };
  const fallback = status >= 400 && op.responses.some((r) => r.status === 'default') ? 'default' : undefined;
  return { status: fallback, covered: fallback !== undefined && DEFAULT_ERRORS.has(status) };
}

export const toSegments = (instancePath: string) =>
  instancePath
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : seg));

/**
 * Of a oneOf (or anyOf) that failed, the errors of the branch the value meant: the one that failed
 * least, a branch whose `const` failed (its discriminator, bulk items' `success`) last. The other
 * branches' errors say only that the value is not that other thing.
 */
export function meantBranches(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  for (const choice of errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    const prefix = `${choice.schemaPath}/`;
    const inBranch = (e: ErrorObject) => e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(choice.instancePath);
    const branches = new Map<string, ErrorObject[]>();
    for (const e of kept.filter(inBranch)) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    if (branches.size === 0) continue;
    const cost = (list: ErrorObject[]) => (list.some((e) => e.keyword === 'const') ? 1000 : 0) + list.length;
    const meant = [...branches.values()].sort((a, b) => cost(a) - cost(b))[0]!;
    kept = kept.filter((e) => e !== choice && (!inBranch(e) || meant.includes(e)));
  }
  return kept;
}

function message(error: ErrorObject): string {
  const at = error.instancePath || '(body)';
  if (error.keyword === 'required') return `${at} lacks required ${String((error.params as { missingProperty: unknown }).missingProperty)}`;
  if (error.keyword === 'additionalProperties') return `${at} has ${String((error.params as { additionalProperty: unknown }).additionalProperty)}, which the schema does not list`;
  return `${at} ${error.message ?? error.keyword}`;
}

function instanceAt(error: ErrorObject): (string | number)[] {
  const path = toSegments(error.instancePath);
  // a missing or an unlisted property is about that property (its presence may be a decision of its own)
  if (error.keyword === 'required') return [...path, String((error.params as { missingProperty: unknown }).missingProperty)];
  if (error.keyword === 'additionalProperties') return [...path, String((error.params as { additionalProperty: unknown }).additionalProperty)];
  return path;
}

/**
 * Validation of whole exchanges against the contract, each violation with what it rests on: the
 * API a proxy or a HAR validator calls, and the one the suite's response checks use.
 */
export class ViolationFinder {
  private readonly ajv = createAjv('response');
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  constructor(private readonly provenance: ProvenanceLookup) {}

  private errors(schema: JsonSchema, data: unknown): ErrorObject[] {
    let validate = this.compiled.get(schema);
    if (!validate) this.compiled.set(schema, (validate = this.ajv.compile(schema)));
    return validate(data) ? [] : meantBranches(validate.errors ?? []);
  }

  /** A request's path parameters, query (strings, coerced as FastAPI would) and JSON body. */
  request(op: Operation, parts: RequestParts): Violation[] {
    const out: Violation[] = [];
    for (const part of ['path', 'query'] as const) {
      const raw = parts[part];
      if (raw === undefined) continue;
      const schema = op.parameters[part];
      const coerced = coerceParams(schema.properties as Record<string, JsonSchema>, raw, part);
      for (const issue of coerced.issues) {
        const name = String(issue.loc[1]);
        const site = this.provenance.requestRoot(op, part, name);
        out.push({ part, at: [name], keyword: 'type', message: `${name}: ${issue.msg}`, basis: site === undefined ? undefined : this.provenance.keyword({ node: site, keyword: 'type' }) });
      }
      const failed = new Set(coerced.issues.map((i) => String(i.loc[1])));
      for (const error of this.errors(schema, coerced.value)) {
        const at = instanceAt(error);
        if (failed.has(String(at[0]))) continue;
        out.push({ part, at, keyword: error.keyword, message: message(error), basis: this.provenance.requestError(op, part, error) });
      }
    }
    if (op.bodySchema && parts.body !== undefined) {
      for (const error of this.errors(op.bodySchema, parts.body)) {
        out.push({ part: 'body', at: instanceAt(error), keyword: error.keyword, message: message(error), basis: this.provenance.requestError(op, 'body', error) });
      }
    }
    return out;
  }

  /**
   * An answer: a status the operation declares (an error may fall under `default` when it is one of
   * the errors `default` says it covers), and a body its schema allows.
   */
  response(op: Operation, status: number, body: unknown): Violation[] {
    const declared = declaredFor(op, status);
    const out: Violation[] = [];
    if (!declared.covered) out.push({ part: 'status', at: [], keyword: 'status', message: `${status} is not a status ${op.operationId} declares (${op.responses.map((r) => r.status).join(', ')})`, basis: this.provenance.status(op, status) });
    const spec = op.responses.find((r) => r.status === declared.status);
    if (!spec) return out;
    if (!spec.schema) {
      if (body !== undefined && body !== '') out.push({ part: 'response', at: [], keyword: 'body', message: `status ${spec.status} declares no body`, basis: this.provenance.status(op, status) });
      return out;
    }
    for (const error of this.errors(spec.schema, body)) {
      out.push({ part: 'response', at: instanceAt(error), keyword: error.keyword, message: message(error), basis: this.provenance.responseError(op, status, spec.status, error) });
    }
    return out;
  }
}
