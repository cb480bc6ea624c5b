// The page the persistence tests drive: the mock's MSW handlers with `persist`, their options from
// the query string (?key=…&maxBytes=…), and on `window` what the test calls from the page.
import { setupWorker } from 'msw/browser';
import { createAdminClient } from '../../../../src/admin-client/index.js';
import { createHandlers } from '../../../../src/mock/adapters/msw.js';

const params = new URLSearchParams(location.search);
const API = `${location.origin}/api`;
const maxBytes = params.get('maxBytes');
const handlers = createHandlers({
  baseUrl: API,
  contacts: 3,
  persist: { key: params.get('key') ?? 'default', ...(maxBytes ? { maxBytes: Number(maxBytes) } : {}) },
});
await setupWorker(...handlers).start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
await handlers.ready;

/** One API call as the demo tenant: its status and JSON body. */
async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { authorization: 'Bearer sk_test_demo_a', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

Object.assign(window, { api, handlers, admin: createAdminClient({ baseUrl: API }) });
document.body.dataset.msw = 'ready';
