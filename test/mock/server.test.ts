import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMockApp, createMockServer, drain, listen } from '../../src/mock/index.js';

// What reaches Node's HTTP parser before the app: the sandbox answers in JSON, and slow clients
// cannot hold connections open.

async function start(limits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 }, options = {}) {
  const server = createMockServer(createMockApp({ contacts: 2, ...options }), limits);
  const { port } = await listen(server, 0, '127.0.0.1');
  return { server, port };
}

/** Writes raw bytes, returns what came back by the time the server closed the connection. */
function raw(port: number, bytes: string, { end = true } = {}): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => (end ? socket.end(bytes) : socket.write(bytes)));
    let text = '';
    socket.on('data', (d) => (text += d));
    socket.on('close', () => resolve({ text, ms: Date.now() - started }));
    socket.on('error', reject);
  });
}

function jsonOf(response: string): unknown {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
}

describe('the HTTP server', () => {
  it.each([
    ['a method Node does not parse', 'FOO /v2/contacts HTTP/1.1\r\nHost: x\r\n\r\n', 501],
    ['CONNECT', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', 501],
    ['a method no resource here has', 'TRACE /v2/contacts HTTP/1.1\r\nHost: x\r\n\r\n', 501],
    ['the same on the control plane', 'PROPFIND /__admin/health HTTP/1.1\r\nHost: x\r\n\r\n', 501],
    ['HTTP/1.1 without Host', 'GET /v2/contacts HTTP/1.1\r\nAuthorization: Bearer sk_test_demo_a\r\n\r\n', 400],
    ['a 17 KB query string', `GET /v2/contacts?search=${'a'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
    ['a broken Content-Length', 'POST /v2/contacts HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400],
    ['two Content-Lengths', 'POST /v2/contacts HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 400],
    ['garbage', '\u0000\u0001 not http at all\r\n\r\n', 400],
  ])('answers %s with a JSON error, not an empty body or a dropped connection', async (_what, bytes, status) => {
    const { server, port } = await start();
    try {
      const { text } = await raw(port, bytes);
      expect(text).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(text).toMatch(/content-type: application\/json/i);
      expect(jsonOf(text)).toEqual({ detail: expect.any(String) });
      expect((await fetch(`http://127.0.0.1:${port}/__admin/health`)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('answers HTTP/1.0 without Host, which that version allows', async () => {
    const { server, port } = await start();
    try {
      const { text } = await raw(port, 'GET /v2/contacts HTTP/1.0\r\nAuthorization: Bearer sk_test_demo_a\r\n\r\n');
      expect(text).toMatch(/^HTTP\/1.1 200 /);
      expect(jsonOf(text)).toMatchObject({ total: 2 });
    } finally {
      server.close();
    }
  });

  it('closes a connection whose headers trickle in, with a JSON 408, soon after the headers timeout', async () => {
    const { server, port } = await start({ headersTimeoutMs: 400, requestTimeoutMs: 2000, keepAliveTimeoutMs: 1000 });
    try {
      const { text, ms } = await raw(port, 'GET /v2/contacts HTTP/1.1\r\nHost: x\r\nX-Slow: 1', { end: false });
      expect(text).toMatch(/^HTTP\/1.1 408 /);
      expect(ms).toBeLessThan(3000);
    } finally {
      server.close();
    }
  });

  it('closes a connection whose body never finishes, after the request timeout', async () => {
    const { server, port } = await start({ headersTimeoutMs: 400, requestTimeoutMs: 800, keepAliveTimeoutMs: 1000 });
    try {
      const { text, ms } = await raw(port, 'POST /v2/contacts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em', { end: false });
      expect(text).toMatch(/^HTTP\/1.1 408 /);
      expect(ms).toBeLessThan(4000);
    } finally {
      server.close();
    }
  });

  it('rejects with the reason when the port is taken', async () => {
    const { server, port } = await start();
    try {
      const second = createMockServer(createMockApp({ contacts: 0 }));
      await expect(listen(second, port, '127.0.0.1')).rejects.toThrow(/EADDRINUSE/);
    } finally {
      server.close();
    }
  });

  it('drains: a request in flight is answered, then the server closes', async () => {
    const { server, port } = await start(undefined, { latency: { min: 400, max: 400 } });
    const inFlight = fetch(`http://127.0.0.1:${port}/v2/contacts`, { headers: { authorization: 'Bearer sk_test_demo_a' } });
    await new Promise((r) => setTimeout(r, 100));
    const drained = drain(server, 5000);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(2);
    await drained;
    await expect(fetch(`http://127.0.0.1:${port}/__admin/health`)).rejects.toThrow();
  });
});
