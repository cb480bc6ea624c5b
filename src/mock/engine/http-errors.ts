import type { ValidationIssue } from '../../contract/index.js';
import { MAX_BODY_BYTES } from './types.js';

/**
 * The one error type of the HTTP layer. Its body is FastAPI's: `{"detail": "message"}`, or for
 * validation `{"detail": [{type, loc, msg, input}]}` naming each offending field.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string | ValidationIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === 'string' ? detail : detail.map((d) => `${d.loc.join('.')}: ${d.msg}`).join('; '));
  }
}

const size = (bytes: number) => (bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MiB` : `${Math.round(bytes / 1024)} KiB`);

/** The catalogue: every error of the transport and the pipeline, in one place (domain errors: problems.ts). */
export const Errors = {
  notAuthenticated: () => new ApiError(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' }),
  invalidApiKey: () => new ApiError(401, 'Invalid API key', { 'WWW-Authenticate': 'Bearer' }),
  adminTokenRequired: () => new ApiError(401, 'Missing or wrong X-Admin-Token header'),
  routeNotFound: () => new ApiError(404, 'Not Found'),
  methodNotAllowed: (allow: string[]) => new ApiError(405, 'Method Not Allowed', { Allow: allow.join(', ') }),
  validation: (issues: ValidationIssue[]) => new ApiError(422, issues),
  bodyTooLarge: () => new ApiError(413, `Request body too large (limit ${MAX_BODY_BYTES / 2 ** 20} MB)`),
  unsupportedMediaType: (type: string) => new ApiError(415, `Unsupported media type ${JSON.stringify(type)}: send application/json`),
  unsupportedCharset: (message: string) => new ApiError(415, message),
  undecodableBody: () => new ApiError(400, 'The request body does not decode as its Content-Encoding says'),
  badRequest: (message: string) => new ApiError(400, message),
  jsonInvalid: (position: number, error: string) =>
    new ApiError(422, [{ type: 'json_invalid', loc: ['body', position], msg: 'JSON decode error', input: {}, ctx: { error } }]),
  preferNotDeclared: (code: string, operationId: string, declared: string[]) =>
    new ApiError(400, `Prefer: code=${code} is not a status ${operationId} declares; it declares ${declared.join(', ')}`),
  internal: () => new ApiError(500, 'Internal Server Error'),
  storeFull: (what: string, limitBytes: number) =>
    new ApiError(507, `${what[0]!.toUpperCase()}${what.slice(1)} has used the ${size(limitBytes)} the sandbox gives it: delete some, or reset (POST /__admin/reset)`),
};
