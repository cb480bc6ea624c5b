import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMock, fetchHandler } from '../../src/mock/index.js';
import { KEY_A, mockApi } from './helpers.js';

const TRACING = 'traceparent, sentry-trace, x-request-id, baggage';
const PRODUCTION = 'https://api.allsign.io';

describe('CORS preflight for whatever headers a page sends', () => {
  it('through the Express app, tracing headers included', async () => {
    const { app } = mockApi();
    const res = await request(app)
      .options('/v2/contacts')
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', `authorization, content-type, ${TRACING}`);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    for (const header of ['authorization', 'content-type', 'traceparent', 'sentry-trace', 'x-request-id']) {
      expect(res.headers['access-control-allow-headers']).toContain(header);
    }
    expect(res.headers['access-control-allow-methods']).toContain('POST');
  });

  it('through the fetch adapter', async () => {
    const call = fetchHandler(createMock({ contacts: 0 }));
    const res = await call(
      new Request('http://mock.test/v2/contacts', {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': TRACING },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('sentry-trace');
    expect(res.headers.get('access-control-allow-headers')).toContain('traceparent');
    // and the request itself, with those headers, is answered
    const get = await call(new Request('http://mock.test/v2/contacts', { headers: { authorization: `Bearer ${KEY_A}`, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } }));
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('the API reference calls the mock that serves it', () => {
  it('GET / sends a browser to /docs', async () => {
    const res = await request(mockApi().app).get('/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/docs');
  });

  it('serves the contract with the page’s own origin as the first server', async () => {
    const { app } = mockApi();
    const json = await request(app).get('/openapi.json').set('Host', '127.0.0.1:4321');
    expect(json.body.servers.map((s: { url: string }) => s.url)).toEqual(['http://127.0.0.1:4321', PRODUCTION]);
    const yaml = await request(app).get('/openapi.yaml').set('Host', 'localhost:4010');
    const doc = parse(yaml.text);
    expect(doc.servers.map((s: { url: string }) => s.url)).toEqual(['http://localhost:4010', PRODUCTION]);
    // only the servers changed: the rest is the contract as written, comments and all
    expect(doc.paths['/v2/contacts'].post.operationId).toBe('createContact');
    expect(yaml.text).toMatch(/^openapi: 3\.1\.0/);
  });

  it('serves the control plane’s contract beside it, this mock its one server', async () => {
    const { app } = mockApi();
    const json = await request(app).get('/openapi/admin.json').set('Host', '127.0.0.1:4321');
    expect(json.body.servers.map((s: { url: string }) => s.url)).toEqual(['http://127.0.0.1:4321']);
    expect(json.body.paths['/__admin/faults'].post.operationId).toBe('adminAddFault');
    const yaml = await request(app).get('/openapi/admin.yaml').set('Host', 'localhost:4010');
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    expect(parse(yaml.text).servers.map((s: { url: string }) => s.url)).toEqual(['http://localhost:4010']);
  });

  it('behind a proxy, the forwarded origin; mounted under a prefix, the prefix', async () => {
    const outer = express();
    outer.use('/sandbox', mockApi().app);
    const res = await request(outer).get('/sandbox/openapi.json').set('X-Forwarded-Proto', 'https').set('X-Forwarded-Host', 'mock.example.com');
    expect(res.body.servers[0].url).toBe('https://mock.example.com/sandbox');
    expect((await request(outer).get('/sandbox/')).headers.location).toBe('/sandbox/docs');
  });

  it('a Host that is not a plain origin is left out, never echoed', async () => {
    const res = await request(mockApi().app).get('/openapi.json').set('Host', 'evil.example.com/"><script>');
    expect(res.body.servers.map((s: { url: string }) => s.url)).toEqual([PRODUCTION]);
  });
});
