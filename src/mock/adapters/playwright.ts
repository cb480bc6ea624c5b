import type { BrowserContext, Page, Route } from 'playwright-core';
import { createAdminClient, type AdminClient } from '../../admin-client/index.js';
import { createMock, type Mock, type MockOptions } from '../mock.js';
import { basePath, fetchHandler, toMockRequest } from './fetch.js';

// The mock for Playwright suites, which route rather than register a service worker: a page's (or
// a context's) calls to the API are answered by the engine in the test's own process, so the state
// outlives navigations and reloads, and the test drives the same mock through its admin client.

export interface AllSignMockOptions extends Pick<MockOptions, 'apiKeys' | 'seed' | 'contacts' | 'latency'> {
  /**
   * Where the app sends API calls: an origin (the default, `https://api.allsign.io`) or an origin
   * with a path prefix (`http://localhost:5173/api`, taken off before the mock routes).
   */
  baseUrl?: string;
  /** an engine made elsewhere (shared by several pages, or with a server); the options above are then unused */
  mock?: Mock;
}

/** The admin client of the routed mock, with the engine and a way to stop routing. */
export type AllSignMock = AdminClient & {
  readonly mock: Mock;
  readonly baseUrl: string;
  /** stops answering: the page's API calls go to the network again */
  stop(): Promise<void>;
};

export const DEFAULT_BASE_URL = 'https://api.allsign.io';

/** Whether Playwright should hand this URL to the mock: the API and the control plane under the base. */
function routedBy(baseUrl: string): (url: URL) => boolean {
  const origin = new URL(baseUrl).origin;
  const prefix = basePath(baseUrl);
  return (url) => {
    if (url.origin !== origin || (prefix && !url.pathname.startsWith(`${prefix}/`))) return false;
    const path = url.pathname.slice(prefix.length);
    return path.startsWith('/v2/') || path.startsWith('/__admin/');
  };
}

/** One intercepted request, answered by the engine; a reset fault aborts it. */
async function answer(route: Route, mock: Mock, prefix: string): Promise<void> {
  const request = route.request();
  try {
    const headers = new Headers();
    for (const { name, value } of await request.headersArray()) if (!name.startsWith(':')) headers.append(name, value);
    const method = request.method();
    const data = method === 'GET' || method === 'HEAD' ? null : request.postDataBuffer();
    const body = data ? Uint8Array.from(data) : null;
    const reply = await mock.handle(await toMockRequest(new Request(request.url(), { method, headers, body }), prefix));
    if (reply.fault === 'reset') return await route.abort('connectionreset');
    // Playwright sends a body whole: a truncated answer is its first half, announced as such
    const text = reply.fault === 'truncate' ? reply.body.slice(0, Math.floor(reply.body.length / 2)) : reply.body;
    await route.fulfill({ status: reply.status, headers: reply.headers, body: text });
  } catch (error) {
    // a request the engine could not be asked (a header Node refuses): a JSON 400 naming it, never a stalled page
    const detail = `The mock could not take this request: ${error instanceof Error ? error.message : String(error)}`;
    await route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ detail }) }).catch(() => {});
  }
}

/**
 * Routes `target`'s calls to the AllSign v2 API (`baseUrl`) to a stateful mock in this process:
 * the same engine and rules as `allsign-mock` (409s, 422s naming the field, tenants, bulk, faults),
 * with no server and no service worker. Returns that mock's admin client (`reset`, `requests`,
 * `addFault`, `createTenant` …), its engine and `stop()`.
 */
export async function useAllSignMock(target: Page | BrowserContext, options: AllSignMockOptions = {}): Promise<AllSignMock> {
  const { baseUrl: given = DEFAULT_BASE_URL, mock: shared, ...mockOptions } = options;
  if (!/^https?:\/\/[^/]/i.test(given)) throw new TypeError(`baseUrl must be an http or https URL, such as ${DEFAULT_BASE_URL}; got "${given}"`);
  const baseUrl = given.replace(/\/+$/, '');
  const mock = shared ?? createMock(mockOptions);
  const prefix = basePath(baseUrl);
  const matches = routedBy(baseUrl);
  const handler = (route: Route) => answer(route, mock, prefix);
  await target.route(matches, handler);
  const admin = createAdminClient({ baseUrl, fetch: fetchHandler(mock, { baseUrl }) });
  return Object.assign(admin, { mock, baseUrl, stop: () => target.unroute(matches, handler) });
}
