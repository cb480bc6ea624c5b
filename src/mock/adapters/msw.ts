import { http, type HttpHandler } from 'msw';
import { createMock, type Mock, type MockOptions } from '../mock.js';
import { fetchHandler } from './fetch.js';

export interface HandlersOptions extends Pick<MockOptions, 'apiKeys' | 'seed' | 'contacts' | 'latency'> {
  /**
   * Where the page sends API calls: an origin (`https://api.allsign.io`), an origin with a path
   * prefix (`http://localhost:5173/api`), or `*` (the default): any origin. The prefix is taken
   * off before the mock routes the request.
   */
  baseUrl?: string;
  /** an engine made elsewhere (e.g. shared with a Node test server); the options above are then unused */
  mock?: Mock;
}

/** MSW request handlers with the engine they answer from: spread them into `setupWorker` or `setupServer`. */
export type MockHandlers = HttpHandler[] & {
  /** the engine: its store, control plane and journal (e.g. `await handlers.mock.control.reset()` between tests) */
  readonly mock: Mock;
};

/**
 * The stateful mock as MSW handlers: the same pipeline and in-memory store as the server (409s,
 * tenant isolation, bulk envelopes, custom fields), running in the page or in a Node test. Every
 * request under `/v2/` and `/__admin/` of `baseUrl` goes to the engine; nothing else is touched.
 */
export function createHandlers(options: HandlersOptions = {}): MockHandlers {
  const { baseUrl = '*', mock: given, ...mockOptions } = options;
  const mock = given ?? createMock(mockOptions);
  const base = baseUrl === '*' ? '*' : baseUrl.replace(/\/+$/, '');
  const call = fetchHandler(mock, { baseUrl });
  const answer = ({ request }: { request: Request }): Promise<Response> => call(request);

  const handlers = [http.all(`${base}/v2/*`, answer), http.all(`${base}/__admin/*`, answer)];
  return Object.assign(handlers, { mock });
}
