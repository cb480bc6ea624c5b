import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMockApp } from '../../src/mock/index.js';
import { KEY_A, KEY_B, createContact, lastCode, mockApi } from './helpers.js';

// Failures a frontend rehearses: through Prefer for one request, through /__admin/faults for the
// next N requests or a rate, per tenant. Statuses come in FastAPI's body shape.

describe('Prefer: failures on one request', () => {
  it.each([500, 502, 503, 504, 429])('code=%i, undeclared, answers it in FastAPI shape and changes nothing', async (status) => {
    const api = mockApi();
    const res = await api.call('post', '/v2/contacts', { body: { email: 'x@example.com' }, headers: { Prefer: `code=${status}` } });
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(typeof res.body.detail).toBe('string');
    expect(res.headers['retry-after']).toBe(status === 429 || status === 503 ? '1' : undefined);
    expect((await api.call('get', '/v2/contacts')).body.total).toBe(0);
  });

  it('a code that is neither declared nor a failure, or a bad fault or delay, is a 400 saying what it takes', async () => {
    const api = mockApi();
    expect((await api.call('get', '/v2/contacts', { headers: { Prefer: 'code=418' } })).body.detail).toMatch(/declares 200, 401, 422/);
    expect(lastCode(api)).toBe('MOCK_ERR_PREFER_CODE');
    expect((await api.call('get', '/v2/contacts', { headers: { Prefer: 'fault=explode' } })).body.detail).toMatch(/fault=reset, fault=empty or fault=truncate/);
    expect(lastCode(api)).toBe('MOCK_ERR_PREFER_FAULT');
    expect((await api.call('get', '/v2/contacts', { headers: { Prefer: 'delay=soon' } })).body.detail).toMatch(/delay=MS/);
    expect(lastCode(api)).toBe('MOCK_ERR_PREFER_DELAY');
    expect((await api.call('get', '/v2/contacts', { headers: { Prefer: 'respond-async, wait=5' } })).status).toBe(200);
  });

  it('fault=empty answers the status with no body, after the operation ran', async () => {
    const api = mockApi();
    const { handle } = api.app.locals.mock;
    const res = await handle({ method: 'POST', path: '/v2/contacts', query: {}, headers: { authorization: `Bearer ${KEY_A}`, prefer: 'fault=empty', 'content-type': 'application/json' }, body: '{"email":"ran@example.com"}' });
    expect(res.status).toBe(201);
    expect(res.body).toBe('');
    expect((await api.call('get', '/v2/contacts')).body.total).toBe(1);
  });

  it('delay=MS waits first', async () => {
    const api = mockApi();
    const started = Date.now();
    expect((await api.call('get', '/v2/contacts', { headers: { Prefer: 'delay=150' } })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('fault=reset drops the connection and fault=truncate cuts the body, on a real socket', async () => {
    const app = createMockApp({ contacts: 3 });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/contacts`;
    const headers = { authorization: `Bearer ${KEY_A}` };
    try {
      await expect(fetch(url, { headers: { ...headers, prefer: 'fault=reset' } })).rejects.toThrow();
      const cut = await fetch(url, { headers: { ...headers, prefer: 'fault=truncate' } });
      expect(cut.status).toBe(200);
      await expect(cut.text()).rejects.toThrow();
      expect((await fetch(url, { headers })).status).toBe(200);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('/__admin/faults', () => {
  it('fails the next N requests of one operation of one tenant, then stops', async () => {
    const api = mockApi();
    const c = await createContact(api, { email: 'f@example.com' });
    const created = await api.call('post', '/__admin/faults', { body: { tenant: 'demo-a', operationId: 'getContact', status: 503, retryAfter: 7, times: 2 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), tenant: 'demo-a', operationId: 'getContact', status: 503, times: 2, applied: 0 });
    const first = await api.call('get', `/v2/contacts/${c.id}`);
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('7');
    expect(first.body).toEqual({ detail: 'Service Unavailable' });
    expect((await api.call('get', '/v2/contacts')).status).toBe(200); // another operation
    expect((await api.call('get', `/v2/contacts/${c.id}`, { key: KEY_B })).status).toBe(404); // another tenant
    expect((await api.call('get', `/v2/contacts/${c.id}`)).status).toBe(503);
    expect((await api.call('get', `/v2/contacts/${c.id}`)).status).toBe(200);
    expect((await api.call('get', '/__admin/faults')).body.faults).toEqual([]);
  });

  it('a rate of 1 applies to every request until cleared; an API key names the tenant too', async () => {
    const api = mockApi();
    await api.call('post', '/__admin/faults', { body: { apiKey: KEY_B, status: 500, rate: 1 } });
    await api.call('post', '/__admin/faults', { body: { tenant: 'demo-a', delayMs: 1 } });
    for (let i = 0; i < 3; i++) expect((await api.call('get', '/v2/contacts', { key: KEY_B })).status).toBe(500);
    expect((await api.call('get', '/v2/contacts')).status).toBe(200);
    const listed = await api.call('get', '/__admin/faults?tenant=demo-b');
    expect(listed.body.faults).toEqual([expect.objectContaining({ tenant: 'demo-b', status: 500, rate: 1, applied: 3 })]);
    expect((await api.call('delete', '/__admin/faults?tenant=demo-b')).body).toEqual({ cleared: 1 });
    expect((await api.call('get', '/v2/contacts', { key: KEY_B })).status).toBe(200);
    const [delay] = (await api.call('get', '/__admin/faults')).body.faults;
    expect((await api.call('delete', `/__admin/faults/${delay.id}`)).body).toEqual({ deleted: delay.id });
    expect((await api.call('delete', `/__admin/faults/${delay.id}`)).status).toBe(404);
  });

  it('reset clears the faults', async () => {
    const api = mockApi();
    await api.call('post', '/__admin/faults', { body: { tenant: 'demo-a', status: 500 } });
    await api.call('post', '/__admin/reset');
    expect((await api.call('get', '/v2/contacts')).status).toBe(200);
  });

  it('refuses a bad fault naming every field', async () => {
    const api = mockApi();
    const res = await api.call('post', '/__admin/faults', { body: { tenant: 'nobody', operationId: 'explode', status: 404, fault: 'reset', retryAfter: 5, times: 0, rate: 2, colour: 'red' } });
    expect(res.status).toBe(422);
    const locs = res.body.detail.map((d: { loc: string[] }) => d.loc.join('.'));
    expect(locs).toEqual(expect.arrayContaining(['body.colour', 'body.tenant', 'body.operationId', 'body.status', 'body.fault', 'body.retryAfter', 'body.times', 'body.rate']));
    expect((await api.call('post', '/__admin/faults', { body: { tenant: 'demo-a' } })).body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'status'] });
    expect((await api.call('post', '/__admin/faults', { body: { status: 500 } })).body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'tenant'] });
  });

  it('holds at most 100 faults per tenant', async () => {
    const api = mockApi();
    for (let i = 0; i < 100; i++) expect((await api.call('post', '/__admin/faults', { body: { tenant: 'demo-a', delayMs: 0, operationId: 'getContact' } })).status).toBe(201);
    const over = await api.call('post', '/__admin/faults', { body: { tenant: 'demo-a', delayMs: 0 } });
    expect(over.status).toBe(400);
    expect(over.body.detail).toMatch(/100 faults/);
  });
});
