import type { MockRequest } from './types.js';

// Open CORS for the API: a frontend on any origin calls the mock with its key. Preflights allow
// whatever headers the page asks for (tracing headers such as traceparent included).
const EXPOSED = 'WWW-Authenticate, Allow';
const DEFAULT_ALLOWED = 'Authorization, Content-Type, Prefer, X-Admin-Token';

export function isPreflight(req: MockRequest): boolean {
  return req.method === 'OPTIONS';
}

export function preflightHeaders(req: MockRequest): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET,HEAD,PUT,PATCH,POST,DELETE',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || DEFAULT_ALLOWED,
    'Access-Control-Max-Age': '600',
    Vary: 'Access-Control-Request-Headers',
  };
}

/** Adds the API's CORS headers to an answer's own (fresh for each answer: set in place). */
export function withCors(headers: Record<string, string>): Record<string, string> {
  headers['Access-Control-Allow-Origin'] = '*';
  headers['Access-Control-Expose-Headers'] = EXPOSED;
  return headers;
}
