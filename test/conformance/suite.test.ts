import { describe, expect, it } from 'vitest';
import { CHECKS, CLEANUP, allDecisions, catalogue, inferred, runConformance } from '../../src/conformance/index.js';
import { DECIDED } from '../../src/conformance/contract/decided.js';
import { loadContract } from '../../src/contract/index.js';
import { KEY_A, KEY_B, allContacts, leftovers, recording, runAgainst, startMock, type Recorded } from './helpers.js';

describe('the conformance suite against the mock', () => {
  it('passes every check, hand-written and generic, with zero warnings and nothing skipped, and leaves nothing behind', async () => {
    const mock = await startMock();
    const before = await mock.mock.repository.counts();
    const summary = await runAgainst(mock, { strict: false });
    const notPassed = summary.results.filter((r) => r.outcome !== 'passed').map((r) => `${r.id}: ${r.outcome} ${r.message ?? ''}`);
    expect(notPassed).toEqual([]);
    expect(summary.warned).toBe(0);
    expect(summary.results.map((r) => r.id)).toEqual(catalogue().map((e) => e.id));
    expect(summary.generate).toBeGreaterThan(0);
    // the generic checks saw the hand-written answers and the generated ones
    expect(summary.results.find((r) => r.id === 'generic.response-schema-conformance')!.message).toMatch(/^[1-9]\d{2,} answers checked, no finding$/);
    expect(summary.results.at(-1)).toMatchObject({ id: 'cleanup.nothing-left', outcome: 'passed' });
    expect(await leftovers(mock.mock, summary.runId)).toEqual([]);
    // documents cannot be deleted through the API: those the run made are reported, not hidden
    expect(summary.leftDocuments.length).toBeGreaterThan(0);
    expect((await mock.mock.repository.counts()).contacts).toBe(before.contacts);
  });

  it('--read-only creates and changes nothing', async () => {
    const mock = await startMock();
    const before = JSON.stringify(await allContacts(mock.mock));
    const docsBefore = (await mock.mock.repository.counts()).documents;
    const summary = await runAgainst(mock, { readOnly: true });
    expect(summary.failed).toBe(0);
    const entries = catalogue().filter((e) => e.id !== CLEANUP.id);
    expect(summary.passed).toBe(entries.filter((e) => !e.creates).length);
    expect(summary.skipped).toBe(entries.filter((e) => e.creates).length);
    expect(summary.results.every((r) => r.outcome === 'skipped' || !entries.find((c) => c.id === r.id)?.creates)).toBe(true);
    expect(JSON.stringify(await allContacts(mock.mock))).toBe(before);
    expect((await mock.mock.repository.counts()).documents).toBe(docsBefore);
  });

  it('--read-only generates reads only: every request sent with the key is a GET', async () => {
    const seen: Recorded[] = [];
    const mock = await startMock({ wrap: recording(seen) });
    const summary = await runAgainst(mock, { readOnly: true, only: ['generic'] });
    expect(summary.failed).toBe(0);
    expect(summary.results.find((r) => r.id === 'generic.use-after-delete')).toMatchObject({ outcome: 'skipped', message: expect.stringMatching(/--read-only/) });
    const withKey = seen.filter((r) => r.key === KEY_A);
    expect(withKey.length).toBeGreaterThan(20);
    expect(withKey.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('draws the same requests from the same seed, and others from another', async () => {
    const requests = async (seed: number) => {
      const seen: Recorded[] = [];
      const summary = await runAgainst(await startMock({ wrap: recording(seen) }), { seed, only: ['generic'], generate: 6 });
      expect(summary.failed).toBe(0);
      // the run id (in any case) and the ids the server made differ from run to run; what was generated does not
      const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
      return seen.map((r) => `${r.method} ${r.url} ${JSON.stringify(r.body)}`.replace(new RegExp(summary.runId, 'gi'), '<run>').replace(uuid, '<id>')).sort();
    };
    const first = await requests(5);
    expect(first.length).toBeGreaterThan(80);
    expect(await requests(5)).toEqual(first);
    expect(await requests(6)).not.toEqual(first);
  });

  it('without the key owner, still checks what it can of invitedBy', async () => {
    const summary = await runAgainst(await startMock(), { keyOwnerEmail: undefined, only: ['participants.create.lowercase-invitedby-step'] });
    expect(summary.results[0]).toMatchObject({ id: 'participants.create.lowercase-invitedby-step', outcome: 'passed' });
    const wrongOwner = await runAgainst(await startMock(), { keyOwnerEmail: 'someone@else.example.com', only: ['participants.create.lowercase-invitedby-step'] });
    expect(wrongOwner.results[0]!.outcome).toBe('failed');
    expect(wrongOwner.results[0]!.message).toMatch(/key owner’s email/);
  });

  it('skips the isolation checks, saying why, without a second key', async () => {
    const summary = await runAgainst(await startMock(), { apiKeyB: undefined, only: ['isolation'] });
    expect(summary.results.filter((r) => r.id.startsWith('isolation.')).every((r) => r.outcome === 'skipped' && /api-key-b/.test(r.message!))).toBe(true);
    expect(summary.failed).toBe(0);
  });

  it('refuses an unreachable target and a rejected key before running any check', async () => {
    await expect(runConformance({ baseUrl: 'http://127.0.0.1:9', apiKey: KEY_A })).rejects.toThrow(/cannot reach/);
    const mock = await startMock();
    try {
      await expect(runConformance({ baseUrl: mock.baseUrl, apiKey: 'sk_nope' })).rejects.toThrow(/rejected/);
      await expect(runConformance({ baseUrl: mock.baseUrl, apiKey: KEY_A, apiKeyB: 'sk_nope' })).rejects.toThrow(/second API key was rejected/);
    } finally {
      await mock.close();
    }
  });

  it('stops starting checks when interrupted, and still cleans up', async () => {
    const mock = await startMock();
    const abort = new AbortController();
    let seen = 0;
    const summary = await runAgainst(mock, {
      apiKeyB: KEY_B,
      concurrency: 1,
      signal: abort.signal,
      onResult: () => void (++seen === 8 && abort.abort()),
    });
    expect(summary.results.filter((r) => r.message === 'interrupted').length).toBeGreaterThan(30);
    expect(summary.results.at(-1)).toMatchObject({ id: 'cleanup.nothing-left', outcome: 'passed' });
    expect(await leftovers(mock.mock, summary.runId)).toEqual([]);
  });
});

describe('the catalogue', () => {
  const contract = loadContract();

  it('covers every operation of the contract with a positive and a negative check', () => {
    const gaps: string[] = [];
    for (const op of contract.operations) {
      for (const kind of ['positive', 'negative'] as const) {
        if (!CHECKS.some((c) => c.kind === kind && c.operations.includes(op.operationId))) gaps.push(`${op.operationId} has no ${kind} check`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('names only operations that exist, with unique stable ids, and quotes the reference for documented hand-written checks', () => {
    const ids = new Set(contract.operations.map((o) => o.operationId));
    const entries = catalogue();
    expect(entries.flatMap((c) => c.operations).filter((o) => !ids.has(o))).toEqual([]);
    expect(new Set(entries.map((c) => c.id)).size).toBe(entries.length);
    for (const c of entries) {
      expect(c.id, c.id).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
      if (c.provenance === 'documented' && c.origin === 'hand-written') expect(c.reference, `${c.id} has no reference`).toBeTruthy();
    }
  });

  it('rests every inferred check, and every decision an assertion names, on an x-inferred of the contract', () => {
    const places = new Set(allDecisions().flatMap((d) => d.places));
    for (const c of CHECKS.filter((x) => x.provenance === 'inferred')) expect(places.has(c.decision ?? ''), `${c.id} rests on ${c.decision}`).toBe(true);
    for (const c of CHECKS.filter((x) => x.provenance === 'documented')) expect(c.decision, c.id).toBeUndefined();
    for (const [name, pointer] of Object.entries(DECIDED)) expect(places.has(pointer), `${name}: ${pointer}`).toBe(true);
    expect(() => inferred('#/components/schemas/Tags/items')).toThrow(/no x-inferred/);
  });

  it('enumerates every x-inferred of the contract, one decision for one text wherever it is written', () => {
    const decisions = allDecisions();
    expect(new Set(decisions.map((d) => d.text)).size).toBe(decisions.length);
    // a decision written beside a $ref, and one an anchor writes at every operation's 401
    expect(decisions.flatMap((d) => d.places)).toContain('#/components/schemas/ContactDetailResponse/properties/source/presence');
    const unauthorized = inferred('#/components/responses/Unauthorized');
    expect(unauthorized.places).toEqual(expect.arrayContaining(loadContract().operations.map((op) => `#/paths/${op.path.replace(/\//g, '~1')}/${op.method}/responses/401`)));
    expect(inferred('#/paths/~1v2~1documents~1{document_id}~1participants/post/responses/200').text).toMatch(/the response \(the updated document\)/);
  });
});
