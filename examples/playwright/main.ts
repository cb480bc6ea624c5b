// A two-page app that calls the AllSign v2 API where production has it: the list (index.html)
// and the create form (new.html), with full navigations between them. It knows nothing of any
// mock; the Playwright test routes its calls (contacts.test.ts).
export {}; // a module: the list page awaits at the top level

const API = 'https://api.allsign.io';
const KEY = 'sk_test_demo_a';

interface Problem {
  detail: string | { loc: (string | number)[]; msg: string }[];
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${API}${path}`, { ...init, headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json', ...init.headers } });
}

/** A FastAPI error as one line: the message, or each invalid field by name. */
function describe(problem: Problem): string {
  if (typeof problem.detail === 'string') return problem.detail;
  return problem.detail.map((issue) => `${issue.loc.slice(1).join('.')}: ${issue.msg}`).join('; ');
}

async function showList(): Promise<void> {
  const created = new URLSearchParams(location.search).get('created');
  if (created) $('notice').textContent = `Creado: ${created}`;
  const res = await api('/v2/contacts?pageSize=100');
  const page = (await res.json()) as { data: { fullName: string | null; email: string }[]; total: number };
  $('contacts').replaceChildren(...page.data.map((c) => Object.assign(document.createElement('li'), { textContent: `${c.fullName ?? '(sin nombre)'} <${c.email}>` })));
  $('contacts').dataset.total = String(page.total);
}

async function create(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const body = { full_name: $<HTMLInputElement>('name').value, email: $<HTMLInputElement>('email').value };
  const res = await api('/v2/contacts', { method: 'POST', body: JSON.stringify(body) });
  const json = await res.json();
  if (res.status === 201) return void location.assign(`/?created=${encodeURIComponent((json as { email: string }).email)}`);
  $('error').dataset.status = String(res.status);
  $('error').textContent = `${res.status}: ${describe(json as Problem)}`;
}

if (document.body.dataset.page === 'list') await showList();
else $('create').addEventListener('submit', (e) => void create(e as SubmitEvent));
document.body.dataset.ready = 'true';
