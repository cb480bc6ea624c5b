import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionLedger } from '../../../src/conformance/contract/ledger.js';
import { TrafficBook } from '../../../src/conformance/traffic/book.js';
import { FixtureBuilder, type FixtureState } from '../../../src/conformance/traffic/fixtures.js';
import { readHar } from '../../../src/conformance/traffic/har/read.js';
import { HarWriter } from '../../../src/conformance/traffic/har/write.js';
import { TrafficJudge } from '../../../src/conformance/traffic/judge.js';
import { nodeRedactor } from '../../../src/conformance/traffic/node-redactor.js';
import { Replayer } from '../../../src/conformance/traffic/replay.js';
import { startMock, type RunningMock } from '../helpers.js';
import { startProxy } from './helpers.js';

// A recording seeds the mock: what a session showed becomes fixtures, and its requests replayed
// against a mock started from them are answered as they were recorded.
const identity = { exchange: <T>(e: T) => e, record: <T>(r: T) => r, text: (t: string) => t };
const apiPath = (p: string) => new TrafficJudge(new DecisionLedger()).apiPath(p);

let har: string;
let key: string;
let contactId: string;
let lastSeen: Record<string, unknown>;
let mocks: RunningMock[] = [];

async function fixtures(state: FixtureState) {
  const builder = new FixtureBuilder(nodeRedactor(), state, apiPath);
  await readHar(har, (e) => builder.add(e));
  return builder.build();
}

async function mockWith(state: FixtureState) {
  const mock = await startMock();
  mocks.push(mock);
  const res = await fetch(`${mock.baseUrl}/__admin/fixtures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(await fixtures(state)) });
  expect(res.status, await res.clone().text()).toBe(200);
  return mock;
}

async function replayAgainst(mock: RunningMock) {
  const book = new TrafficBook('replay');
  const replayer = new Replayer(mock.baseUrl, book, nodeRedactor(), apiPath, 5_000);
  const recorded: Parameters<Replayer['replay']>[0][] = [];
  await readHar(har, (e) => recorded.push(e));
  for (const e of recorded) await replayer.replay(e);
  return book.report('any', identity);
}

beforeAll(async () => {
  const source = await startMock();
  mocks.push(source);
  const tenant = (await (await fetch(`${source.baseUrl}/__admin/tenants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"contacts": 0}' })).json()) as { apiKey: string };
  key = tenant.apiKey;
  const proxy = await startProxy(source.baseUrl);
  har = join(mkdtempSync(join(tmpdir(), 'allsign-recording-')), 'session.har');
  const recorder = await HarWriter.open(har, source.baseUrl, nodeRedactor(), { name: 'test', version: '1' });
  const add = proxy.book.add.bind(proxy.book);
  proxy.book.add = (e) => (recorder.add(e), add(e));
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${proxy.url}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const created = await call('POST', '/v2/contacts', { email: 'ana.recorded@example.com', fullName: 'Ana Grabada', tags: ['vip'] });
  contactId = created.body.id as string;
  await call('POST', '/v2/contacts', { email: 'beto.recorded@example.com', fullName: 'Beto Grabado' });
  await call('PUT', `/v2/contacts/${contactId}`, { email: 'ana.recorded@example.com', fullName: 'Ana María Grabada', company: 'Grabaciones SA' });
  lastSeen = (await call('GET', `/v2/contacts/${contactId}`)).body;
  await call('GET', '/v2/contacts?pageSize=100');
  const document = await call('POST', '/v2/documents', { name: 'Contrato grabado', participants: [{ email: 'ana.recorded@example.com', name: 'Ana María' }] });
  await call('GET', `/v2/documents/${document.body.id as string}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await recorder.close();
  await proxy.close();
}, 60_000);

afterAll(async () => {
  await Promise.all(mocks.map((m) => m.close()));
  mocks = [];
});

describe('a recording seeds the mock', () => {
  it('turns into fixtures: the tenant under its key’s placeholder, its contacts and documents as last seen', async () => {
    const state = await fixtures('after');
    expect(state.tenants).toHaveLength(1);
    const [tenant] = state.tenants;
    expect(tenant!.apiKeys[0]!.key).toMatch(/^redacted-[0-9a-f]{16}$/);
    expect(JSON.stringify(state)).not.toContain(key);
    expect(tenant!.contacts.map((c) => c.fullName).sort()).toEqual(['Ana María Grabada', 'Beto Grabado']);
    expect(tenant!.documents.map((d) => d.name)).toEqual(['Contrato grabado']);
  });

  it('a mock started from them answers as the recording last did, to the placeholder key', async () => {
    const mock = await mockWith('after');
    const placeholder = (await fixtures('after')).tenants[0]!.apiKeys[0]!.key;
    const res = await fetch(`${mock.baseUrl}/v2/contacts/${contactId}`, { headers: { authorization: `Bearer ${placeholder}` } });
    expect(res.status).toBe(200);
    const { createdAt: _c, updatedAt: _u, ...now } = (await res.json()) as Record<string, unknown>;
    const { createdAt: _c2, updatedAt: _u2, ...then } = lastSeen;
    // as last seen, and in the document the recording created after that answer
    expect(now).toEqual({ ...then, documents: [expect.objectContaining({ documentName: 'Contrato grabado', status: 'PENDING' })] });
  });

  it('replayed against the state before it, the recording is answered as recorded: no difference, no finding', async () => {
    const report = await replayAgainst(await mockWith('before'));
    expect(report.judged).toBe(7);
    expect(report.findings.map((g) => `${g.provenance} ${g.field}: ${g.message}`)).toEqual([]);
  });

  it('replayed against the state after it, the differences are reported: the creates now find their emails taken', async () => {
    const report = await replayAgainst(await mockWith('after'));
    const differences = report.findings.filter((g) => g.provenance === 'difference');
    expect(differences.map((g) => [g.check, g.operationId, g.status])).toContainEqual(['replay.status-differs', 'createContact', 409]);
    expect(report.failing).toBeGreaterThan(0);
  });
});
