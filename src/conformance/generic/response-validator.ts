import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Operation } from '../../spec/index.js';
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

function describe(error: ErrorObject): SchemaError {
  const path = toSegments(error.instancePath);
  // a missing property is about the property: its decision, not its parent's, says whether it may be absent
  if (error.keyword === 'required') path.push(String((error.params as { missingProperty: string }).missingProperty));
  return { path, keyword: error.keyword, message: `${error.instancePath || '(body)'} ${error.message ?? error.keyword}` };
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
    return validate(body) ? [] : (validate.errors ?? []).map(describe);
  }
}
