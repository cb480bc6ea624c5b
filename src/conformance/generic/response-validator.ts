import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Operation } from '../../contract/index.js';
import { suiteAjv } from '../contract/ajv.js';

export interface SchemaError {
  /** where in the body, as segments */
  path: (string | number)[];
  keyword: string;
  message: string;
}

const toSegments = (instancePath: string) =>
  instancePath
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : seg));

/** One error per place and keyword: the properties an object lacks are named together. */
function describe(errors: ErrorObject[]): SchemaError[] {
  const out: SchemaError[] = [];
  const missing = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword !== 'required') {
      out.push({ path: toSegments(error.instancePath), keyword: error.keyword, message: `${error.instancePath || '(body)'} ${error.message ?? error.keyword}` });
      continue;
    }
    const names = missing.get(error.instancePath) ?? [];
    names.push(String((error.params as { missingProperty: string }).missingProperty));
    missing.set(error.instancePath, names);
  }
  for (const [at, names] of missing) {
    // one missing property is about that property (its own decision may say it can be absent)
    const path = names.length === 1 ? [...toSegments(at), names[0]!] : toSegments(at);
    out.push({ path, keyword: 'required', message: `${at || '(body)'} lacks required ${names.join(', ')}` });
  }
  return out;
}

/**
 * Response bodies checked against the contract's schemas with structured errors (where and which
 * keyword), so a mismatch can be traced to the x-inferred decision it rests on.
 */
export class ResponseValidator {
  private readonly ajv = suiteAjv();
  private readonly compiled = new Map<string, ValidateFunction>();

  validate(op: Operation, declared: string, body: unknown): SchemaError[] {
    const schema = op.responses.find((r) => r.status === declared)?.schema;
    if (!schema) return body === undefined || body === '' ? [] : [{ path: [], keyword: 'body', message: `status ${declared} declares no body` }];
    const key = `${op.operationId} ${declared}`;
    let validate = this.compiled.get(key);
    if (!validate) this.compiled.set(key, (validate = this.ajv.compile(schema)));
    return validate(body) ? [] : describe(validate.errors ?? []);
  }
}
