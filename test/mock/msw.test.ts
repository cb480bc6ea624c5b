import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/mock/adapters/msw.js';
import { KEY_A, KEY_B } from './helpers.js';

// The handlers a page or a component test registers, exercised with msw/node and the global fetch:
// the same engine and store as the server, behind the base URL the app calls.
const BASE = 'http://api.test/api';
const handlers = createHandlers({ contacts: 0, baseUrl: BASE });
let server: ReturnType<typeof setupServer>;

// bodies are checked by value below
type Json = any;
const call = (path: string, init: { method?: string; body?: unknown; key?: string; base?: string } = {}) =>
  fetch(`${init.base ?? BASE}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.key ?? KEY_A}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

beforeAll(() => {
  server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => handlers.mock.control.reset());
afterAll(() => server.close());

describe('createHandlers under msw/node', () => {
  it('answers with state: create, 409 on the same email, tenants apart, bulk envelopes', async () => {
    const created = await call('/v2/contacts', { method: 'POST', body: { email: 'ana@example.com', full_name: 'Ana Pérez' } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: 'ana@example.com', fullName: 'Ana Pérez', source: 'api' });

    const again = await call('/v2/contacts', { method: 'POST', body: { email: 'ANA@example.com' } });
    expect([again.status, await again.json()]).toEqual([409, { detail: 'Contact with this email already exists' }]);

    expect(((await (await call('/v2/contacts', { key: KEY_B })).json()) as Json).total).toBe(0);

    const bulk = await call('/v2/contacts/bulk', { method: 'POST', body: { contacts: [{ email: 'ana@example.com' }, { email: 'bad@email' }] } });
    expect(await bulk.json()).toMatchObject({ message: '1 succeeded, 1 failed', details: [{ success: true }, { success: false, error: 'Invalid email' }] });
  });

  it('names the field in a 422 and answers the control plane under the same base', async () => {
    const invalid = await call('/v2/documents', { method: 'POST', body: { name: 'D', participants: [{ email: 'a@example.com', name: 'A' }], config: { sendByWhatsapp: true } } });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as Json).detail[0].loc).toEqual(['body', 'participants', 0, 'whatsapp']);

    const journal = (await (await call('/__admin/requests?limit=1')).json()) as Json;
    expect(journal.requests[0]).toMatchObject({ method: 'POST', url: '/v2/documents', status: 422, tenant: 'demo-a' });
  });

  it('leaves alone what is not under its base URL', async () => {
    await expect(call('/v2/contacts', { base: 'http://other.test/api' })).rejects.toThrow();
    await expect(call('/v1/contacts')).rejects.toThrow();
  });

  it('matches any origin by default, and can share an engine', async () => {
    const anyOrigin = createHandlers({ mock: handlers.mock });
    expect(anyOrigin.mock).toBe(handlers.mock);
    server.use(...anyOrigin);
    const res = await call('/v2/contacts', { base: 'https://api.allsign.io' });
    expect(res.status).toBe(200);
    server.resetHandlers();
  });
});

describe('createHandlers with persist, where there is no IndexedDB (Node)', () => {
  it('refuses a bad persist option by name', () => {
    expect(() => createHandlers({ persist: { key: '' } })).toThrow(/persist\.key must be a string of 1 to 100 characters/);
    expect(() => createHandlers({ persist: { maxBytes: 0 } })).toThrow(/persist\.maxBytes must be a positive whole number/);
    expect(() => createHandlers({ persist: { maxBytes: Infinity } })).toThrow(/persist\.maxBytes/);
    expect(() => createHandlers({ persist: 'yes' as never })).toThrow(/persist must be true, false or \{ key\?, maxBytes\? \}/);
    expect(() => createHandlers({ persist: true, mock: handlers.mock })).toThrow(/cannot be combined with mock/);
  });

  it('warns once and answers from memory', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const kept = createHandlers({ contacts: 0, baseUrl: 'http://persisted.test', persist: true });
      await kept.ready;
      server.use(...kept);
      const created = await call('/v2/contacts', { method: 'POST', base: 'http://persisted.test', body: { email: 'en-memoria@example.com' } });
      expect(created.status).toBe(201);
      await kept.flush();
      expect(((await (await call('/v2/contacts', { base: 'http://persisted.test' })).json()) as Json).total).toBe(1);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/^allsign-mock: the browser's storage cannot keep the mock's state \(ReferenceError: indexedDB is not defined\); it goes on in memory/);
    } finally {
      warn.mockRestore();
      server.resetHandlers();
    }
  });
});
