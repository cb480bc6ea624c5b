import { describe, expect, it } from 'vitest';
import { runConformance, TargetError, type FetchTarget, type RunSummary } from '../../src/conformance/index.js';
import { KEY_A, inProcessMock, runAgainst, startMock } from './helpers.js';

// RunOptions.fetch: the suite run against a target in this process (a fetch handler), no server.

const verdicts = (summary: RunSummary) => summary.results.map((r) => `${r.id}: ${r.outcome}${r.outcome === 'passed' ? '' : ` ${r.message}`}`);

describe('a target in this process', () => {
  it('gets the same verdicts, coverage and decisions as the same mock over HTTP, for the same seed', async () => {
    const options = { strict: false, seed: 7, generate: 4 };
    const [http, inProcess] = [await runAgainst(await startMock(), options), await runAgainst(inProcessMock(), options)];
    expect(verdicts(inProcess)).toEqual(verdicts(http));
    expect(inProcess.coverage).toEqual(http.coverage);
    expect(inProcess.decisions.map((d) => `${d.pointer} ${d.verdict}`)).toEqual(http.decisions.map((d) => `${d.pointer} ${d.verdict}`));
    expect(inProcess.failed + inProcess.errored).toBe(0);
  });

  it('is handed each request under the base URL, path included', async () => {
    const mock = inProcessMock();
    const urls: string[] = [];
    const target: FetchTarget = (request) => {
      urls.push(request.url);
      return mock.fetch!(new Request(request.url.replace('/api/', '/'), request));
    };
    const summary = await runConformance({ baseUrl: 'http://in.process/api', fetch: target, apiKey: KEY_A, only: ['contacts.get'], generate: 0 });
    expect(summary.failed + summary.errored).toBe(0);
    expect(summary.results.filter((r) => r.id.startsWith('contacts.get.')).map((r) => r.outcome)).toEqual(['passed', 'passed', 'passed']);
    expect(urls[0]).toBe('http://in.process/api/v2/contacts?pageSize=1');
    expect(urls.every((url) => url.startsWith('http://in.process/api/v2/'))).toBe(true);
  });

  it('takes an error Response for a network error, and times out a target that never answers', async () => {
    const run = (fetch: FetchTarget) => runConformance({ baseUrl: 'http://in.process', fetch, apiKey: KEY_A, timeoutMs: 200 });
    await expect(run(async () => Response.error())).rejects.toThrow(new TargetError('cannot reach http://in.process: the target answered with a network error (Response.error())'));
    await expect(run(() => new Promise<Response>(() => {}))).rejects.toThrow(/^cannot reach http:\/\/in\.process: no answer within 200 ms \(timeout\)/);
  });
});
