// A page that talks to the AllSign v2 API, with the mock answering inside the browser: the same
// engine and in-memory store as `allsign-mock`, registered as MSW handlers before the first call.
import { setupWorker } from 'msw/browser';
import { createHandlers } from 'allsign-v2-toolkit/msw';

const API = `${location.origin}/api`;
const KEY = 'sk_test_demo_a';

interface Problem {
  detail: string | { loc: (string | number)[]; msg: string }[];
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function show(status: number, text: string): void {
  const box = $('status');
  box.dataset.status = String(status);
  box.textContent = `${status}: ${text}`;
}

/** A FastAPI error as one line: the message, or each invalid field by name. */
function describe(problem: Problem): string {
  if (typeof problem.detail === 'string') return problem.detail;
  return problem.detail.map((issue) => `${issue.loc.slice(1).join('.')}: ${issue.msg}`).join('; ');
}

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${API}${path}`, { ...init, headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json', ...init.headers } });
}

async function create(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const body = { full_name: $<HTMLInputElement>('name').value, email: $<HTMLInputElement>('email').value };
  const res = await api('/v2/contacts', { method: 'POST', body: JSON.stringify(body) });
  const json = await res.json();
  show(res.status, res.ok ? `Created ${json.fullName} <${json.email}>` : describe(json as Problem));
}

async function search(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const res = await api(`/v2/contacts?${new URLSearchParams({ search: $<HTMLInputElement>('search').value, pageSize: '10' })}`);
  const page = (await res.json()) as { data: { fullName: string | null; email: string; company: string | null }[]; total: number };
  $('results').replaceChildren(
    ...page.data.map((c) => Object.assign(document.createElement('li'), { textContent: `${c.fullName ?? '(sin nombre)'} <${c.email}>${c.company ? ` — ${c.company}` : ''}` })),
  );
  $('results').dataset.total = String(page.total);
}

// persist: the contacts made here are kept in the browser's IndexedDB, so a reload (or another tab)
// finds them; `await handlers.ready` before the first call lets the stored state load first
const handlers = createHandlers({ baseUrl: API, contacts: 10, persist: true });
// the worker must control the page before the first call, or that call reaches the real server
await setupWorker(...handlers).start({
  serviceWorker: { url: '/mockServiceWorker.js' },
  onUnhandledRequest: 'bypass',
  quiet: true,
});
await handlers.ready;
// from the devtools console: allsignMock.mock.journal.list(), await allsignMock.mock.control.reset()
Object.assign(window, { allsignMock: handlers });
$('create').addEventListener('submit', (e) => void create(e as SubmitEvent));
$('search-form').addEventListener('submit', (e) => void search(e as SubmitEvent));
document.body.dataset.msw = 'ready';
