import type { ErrorRequestHandler } from 'express';
import type { ValidationIssue } from '../spec/index.js';
import type { Failure } from './store/types.js';

/**
 * The one error type of the mock. Its body is FastAPI's: `{"detail": "message"}`, or for validation
 * `{"detail": [{type, loc, msg, input}]}` naming each offending field.
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

/** The catalogue: every error the mock gives, in one place. */
export const Errors = {
  notAuthenticated: () => new ApiError(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' }),
  invalidApiKey: () => new ApiError(401, 'Invalid API key', { 'WWW-Authenticate': 'Bearer' }),
  adminTokenRequired: () => new ApiError(401, 'Missing or wrong X-Admin-Token header'),
  routeNotFound: () => new ApiError(404, 'Not Found'),
  methodNotAllowed: (allow: string[]) => new ApiError(405, 'Method Not Allowed', { Allow: allow.join(', ') }),
  validation: (issues: ValidationIssue[]) => new ApiError(422, issues),
  bodyTooLarge: () => new ApiError(413, 'Request body too large (limit 1 MB)'),
  unsupportedMediaType: (type: string) => new ApiError(415, `Unsupported media type ${JSON.stringify(type)}: send application/json`),
  jsonInvalid: (position: number, error: string) =>
    new ApiError(422, [{ type: 'json_invalid', loc: ['body', position], msg: 'JSON decode error', input: {}, ctx: { error } }]),
  preferNotDeclared: (code: string, operationId: string, declared: string[]) =>
    new ApiError(400, `Prefer: code=${code} is not a status ${operationId} declares; it declares ${declared.join(', ')}`),
  fromFailure: (failure: Failure) => {
    if (failure.error === 'invalid') return new ApiError(422, failure.issues);
    return new ApiError(failure.error === 'not_found' ? 404 : 409, failure.detail);
  },
};

interface BodyParserError {
  type?: string;
  status?: number;
  code?: string;
  expose?: boolean;
  message?: string;
}

/** body-parser's errors, in the catalogue's terms. */
function fromBodyParser(err: BodyParserError): ApiError | undefined {
  switch (err.type) {
    case 'entity.too.large':
      return Errors.bodyTooLarge();
    case 'entity.parse.failed': {
      const position = Number(/position (\d+)/.exec(err.message ?? '')?.[1] ?? 0);
      return Errors.jsonInvalid(position, err.message ?? 'invalid JSON');
    }
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, err.message ?? 'Unsupported encoding');
    case 'request.aborted':
    case 'request.size.invalid':
      return new ApiError(400, err.message ?? 'Bad request body');
  }
  // zlib's errors carry a code and no type: a Content-Encoding that does not decode is the client's
  if (typeof err.code === 'string' && /^(Z_|ERR_BROTLI|ERR__ERROR)/.test(err.code)) {
    return new ApiError(400, 'The request body does not decode as its Content-Encoding says');
  }
  // the router decodes path parameters: a bad %-escape is the client's
  if (err instanceof URIError) return new ApiError(400, err.message);
  // http-errors from Express itself
  if (err.expose && typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
    return new ApiError(err.status, err.message ?? 'Bad request');
  }
  return undefined;
}

const INTERNAL_ERROR = JSON.stringify({ detail: 'Internal Server Error' });

export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const apiError = err instanceof ApiError ? err : fromBodyParser(err as BodyParserError);
    let text = INTERNAL_ERROR;
    if (apiError) {
      try {
        text = JSON.stringify({ detail: apiError.detail });
        res.set(apiError.headers).status(apiError.status);
      } catch {
        res.status(500);
      }
    } else {
      // a bug in the mock, not the client's fault: say so, keep serving
      try {
        log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
      } catch {
        // logging must not turn one failed request into a failed process
      }
      res.status(500);
    }
    if (res.headersSent) return void res.end();
    res.type('application/json').send(text);
  };
}
