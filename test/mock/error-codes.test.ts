import { describe, expect, it } from 'vitest';
import { ApiError, createMock, ERROR_CODES, Errors } from '../../src/mock/index.js';
import { mockApi } from './helpers.js';

// Every refusal carries a stable code from one catalogue; the journal and the log say it, so tests
// (and people) can tell refusals apart without reading their wording. The wire body is untouched.

describe('the error catalogue', () => {
  it('names each code once, each as MOCK_ERR_…', () => {
    const codes = Object.keys(ERROR_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^MOCK_ERR_[A-Z_]+$/);
  });

  it('gives every refusal of the pipeline a code of the catalogue', () => {
    const made = [Errors.notAuthenticated(), Errors.routeNotFound(), Errors.methodNotAllowed(['GET']), Errors.validation([]), Errors.bodyTooLarge(), Errors.internal(), Errors.tooManyFaults('t', 1)];
    for (const error of made) expect(Object.keys(ERROR_CODES)).toContain(error.code);
    expect(new Set(made.map((e) => e.code)).size).toBe(made.length);
  });

  it('leaves the code out of the wire body', async () => {
    const res = await mockApi().call('get', '/v2/contacts/00000000-0000-4000-8000-000000000000');
    expect(res.body).toEqual({ detail: 'Contact not found' });
  });
});

describe('the journal and the log', () => {
  const lines: string[] = [];
  const mock = createMock({ contacts: 0, log: (line) => lines.push(line) });
  const send = (path: string, headers: Record<string, string> = {}) =>
    mock.handle({ method: 'GET', path, query: {}, headers: { authorization: 'Bearer sk_test_demo_a', ...headers } });

  it('carry the code of each refusal, and none for an answer that is no refusal', async () => {
    await send('/v2/contacts');
    await send('/v2/contacts', { authorization: '' });
    await send('/v2/contacts/00000000-0000-4000-8000-000000000000');
    await send('/v2/contacts/not-a-uuid');
    await send('/v2/contacts', { prefer: 'fault=melt' });
    await send('/v2/nowhere');
    const codes = mock.journal.list().reverse().map((e) => e.code);
    expect(codes).toEqual([undefined, 'MOCK_ERR_NOT_AUTHENTICATED', 'MOCK_ERR_CONTACT_NOT_FOUND', 'MOCK_ERR_VALIDATION', 'MOCK_ERR_PREFER_FAULT', 'MOCK_ERR_ROUTE_NOT_FOUND']);
    expect(lines.at(-1)).toMatch(/^GET \/v2\/nowhere 404 [\d.]+ms - MOCK_ERR_ROUTE_NOT_FOUND$/);
    expect(lines[0]).toMatch(/ms demo-a$/);
  });

  it('log the control plane’s refusals with their codes', async () => {
    await mock.handle({ method: 'DELETE', path: '/__admin/faults/f999', query: {}, headers: {} });
    expect(lines.at(-1)).toMatch(/^DELETE \/__admin\/faults\/f999 404 [\d.]+ms - MOCK_ERR_FAULT_NOT_FOUND$/);
  });

  it('an ApiError made elsewhere is answered as it says, with no code', () => {
    expect(new ApiError(418, 'teapot').code).toBeUndefined();
  });
});
