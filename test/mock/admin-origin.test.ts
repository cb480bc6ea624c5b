import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../src/mock/admin/constant-time.js';
import { createContact, mockApi } from './helpers.js';

// Any page a developer visits could otherwise wipe the mock (a CORS-simple POST) or read the journal.

const EVIL = 'http://evil.example';

describe('/__admin and web pages', () => {
  it('refuses a cross-origin reset, even a CORS-simple one, and resets nothing', async () => {
    const api = mockApi();
    await createContact(api, { email: 'keep@example.com' });
    const res = await api.call('post', '/__admin/reset', { raw: { text: '{}', type: 'text/plain' }, headers: { Origin: EVIL } });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/--admin-origin http:\/\/evil\.example/);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await api.call('get', '/v2/contacts')).body.total).toBe(1);
  });

  it('refuses to show the journal to another origin, and its preflight', async () => {
    const api = mockApi();
    expect((await api.call('get', '/__admin/requests', { headers: { Origin: EVIL } })).status).toBe(403);
    const preflight = await api.call('options', '/__admin/reset', { key: null, headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect((await api.call('get', '/__admin/health', { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
  });

  it('refuses a page on a DNS name pointed at the mock (rebinding), allows its own page on loopback', async () => {
    const api = mockApi();
    const rebinding = await api.call('post', '/__admin/reset', { headers: { Origin: 'http://attacker.example:4010', Host: 'attacker.example:4010' } });
    expect(rebinding.status).toBe(403);
    const own = await api.call('get', '/__admin/requests', { headers: { Origin: 'http://127.0.0.1:4010', Host: '127.0.0.1:4010' } });
    expect(own.status).toBe(200);
    expect((await api.call('get', '/__admin/requests', { headers: { 'Sec-Fetch-Site': 'same-origin', Host: 'localhost:4010' } })).status).toBe(200);
  });

  it('answers an allowed origin, with CORS for it alone', async () => {
    const api = mockApi({ adminOrigins: ['http://localhost:5173'] });
    const preflight = await api.call('options', '/__admin/reset', { key: null, headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const res = await api.call('post', '/__admin/reset', { headers: { Origin: 'http://localhost:5173' } });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect((await api.call('post', '/__admin/reset', { headers: { Origin: EVIL } })).status).toBe(403);
  });

  it('never opens /__admin with a wildcard, while the API stays open to every page', async () => {
    const api = mockApi();
    expect((await api.call('get', '/__admin/health')).headers['access-control-allow-origin']).toBeUndefined();
    expect((await api.call('get', '/v2/contacts', { headers: { Origin: EVIL } })).headers['access-control-allow-origin']).toBe('*');
  });

  it('compares admin tokens in constant time, whatever their lengths', () => {
    expect(constantTimeEqual('s3cret', 's3cret')).toBe(true);
    expect(constantTimeEqual('s3creT', 's3cret')).toBe(false);
    expect(constantTimeEqual('s3cret-and-more', 's3cret')).toBe(false);
    expect(constantTimeEqual('', 's3cret')).toBe(false);
    expect(constantTimeEqual('s3c', 's3cret')).toBe(false);
  });
});
