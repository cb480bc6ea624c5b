import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { KEY_A, createContact, mockApi } from './helpers.js';

describe('bad input never crashes the mock', () => {
  it('malformed JSON is a FastAPI json_invalid 422', async () => {
    const res = await mockApi().call('post', '/v2/contacts', { raw: { text: '{"email": "a@example.com",', type: 'application/json' } });
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body', expect.any(Number)], msg: 'JSON decode error' });
  });

  it('a body over 1 MB is 413 and nothing is written', async () => {
    const api = mockApi();
    const huge = JSON.stringify({ email: 'big@example.com', notes: 'x'.repeat(1_100_000) });
    const res = await api.call('post', '/v2/contacts', { raw: { text: huge, type: 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ detail: 'Request body too large (limit 1 MB)' });
    expect((await api.call('get', '/v2/contacts')).body.total).toBe(0);
  });

  it('a non-JSON content type is 415', async () => {
    const res = await mockApi().call('post', '/v2/contacts', { raw: { text: 'email=a@example.com', type: 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(res.body.detail).toMatch(/application\/json/);
  });

  it('a missing body is 422 body missing', async () => {
    const res = await mockApi().call('post', '/v2/contacts');
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body'] });
  });

  it.each([
    ['an array', '[1,2]'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['a number', '42'],
  ])('%s where an object goes is 422 at body', async (_what, text) => {
    const res = await mockApi().call('post', '/v2/contacts', { raw: { text, type: 'application/json' } });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc[0]).toBe('body');
  });

  it('__proto__ in a contact body neither pollutes nor passes as a field', async () => {
    const api = mockApi();
    const res = await api.call('post', '/v2/contacts', { raw: { text: '{"email":"p@example.com","__proto__":{"admin":true},"constructor":{"x":1}}', type: 'application/json' } });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('admin');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('query parameters given twice are a clear 422, not a crash', async () => {
    const res = await mockApi().call('get', '/v2/contacts?pageSize=10&pageSize=20');
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['query', 'pageSize']);
  });

  it('unknown routes are 404 and wrong methods 405 with Allow', async () => {
    const api = mockApi();
    const missing = await api.call('get', '/v2/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Not Found' });
    const wrong = await api.call('put', '/v2/contacts');
    expect(wrong.status).toBe(405);
    expect(wrong.body).toEqual({ detail: 'Method Not Allowed' });
    expect(wrong.headers.allow).toBe('GET, HEAD, POST');
  });

  it('keeps serving after every kind of bad request', async () => {
    const api = mockApi();
    await api.call('post', '/v2/contacts', { raw: { text: '{', type: 'application/json' } });
    expect((await createContact(api, { email: 'still@example.com' })).email).toBe('still@example.com');
  });
});

describe('Prefer: code=NNN', () => {
  it('answers the contract example for that status and changes nothing', async () => {
    const api = mockApi();
    const res = await api.call('post', '/v2/contacts', { body: { email: 'x@example.com' }, headers: { Prefer: 'code=409' } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ detail: 'Contact with this email already exists' });
    expect((await api.call('get', '/v2/contacts')).body.total).toBe(0);
    const invalid = await api.call('get', '/v2/contacts', { headers: { Prefer: 'code=422' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.detail[0].loc).toEqual(['query', 'pageSize']);
  });

  it('names the declared codes when the code is not declared', async () => {
    const res = await mockApi().call('get', '/v2/contacts', { headers: { Prefer: 'code=418' } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/200, 401, 422/);
  });

  it('still needs a valid key', async () => {
    const res = await mockApi().call('get', '/v2/contacts', { key: null, headers: { Prefer: 'code=200' } });
    expect(res.status).toBe(401);
  });
});

describe('for frontends', () => {
  it('adds latency when asked', async () => {
    const api = mockApi({ latency: { min: 120, max: 120 } });
    const started = Date.now();
    await api.call('get', '/v2/contacts');
    // a lower bound only: the delay cannot be shorter than asked
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('serves the contract and an API reference page without a CDN', async () => {
    const { app } = mockApi();
    const yaml = await request(app).get('/openapi.yaml');
    expect(yaml.text).toMatch(/^openapi: 3\.1\.0/);
    const json = await request(app).get('/openapi.json');
    expect(json.body.info.title).toBe('AllSign API v2');
    const page = await request(app).get('/docs');
    expect(page.text).toContain('/docs/swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    const bundle = await request(app).get('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.text.length).toBeGreaterThan(100_000);
  });

  it('logs one concise line per request when asked', async () => {
    const lines: string[] = [];
    const api = mockApi({ log: (line) => lines.push(line) });
    await api.call('get', '/v2/contacts?pageSize=1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET \/v2\/contacts\?pageSize=1 200 [\d.]+ms demo-a$/);
  });
});

describe('inside a host Express app', () => {
  it('works mounted under a prefix behind the host’s own JSON parser', async () => {
    const express = (await import('express')).default;
    const { createMockApp } = await import('../../src/mock/index.js');
    const host = express();
    host.use(express.json());
    host.use('/mock', createMockApp({ contacts: 0 }));
    const created = await request(host).post('/mock/v2/contacts').set('Authorization', `Bearer ${KEY_A}`).send({ email: 'hosted@example.com', full_name: 'Host' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'hosted@example.com', fullName: 'Host' });
    const listed = await request(host).get('/mock/v2/contacts?search=hosted').set('Authorization', `Bearer ${KEY_A}`);
    expect(listed.body.total).toBe(1);
  });
});
