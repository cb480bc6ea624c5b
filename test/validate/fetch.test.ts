import { describe, expect, it } from 'vitest';
import { validatingFetch, type FindingGroup } from '../../src/validate/index.js';
import { json, upstream } from '../conformance/traffic/helpers.js';
import { startMock } from '../conformance/helpers.js';

const KEY = 'sk_test_demo_a';
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('allsign-v2-toolkit/validate', () => {
  it('tells each finding once, with the operation and the field, and leaves the response to the caller', async () => {
    const body = { data: [], page: 1, pageSize: 25 };
    const server = await upstream((_req, res) => json(res, 200, body));
    const told: [FindingGroup, string][] = [];
    try {
      const fetch = validatingFetch(globalThis.fetch, { onFinding: (g, line) => told.push([g, line]) });
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${server.url}/v2/contacts?pageSize=25`, { headers: { authorization: `Bearer ${KEY}` } });
        expect(await res.json()).toEqual(body);
      }
      await settle();
      expect(told.map(([g]) => [g.operationId, g.field, g.provenance])).toEqual([['listContacts', 'response.body/total', 'documented']]);
      expect(told[0]![1]).toMatch(/^\[allsign contract\] documented F[0-9a-f]{8}: listContacts 200 response\.body\/total: /);
      expect(fetch.book.tally().exchanges).toBe(3);
    } finally {
      await server.close();
    }
  });

  it('tells nothing about the mock’s answers but the requests it refused', async () => {
    const mock = await startMock();
    const told: FindingGroup[] = [];
    try {
      const fetch = validatingFetch(globalThis.fetch, { onFinding: (g) => told.push(g) });
      const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
      await fetch(`${mock.baseUrl}/v2/contacts?pageSize=5`, { headers });
      await fetch(`${mock.baseUrl}/v2/contacts`, { method: 'POST', headers, body: JSON.stringify({ email: 'validate-test@example.com', fullName: 'Página' }) });
      await fetch(`${mock.baseUrl}/v2/contacts?pageSize=500`, { headers });
      await settle();
      expect(told.map((g) => [g.provenance, g.field])).toEqual([['client', 'query.pageSize']]);
    } finally {
      await mock.close();
    }
  });

  it('keeps quiet about what is not the API, and passes a network failure through', async () => {
    const told: FindingGroup[] = [];
    const fetch = validatingFetch(async () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } }), { onFinding: (g) => told.push(g) });
    await fetch('http://example.invalid/index.html');
    const failing = validatingFetch(async () => {
      throw new TypeError('fetch failed');
    });
    await expect(failing('http://example.invalid/v2/contacts')).rejects.toThrow('fetch failed');
    await settle();
    expect(told).toEqual([]);
    expect(fetch.book.report('any', { exchange: (e) => e, record: (r) => r, text: (t) => t }).skipped).toEqual({ 'not the API': 1 });
  });
});
