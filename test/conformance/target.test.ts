import express, { type Express } from 'express';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../src/conformance/index.js';
import { upstream as listen } from '../support/listen.js';
import { KEY_A, runAgainst, startMock } from './helpers.js';

const refusal = (baseUrl: string, timeoutMs = 2000) => runConformance({ baseUrl, apiKey: KEY_A, timeoutMs }).then(() => 'ran', (e: Error) => e.message);

describe('a target that is not AllSign v2', () => {
  it.each([
    ['404 everywhere', (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not Found"}'), /answered 404/],
    ['an HTML page everywhere', (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Welcome</html>'), /answered 200 \(text\/html\) "<html>Welcome<\/html>"/],
  ])('answering %s is refused before any check, in one line', async (_name, handler, why) => {
    const server = await listen(handler);
    try {
      const message = await refusal(server.url);
      expect(message).toMatch(/^this does not look like an AllSign v2 API: GET http:\/\/127\.0\.0\.1:\d+\/v2\/contacts\?pageSize=1 /);
      expect(message).toMatch(why);
      expect(message).not.toContain('\n');
    } finally {
      await server.close();
    }
  });

  it('keeps the path of the base URL, and says so when it is missing', async () => {
    const mounted = (app: Express) => express().use('/api/allsign', app);
    const mock = await startMock({ wrap: mounted });
    const without = await refusal(mock.baseUrl);
    expect(without).toMatch(/^this does not look like an AllSign v2 API: GET http:\/\/127\.0\.0\.1:\d+\/v2\/contacts\?pageSize=1 answered 404/);
    expect(without).toMatch(/path included/);
    const summary = await runAgainst({ ...mock, baseUrl: `${mock.baseUrl}/api/allsign/` }, { only: ['contacts.create', 'contacts.list.defaults'], generate: 0 });
    expect(summary.results.map((r) => [r.id, r.outcome])).toEqual([
      ['contacts.create.returns-201-camelcase', 'passed'],
      ['contacts.create.accepts-camelcase-spelling', 'passed'],
      ['contacts.create.source-api', 'passed'],
      ['contacts.create.duplicate-email-409', 'passed'],
      ['contacts.create.invalid-input-422', 'passed'],
      ['contacts.list.defaults', 'passed'],
      ['cleanup.nothing-left', 'passed'],
    ]);
  });
});

describe('a target that cannot be reached says why', () => {
  it('connection refused: the server may not be running', async () => {
    const closed = await listen(() => undefined);
    await closed.close();
    expect(await refusal(closed.url)).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED.*\): is the server running/);
  });

  it('a host name that does not resolve', async () => {
    expect(await refusal('http://allsign-conformance.invalid')).toMatch(/^cannot reach http:\/\/allsign-conformance\.invalid: DNS lookup failed \((ENOTFOUND|EAI_AGAIN)/);
  });

  it('TLS: https against a plain-http server', async () => {
    const plain = await listen((_req, res) => void res.end('{}'));
    try {
      expect(await refusal(`https://127.0.0.1:${plain.port}`)).toMatch(/^cannot reach https:\/\/127\.0\.0\.1:\d+: TLS failed \(.+\): an https URL on a plain-http server/);
    } finally {
      await plain.close();
    }
  });

  it('a timeout: the server accepts and never answers', async () => {
    const silent = await listen(() => undefined);
    try {
      expect(await refusal(silent.url, 300)).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+: no answer within 300 ms \(timeout\): the server may not be running/);
    } finally {
      await silent.close();
    }
  });
});
