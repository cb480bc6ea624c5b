import request from 'supertest';
import { expect } from 'vitest';
import { createMockApp, type MockOptions } from '../../src/mock/index.js';
import { loadContract } from '../../src/contract/index.js';

// Every field the contract declares must be in the mock's answers: a field added to the spec and
// not to the mock fails the tests here.
const strict = loadContract({ requireAllResponseProperties: true });

export const KEY_A = 'sk_test_demo_a';
export const KEY_B = 'sk_test_demo_b';
export const OWNER_A = 'owner@demo-a.example.com';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  /** a raw body, sent as is with the given content type */
  raw?: { text: string; type: string };
  headers?: Record<string, string>;
}

export interface MockApi {
  app: ReturnType<typeof createMockApp>;
  call(method: Method, path: string, options?: CallOptions): Promise<request.Response>;
}

/** A fresh mock (empty tenants unless `contacts` is given) and a caller that validates every answer. */
export function mockApi(options: MockOptions = {}): MockApi {
  const app = createMockApp({ contacts: 0, ...options });
  return {
    app,
    async call(method, path, { key = KEY_A, body, raw, headers = {} } = {}) {
      let req = request(app)[method](path);
      if (key !== null) req = req.set('Authorization', `Bearer ${key}`);
      for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
      if (raw) req = req.set('Content-Type', raw.type).send(raw.text);
      else if (body !== undefined) req = req.send(body as object);
      const res = await req;
      assertConforms(method, path, res);
      return res;
    },
  };
}

export function assertConforms(method: string, path: string, res: request.Response): void {
  const match = strict.match(method, new URL(path, 'http://x').pathname);
  if (!match.operation) return; // /__admin, /docs, 404 and 405 are not contract operations
  expect(res.headers['content-type'], `${method} ${path}`).toMatch(/^application\/json/);
  const check = match.operation.validateResponse(res.status, res.body);
  expect(check, `${method.toUpperCase()} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`).toEqual({ ok: true });
}

export async function createContact(api: MockApi, body: Record<string, unknown>, key = KEY_A) {
  const res = await api.call('post', '/v2/contacts', { key, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; email: string } & Record<string, unknown>;
}

/** The error code the mock gave its last API answer (the journal's), to tell refusals apart without reading their wording. */
export function lastCode(api: MockApi): string | undefined {
  return api.app.locals.mock.journal.list({ limit: 1 })[0]?.code;
}
