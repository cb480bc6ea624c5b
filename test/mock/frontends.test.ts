import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { docsPages, REFERENCE_SPECS } from '../../src/mock/adapters/docs/docs-page.js';
import { createMock, createMockApp, fetchHandler } from '../../src/mock/index.js';
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

describe('the API reference page starts authorised, with the mock’s own first key', () => {
  const config = (html: string) => JSON.parse(/<script type="application\/json" id="reference-config">(.*?)<\/script>/s.exec(html)![1]!) as { url: string; key: { scheme: string; value: string } | null };

  it('the first key the mock was started with, its tenant shown; the page may load from and call nothing but this mock and the contract’s servers', async () => {
    const app = createMockApp({ contacts: 0, apiKeys: [{ tenant: 'ventas', key: 'sk_test_ventas', email: 'dueña@ventas.example.com' }, { tenant: 'demo-a', key: 'sk_test_demo_a', email: 'owner@demo-a.example.com' }] });
    const page = await request(app).get('/docs').set('Host', '127.0.0.1:4321');
    expect(page.status).toBe(200);
    expect(config(page.text)).toEqual({ url: '/openapi.json', key: { scheme: 'bearerAuth', value: 'sk_test_ventas' } });
    expect(page.text).toMatch(/<p id="reference-key" data-tenant="ventas">[^<]*<b>ventas<\/b> \(dueña@ventas\.example\.com\)/);
    expect(page.text).not.toContain('sk_test_demo_a');
    const policy = page.headers['content-security-policy'];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:4321 https:\/\/api\.allsign\.io;/);
    expect(page.text).not.toMatch(/https?:\/\//);
    // what the page loads is there, from the package
    for (const asset of ['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css', '/docs/reference.js']) {
      expect(page.text).toContain(asset);
      const res = await request(app).get(asset);
      expect(res.status, asset).toBe(200);
    }
    expect((await request(app).get('/docs/swagger-ui-bundle.js')).text.length).toBeGreaterThan(100_000);
  });

  it('no key when the mock guards its keys with an admin token, or when the first key opens no tenant any more', async () => {
    const guarded = await request(createMockApp({ contacts: 0, adminToken: 'secreto' })).get('/docs');
    expect(config(guarded.text).key).toBeNull();
    expect(guarded.text).not.toContain('sk_test_demo');
    expect(guarded.text).toContain('--admin-token');

    const mock = createMock({ contacts: 0 });
    const app = createMockApp({ mock });
    await request(app).delete('/__admin/tenants/demo-a').expect(200);
    const page = await request(app).get('/docs');
    expect(config(page.text).key).toBeNull();
    expect(page.text).not.toContain('sk_test_demo_a');
    expect(page.text).toContain('opens no tenant any more');
  });

  it('what a tenant or key holds is text in the page, never markup', async () => {
    const app = createMockApp({ contacts: 0, apiKeys: [{ tenant: '"><script>alert(1)</script>', key: 'sk_</script><script>x', email: 'a@example.com' }] });
    const page = await request(app).get('/docs');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('</script><script>x');
    expect(config(page.text).key?.value).toBe('sk_</script><script>x');
  });

  it('shows the control plane’s contract beside the API, the API by default', async () => {
    // mounted in a host app under a prefix: the page's links and the contracts it loads are below it
    const outer = express();
    outer.use('/sandbox', createMockApp({ contacts: 0, apiKeys: [{ tenant: 't', key: 'sk_sandbox_page_1', email: 'a@example.com' }] }));
    expect(REFERENCE_SPECS.map((s) => s.id)).toEqual(['api', 'admin']);
    const first = await request(outer).get('/sandbox/docs');
    expect(first.text).toContain('id="reference-specs"');
    expect(first.text).toContain('<a href="/sandbox/docs?spec=api" aria-current="page">AllSign API v2</a> <a href="/sandbox/docs?spec=admin">Control plane (/__admin)</a>');
    expect(config(first.text)).toEqual({ url: '/sandbox/openapi.json', key: { scheme: 'bearerAuth', value: 'sk_sandbox_page_1' } });
    const second = await request(outer).get('/sandbox/docs?spec=admin');
    // no key scheme named for it: nothing pre-authorised, nothing said of a tenant
    expect(config(second.text)).toEqual({ url: '/sandbox/openapi/admin.json', key: null });
    expect(second.text).not.toContain('id="reference-key"');
    const unknown = await request(outer).get('/sandbox/docs?spec=nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('No contract "nope" on this page; spec is one of: api, admin');
    // with one contract there is nothing to choose
    const single = await docsPages({ key: async () => ({ key: 'k', tenant: 't' }), specs: REFERENCE_SPECS.slice(0, 1) })({ method: 'GET', path: '/docs', headers: { host: 'x' }, secure: false, baseUrl: '' });
    expect(single?.status).toBe(200);
    expect(String(single?.body)).not.toContain('id="reference-specs"');
  });
});
