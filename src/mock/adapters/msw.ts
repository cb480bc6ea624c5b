import { http, type HttpHandler } from 'msw';
import { createMock, seedOptionsOf, type Mock, type MockOptions } from '../mock.js';
import { persistedStore, persistSettings, type PersistOption } from '../stores/browser/persisted-store.js';
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
  /**
   * Keep the state in the browser's IndexedDB: a reload, or another tab of the origin, finds what
   * the page made (`true`, or `{ key, maxBytes }`: one state per key, at most maxBytes of JSON;
   * defaults "default" and 16 MiB). Off by default. Not with `mock`.
   */
  persist?: PersistOption;
}

/** MSW request handlers with the engine they answer from: spread them into `setupWorker` or `setupServer`. */
export type MockHandlers = HttpHandler[] & {
  /** the engine: its store, control plane and journal (e.g. `await handlers.mock.control.reset()` between tests) */
  readonly mock: Mock;
  /** resolves when the stored state is loaded (at once without `persist`): await it before using `mock` directly */
  readonly ready: Promise<void>;
  /** resolves when every change so far is stored (at once without `persist`) */
  flush(): Promise<void>;
};

/** Methods that never change the state: they run beside other tabs' reads instead of taking turns. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The stateful mock as MSW handlers: the same pipeline and in-memory store as the server (409s,
 * tenant isolation, bulk envelopes, custom fields), running in the page or in a Node test. Every
 * request under `/v2/` and `/__admin/` of `baseUrl` goes to the engine; nothing else is touched.
 */
export function createHandlers(options: HandlersOptions = {}): MockHandlers {
  const { baseUrl = '*', mock: given, persist, ...mockOptions } = options;
  const settings = persistSettings(persist);
  if (settings && given) throw new TypeError('persist keeps the store createHandlers makes; it cannot be combined with mock');
  const store = settings ? persistedStore(seedOptionsOf(mockOptions), settings) : undefined;
  const mock = given ?? createMock(store ? { ...mockOptions, repository: store.repository } : mockOptions);
  const base = baseUrl === '*' ? '*' : baseUrl.replace(/\/+$/, '');
  // with persist, each request takes its turn with the other tabs (a write under their lock)
  const served: Mock = store ? { ...mock, handle: (req) => store.run(!READS.has(req.method), () => mock.handle(req)) } : mock;
  const call = fetchHandler(served, { baseUrl });
  const answer = ({ request }: { request: Request }): Promise<Response> => call(request);

  const handlers = [http.all(`${base}/v2/*`, answer), http.all(`${base}/__admin/*`, answer)];
  return Object.assign(handlers, { mock, ready: store?.ready ?? Promise.resolve(), flush: async () => store?.flush() });
}
