import { describe, expect, it } from 'vitest';
import { CHECKS, runConformance } from '../../src/conformance/index.js';
import { loadContract } from '../../src/contract/index.js';
import { KEY_A, KEY_B, allContacts, leftovers, runAgainst, startMock } from './helpers.js';

describe('the conformance suite against the mock', () => {
  it('passes every check, with zero warnings and nothing skipped, and leaves nothing behind', async () => {
    const mock = await startMock();
    const before = await mock.mock.repository.counts();
    const summary = await runAgainst(mock, { strict: false });
    const notPassed = summary.results.filter((r) => r.outcome !== 'passed').map((r) => `${r.id}: ${r.outcome} ${r.message ?? ''}`);
    expect(notPassed).toEqual([]);
    expect(summary.warned).toBe(0);
    expect(summary.passed).toBe(CHECKS.length + 1); // and cleanup.nothing-left
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
    expect(summary.passed).toBe(CHECKS.filter((c) => !c.creates).length);
    expect(summary.skipped).toBe(CHECKS.filter((c) => c.creates).length);
    expect(summary.results.every((r) => r.outcome === 'skipped' || !CHECKS.find((c) => c.id === r.id)?.creates)).toBe(true);
    expect(JSON.stringify(await allContacts(mock.mock))).toBe(before);
    expect((await mock.mock.repository.counts()).documents).toBe(docsBefore);
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

  it('names only operations that exist, with unique stable ids, and quotes the reference for documented checks', () => {
    const ids = new Set(contract.operations.map((o) => o.operationId));
    expect(CHECKS.flatMap((c) => c.operations).filter((o) => !ids.has(o))).toEqual([]);
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    for (const c of CHECKS) {
      expect(c.id, c.id).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
      if (c.provenance === 'documented') expect(c.reference, `${c.id} has no reference`).toBeTruthy();
    }
  });
});
