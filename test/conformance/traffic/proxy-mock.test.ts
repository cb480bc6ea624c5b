import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../../src/conformance/index.js';
import { TrafficBook, type TrafficReport } from '../../../src/conformance/traffic/book.js';
import { readHar } from '../../../src/conformance/traffic/har/read.js';
import { HarWriter } from '../../../src/conformance/traffic/har/write.js';
import { nodeRedactor } from '../../../src/conformance/traffic/node-redactor.js';
import { KEY_A, KEY_B, OWNER_A, startMock, type RunningMock } from '../helpers.js';
import { messageHeaders, raw, startProxy, type RunningProxy } from './helpers.js';

// The proxy in front of the mock: the whole conformance suite through it finds nothing, the wire is
// what the mock sent, and what it records validates offline to the same verdict.
let mock: RunningMock;
let proxy: RunningProxy;
let harFile: string;
let report: TrafficReport;
let failedThrough: number;
const identity = { exchange: <T>(e: T) => e, record: <T>(r: T) => r, text: (t: string) => t };

beforeAll(async () => {
  mock = await startMock();
  proxy = await startProxy(mock.baseUrl);
  harFile = join(mkdtempSync(join(tmpdir(), 'allsign-proxy-')), 'run.har');
  const recorder = await HarWriter.open(harFile, mock.baseUrl, nodeRedactor(), { name: 'test', version: '1' });
  const originalAdd = proxy.book.add.bind(proxy.book);
  proxy.book.add = (e) => {
    recorder.add(e);
    return originalAdd(e);
  };
  const summary = await runConformance({ baseUrl: proxy.url, apiKey: KEY_A, apiKeyB: KEY_B, keyOwnerEmail: OWNER_A, generate: 3, seed: 7, concurrency: 4 });
  failedThrough = summary.failed;
  // every exchange is judged once it is delivered: wait for the last
  await new Promise((resolve) => setTimeout(resolve, 100));
  await recorder.close();
  report = proxy.book.report('documented', identity);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await mock?.close();
});

describe('the proxy in front of the mock', () => {
  it('lets the whole conformance suite pass through it', () => {
    expect(failedThrough).toBe(0);
    expect(report.judged).toBeGreaterThan(200);
  });

  it('finds nothing in the mock’s answers: no documented, inferred or gap finding', () => {
    expect(report.findings.map((g) => `${g.provenance} ${g.check} ${g.operationId} ${g.field}: ${g.message}`)).toEqual([]);
    expect(report.failing).toBe(0);
    expect(report.unanswered).toBe(0);
  });

  it('keeps the invalid requests the suite sends apart, as the client’s, refused as the contract says', () => {
    expect(report.clientRequests.length).toBeGreaterThan(5);
    expect(report.clientRequests.every((g) => g.status !== undefined && g.status >= 400 && g.status < 500)).toBe(true);
  });

  it('changes no byte: status, headers and body are the mock’s', async () => {
    const requests: [string, Record<string, string>][] = [
      ['/v2/contacts?pageSize=5', { authorization: `Bearer ${KEY_A}` }],
      ['/v2/contacts/autocomplete?q=ma', { authorization: `Bearer ${KEY_A}` }],
      ['/v2/contacts?pageSize=0', { authorization: `Bearer ${KEY_A}` }],
      ['/v2/contacts', {}],
      ['/nowhere', { authorization: `Bearer ${KEY_A}` }],
    ];
    for (const [path, headers] of requests) {
      const direct = await raw(`${mock.baseUrl}${path}`, { headers });
      const through = await raw(`${proxy.url}${path}`, { headers });
      expect(through.status, path).toBe(direct.status);
      expect(messageHeaders(through.rawHeaders), path).toEqual(messageHeaders(direct.rawHeaders));
      expect(through.body.equals(direct.body), path).toBe(true);
    }
  });

  it('records a HAR that validates offline to the same verdict, with no key in it', async () => {
    const offline = new TrafficBook(`HAR ${harFile}`);
    const read = await readHar(harFile, (e) => offline.add(e));
    const again = offline.report('documented', identity);
    expect(read.version).toBe('1.2');
    expect(read.entries).toBe(report.exchanges);
    expect(again.findings).toEqual([]);
    expect(again.clientRequests.map((g) => [g.id, g.count])).toEqual(report.clientRequests.map((g) => [g.id, g.count]));
    const text = readFileSync(harFile, 'utf8');
    expect(text).not.toContain(KEY_A);
    expect(text).not.toContain(KEY_B);
    expect(text).toMatch(/"name":"authorization","value":"Bearer redacted-[0-9a-f]{16}"/);
  });
});
