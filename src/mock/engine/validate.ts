import type { Operation } from '../../contract/index.js';
import { Errors } from './http-errors.js';
import type { RequestJson } from './respond.js';
import type { MockRequest } from './types.js';

export interface ValidRequest {
  params: Record<string, string>;
  /** the query with the contract's defaults filled in */
  query: Record<string, unknown>;
  body: unknown;
}

/**
 * A request checked against its operation, as every contract here checks it (the API's and the
 * control plane's): JSON when the operation takes a body, then path, query and body by ajv compiled
 * from the contract, every issue in one 422 naming its field. `more` adds the rules a schema cannot
 * say (across fields, against state), reported in the same answer.
 */
export async function validateRequest(
  op: Operation,
  req: MockRequest,
  params: Record<string, string>,
  json: RequestJson,
  more?: (body: unknown, query: MockRequest['query']) => Promise<{ loc: (string | number)[] }[]> | { loc: (string | number)[] }[],
): Promise<ValidRequest> {
  if (op.hasRequestBody && req.body !== undefined && !json.isJson) throw Errors.unsupportedMediaType(req.headers['content-type'] ?? '');
  const path = op.validatePath(params);
  const query = op.validateQuery(req.query);
  const body = op.validateBody(json.value);
  const issues = [path, query, body].flatMap((r) => (r.ok ? [] : r.issues));
  if (more) issues.push(...((await more(json.value, req.query)) as typeof issues));
  if (issues.length) throw Errors.validation(issues);
  return { params: path.ok ? path.value : {}, query: query.ok ? query.value : {}, body: body.ok ? body.value : undefined };
}
