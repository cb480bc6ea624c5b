import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { GENERIC } from '../../src/conformance/index.js';
import * as variants from './generation-variants.js';
import { runAgainst, startMock } from './helpers.js';

// Bugs only generated requests reach. Each must be caught by the generic check named for it, and the
// hand-written checks alone (every generic check skipped) must let them all through, all seven bugs
// at once: otherwise a variant proves nothing about generation.

type Variant = [name: string, wrap: (app: Express) => Express, caughtBy: string];
const VARIANTS: Variant[] = [
  ['a 500 for a name with an emoji', variants.emojiNameCrashes, GENERIC.serverError],
  ['a 500 for a page above 10,000', variants.deepPageCrashes, GENERIC.serverError],
  ['no answer at all for a search with an emoji', variants.emojiSearchHangsUp, GENERIC.serverError],
  ['a 2xx for a number or a boolean in a text field', variants.coercesScalarsToText, GENERIC.negativeData],
  ['updates to a deleted contact still answer 200', variants.softDelete, GENERIC.useAfterDelete],
  ['a bulk import served without a key', variants.anonymousBulkImport, GENERIC.ignoredAuth],
  ['a 422 for a participant name outside Latin-1', variants.latinOnlyParticipantNames, GENERIC.positiveData],
];

describe('generated requests catch what the hand-written checks miss', () => {
  it.each(VARIANTS)('%s', async (_name, wrap, caughtBy) => {
    const summary = await runAgainst(await startMock({ wrap }), { strict: false, seed: 1, only: [caughtBy] });
    const caught = summary.results.find((r) => r.id === caughtBy)!;
    // each breaks something the reference documents (a number is no full_name: "Type string"): it gates
    expect(caught.outcome, caught.message).toBe('failed');
    const finding = caught.notes![0]!;
    expect(finding.seenIn).toMatch(/^generated: .* \(seed 1\)$/);
    expect(finding.exchange?.request).toBeDefined();
    expect(finding.decision, finding.message).toBeUndefined();
    // a documented type is broken: the finding quotes the reference's words for it
    if (caughtBy === GENERIC.negativeData) expect(finding.reference, finding.message).toMatch(/Type string/);
  });

  it('the hand-written checks alone miss every one of them', async () => {
    const everyBug = (app: Express) => VARIANTS.reduce((inner, [, wrap]) => wrap(inner), app);
    const handWritten = await runAgainst(await startMock({ wrap: everyBug }), { skip: ['generic'] });
    expect(handWritten.results.filter((r) => r.outcome !== 'passed').map((r) => `${r.id}: ${r.message}`)).toEqual([]);
    // and with the generic checks, each is still caught among the others
    const all = await runAgainst(await startMock({ wrap: everyBug }), { seed: 1, only: ['generic'], strict: false });
    for (const [name, , caughtBy] of VARIANTS) expect(all.results.find((r) => r.id === caughtBy)!.outcome, name).toBe('failed');
  });

  it('shrinks a failure to a minimal request', async () => {
    // (that a seed draws the same requests again is suite.test.ts's)
    const summary = await runAgainst(await startMock({ wrap: variants.emojiNameCrashes }), { seed: 3, only: [GENERIC.serverError] });
    const finding = summary.results[0]!.notes![0]!;
    const first = `${finding.exchange!.request.url} ${JSON.stringify(finding.exchange!.request.body)}`;
    const minimal = JSON.parse(first.slice(first.indexOf(' ') + 1)) as Record<string, unknown>;
    // the emoji alone in one name field, and nothing the failure does not need
    expect(first).toMatch(/^\/v2\/contacts(\/bulk)? /);
    const item = (Array.isArray(minimal.contacts) ? minimal.contacts[0] : minimal) as Record<string, unknown>;
    const names = Object.entries(item).filter(([key]) => ['full_name', 'fullName', 'name'].includes(key));
    expect(names.map(([, value]) => [...String(value)].length)).toEqual([1]);
    expect(Object.keys(item).length).toBeLessThanOrEqual(2);
  });
});
