// A contacts page against the AllSign v2 API. In development the mock answers it in the browser;
// `import.meta.env.DEV` is false in `vite build`, which drops the branch and the import with it.
const API = import.meta.env.VITE_API_URL ?? 'https://api.allsign.io';
const KEY = import.meta.env.VITE_API_KEY ?? 'sk_test_demo_a';

if (import.meta.env.DEV) await (await import('./mocks.js')).startMock(API);

const $ = (id: string) => document.getElementById(id)!;
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${API}${path}`, { ...init, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...init.headers } });

async function list(): Promise<void> {
  const page = (await (await api('/v2/contacts?pageSize=100')).json()) as { data: { email: string }[]; total: number };
  $('contacts').replaceChildren(...page.data.map((c) => Object.assign(document.createElement('li'), { textContent: c.email })));
  $('contacts').dataset.total = String(page.total);
}

$('create').addEventListener('submit', (event) => {
  event.preventDefault();
  const email = ($('email') as HTMLInputElement).value;
  void api('/v2/contacts', { method: 'POST', body: JSON.stringify({ email }) }).then(async (res) => {
    $('status').dataset.status = String(res.status);
    await list();
  });
});
await list();
