// @vitest-environment happy-dom
// The recipe of docs/mock.md for component tests: a DOM (happy-dom) in Node, the mock behind MSW's
// node interceptors, and the code under test calling the API where production has it.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createAdminClient } from 'allsign-v2-toolkit/admin';
import { fetchHandler } from 'allsign-v2-toolkit/mock/core';
import { createHandlers } from 'allsign-v2-toolkit/msw';

const API = 'https://api.allsign.io';
const handlers = createHandlers({ baseUrl: API, contacts: 0 });
const server = setupServer(...handlers);
const admin = createAdminClient({ baseUrl: API, fetch: fetchHandler(handlers.mock, { baseUrl: API }) });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => admin.reset({ contacts: 0 }));
afterAll(() => server.close());

/** The "component": a form that creates a contact and says what the API answered. */
function mountCreateForm(root: HTMLElement): void {
  root.innerHTML = '<form><input name="email"><button>Crear</button></form><p role="status"></p>';
  const form = root.querySelector('form')!;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = (form.elements.namedItem('email') as HTMLInputElement).value;
    const res = await fetch(`${API}/v2/contacts`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_demo_a', 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });
    const body = (await res.json()) as { email?: string; detail?: string | { loc: string[]; msg: string }[] };
    const detail = typeof body.detail === 'string' ? body.detail : body.detail?.map((d) => `${d.loc.at(-1)}: ${d.msg}`).join('; ');
    root.querySelector('[role="status"]')!.textContent = `${res.status} ${res.ok ? body.email : detail}`;
  });
}

async function submit(email: string): Promise<string> {
  const status = document.querySelector('[role="status"]')!;
  status.textContent = '';
  document.querySelector<HTMLInputElement>('input[name="email"]')!.value = email;
  document.querySelector('button')!.click();
  await expect.poll(() => status.textContent).not.toBe('');
  return status.textContent!;
}

it('renders the 201, the 409 and the 422 the mock answers, and the journal has the three calls', async () => {
  expect(navigator.userAgent).toMatch(/HappyDOM/);
  mountCreateForm(document.body);
  expect(await submit('ana@example.com')).toBe('201 ana@example.com');
  expect(await submit('ANA@example.com')).toBe('409 Contact with this email already exists');
  expect(await submit('sin-arroba')).toMatch(/^422 email: /);
  const { requests } = await admin.requests();
  expect(requests.map((r) => r.status)).toEqual([422, 409, 201]);
});
