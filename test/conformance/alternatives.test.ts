import { describe, expect, it } from 'vitest';
import { CHECKS, type RunSummary } from '../../src/conformance/index.js';
import { inferred, operationsReaching } from '../../src/contract/index.js';
import { startAlternatives, withoutAlternative, type Alternative } from './alternatives/alternative.js';
import { ALTERNATIVES } from './alternatives/catalogue.js';
import { KEY_A, runAgainst } from './helpers.js';

// For every decision of the contract, an implementation that chose otherwise (alternatives/catalogue.ts),
// run in this process: the suite hands its requests to the mock's fetch handler (the verdicts are
// the point here, not the transport; suite.test.ts holds that both give the same).
// The default run must pass against each; --strict must fail against each, naming the decision: a
// warning names it in the default run, and --strict turns every warning into a failure (the whole
// matrix, with real --strict runs over 20 seeds each: `npm run alternatives`).

const named = (summary: RunSummary, decision: string) => summary.decisions.find((d) => d.pointer === inferred(decision).pointer)?.verdict === 'contradicted';
const failures = (summary: RunSummary) => summary.results.filter((r) => r.outcome === 'failed').map((r) => `${r.id}: ${r.message}`);

/** The run of one alternative that stays fast: its decision's operations, the checks on them, a small generation. */
function focused(alternative: Alternative) {
  const operations = operationsReaching(inferred(alternative.decision).places);
  const only = [...CHECKS.filter((c) => c.operations.some((o) => operations.includes(o))).map((c) => c.id), 'generic'];
  return { operations, only, generate: 4 };
}

describe('alternatives to the contract’s decisions', () => {
  it('one for every x-inferred decision, each the other choice for one decision', () => {
    expect(withoutAlternative(ALTERNATIVES)).toEqual([]);
    const decisions = ALTERNATIVES.map((a) => inferred(a.decision).pointer);
    expect(new Set(decisions).size).toBe(decisions.length);
    // an x-inferred added without an alternative is named
    expect(withoutAlternative(ALTERNATIVES.filter((a) => a.title !== ALTERNATIVES[3]!.title))).toEqual([inferred(ALTERNATIVES[3]!.decision).pointer]);
  });
});

describe('the default run against each alternative: no failure, a warning naming its decision', () => {
  it.each(ALTERNATIVES.filter((a) => !a.unobservable).map((a) => [a.title, a] as const))('%s', async (_title, alternative) => {
    const summary = await runAgainst(await startAlternatives([alternative]), { strict: false, seed: 1, ...focused(alternative) });
    expect(failures(summary)).toEqual([]);
    expect(named(summary, alternative.decision), `${alternative.decision} contradicted`).toBe(true);
    const warned = summary.results.filter((r) => r.outcome === 'warned').flatMap((r) => [r.decision, ...(r.notes ?? []).map((n) => n.decision)]);
    expect(warned.some((d) => d && d.pointer === inferred(alternative.decision).pointer), 'a warning names the decision (--strict fails on it)').toBe(true);
  });
});

describe('what the suite cannot reach, proved apart', () => {
  it('a finished document’s participants: the alternative answers 422 where the contract says 409', async () => {
    const alternative = ALTERNATIVES.find((a) => a.unobservable)!;
    expect(alternative.unobservable).toMatch(/signature/);
    const mock = await startAlternatives([alternative]);
    try {
      const headers = { authorization: `Bearer ${KEY_A}`, 'content-type': 'application/json' };
      const send = (path: string, body: unknown) => mock.fetch!(new Request(`${mock.baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }));
      const made = await send('/v2/documents', { name: 'D', participants: [{ email: 'signer@example.com', name: 'S' }] });
      const { id } = (await made.json()) as { id: string };
      await mock.mock.control.signDocument(id, 'signer@example.com');
      const add = await send(`/v2/documents/${id}/participants`, { participants: [{ email: 'late@example.com', name: 'L' }] });
      expect(add.status).toBe(422);
    } finally {
      await mock.close();
    }
  });
});

describe('every alternative at once', () => {
  it.each([1, 2, 3])('passes the default run, seed %i', async (seed) => {
    const summary = await runAgainst(await startAlternatives(ALTERNATIVES), { strict: false, seed });
    expect(failures(summary)).toEqual([]);
    expect(summary.warned).toBeGreaterThan(20);
  });

  it('fails --strict, naming the decisions', async () => {
    const summary = await runAgainst(await startAlternatives(ALTERNATIVES), { strict: true, seed: 1 });
    const observable = ALTERNATIVES.filter((a) => !a.unobservable);
    expect(summary.failed).toBeGreaterThan(10);
    const unnamed = observable.filter((a) => !named(summary, a.decision)).map((a) => a.title);
    // together, some choices hide others (a 207 is not read as the 200 envelope): most are still named
    expect(unnamed.length, unnamed.join('; ')).toBeLessThanOrEqual(4);
  });
});
