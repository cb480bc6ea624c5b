import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createMockApp } from '../../src/mock/index.js';

// RFC 9110: a 405 names the resource's methods in Allow (§15.5.6); a method implemented for no
// resource is a 501 (§15.6.2); HEAD is GET without the body (§9.3.2). The API, the control plane
// and the reference pages answer alike.

const KEY = 'Bearer sk_test_demo_a';
const app = createMockApp({ contacts: 3 });

describe('methods', () => {
  it.each([
    ['the API', 'put', '/v2/contacts', 'GET, HEAD, POST'],
    ['an API resource', 'post', '/v2/contacts/c_1', 'GET, HEAD, PUT, DELETE'],
    ['the health check', 'post', '/__admin/health', 'GET, HEAD'],
    ['the readiness check', 'put', '/__admin/ready', 'GET, HEAD'],
    ['the metrics', 'delete', '/__admin/metrics', 'GET, HEAD'],
    ['a control-plane route', 'get', '/__admin/reset', 'POST'],
    ['the reference page', 'post', '/docs', 'GET, HEAD'],
    ['the contract', 'delete', '/openapi.yaml', 'GET, HEAD'],
  ])('a method %s does not have is a 405 naming the ones it has', async (_what, method, path, allow) => {
    const res = await request(app)[method as 'get'](path).set('Authorization', KEY);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body).toEqual({ detail: 'Method Not Allowed' });
  });

  it.each(['/v2/contacts', '/__admin/health', '/docs', '/nowhere'])('a method no resource has is a 501 on %s, in FastAPI shape', async (path) => {
    const res = await request(app).trace(path).set('Authorization', KEY);
    expect(res.status).toBe(501);
    expect(res.body).toEqual({ detail: 'Method TRACE is not implemented by this server' });
  });

  it('HEAD is GET without the body, wherever GET is', async () => {
    const get = await request(app).get('/v2/contacts').set('Authorization', KEY);
    const head = await request(app).head('/v2/contacts').set('Authorization', KEY);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.text ?? '').toBe('');
    expect((await request(app).head('/v2/contacts')).status).toBe(401);
    expect((await request(app).head('/__admin/health')).status).toBe(200);
    expect((await request(app).head('/docs')).status).toBe(200);
  });
});
