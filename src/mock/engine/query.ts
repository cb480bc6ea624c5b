import type { MockRequest } from './types.js';

/** A query string's parameters as the engine takes them: one value, or the values of a name given more than once, in order. */
export function queryMap(params: Iterable<[string, string]>): MockRequest['query'] {
  const query: MockRequest['query'] = {};
  for (const [name, value] of params) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

/** The path and query of a request as it was sent (for the journal and the log). */
export function requestUrl(req: Pick<MockRequest, 'path' | 'query'>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(req.query)) for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  const query = params.toString();
  return query ? `${req.path}?${query}` : req.path;
}
