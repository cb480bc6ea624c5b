import fc from 'fast-check';
import { acceptancesIn, type Operation } from '../../contract/index.js';
import { NetworkFailure, type Answer } from '../http/client.js';
import { mutationsOf, setAt } from './mutations.js';
import type { PropertyRun } from './property-run.js';
import { bodySchemaOf, isValid, validCases, type RequestCase } from './requests.js';

/** Valid requests each pass starts from: their union reaches the optional fields too. */
const BASES = 8;
/** Requests one operation's pass may send at most. */
const BUDGET = 120;
const shape = (at: (string | number)[]) => at.map((s) => (typeof s === 'number' ? '*' : s)).join('.');

/**
 * The deterministic pass of the generation, before the random one: per operation, each keyword of
 * the contract broken once (on valid requests drawn from the seed), and each acceptance the contract
 * decided exercised once (an empty list where no minimum is set, a null where null is inferred).
 * Every constraint and every decision a request can meet is met in every run, whatever the draws.
 */
export async function eachConstraintOnce(run: PropertyRun, op: Operation): Promise<void> {
  const { judge } = run.options;
  const bases = fc.sample(validCases(op, run.values), { seed: run.seed, numRuns: BASES });
  const seen = new Set<string>();
  const sends: [RequestCase, (res: Answer) => unknown][] = [];
  for (const base of bases) {
    for (const mutation of mutationsOf(op, base, run.tag)) {
      const key = `${mutation.location} ${mutation.keyword} ${shape(mutation.at)} ${mutation.site.node}`;
      const c = mutation.apply(base);
      if (seen.has(key) || isValid(op, c)) continue;
      seen.add(key);
      sends.push([c, (res) => judge.negative(op, mutation, res, res.exchange)]);
    }
    const root = bodySchemaOf(op);
    if (!root || base.body === undefined) continue;
    for (const place of acceptancesIn(root.pointer, base.body).places) {
      const key = `accept ${place.decision.pointer} ${shape(place.at)}`;
      const c = { ...base, body: setAt(base.body, place.at, place.value) };
      if (seen.has(key) || !isValid(op, c)) continue;
      seen.add(key);
      sends.push([c, (res) => judge.positive(op, c, res, res.exchange)]);
    }
  }
  for (const [c, judged] of sends.slice(0, BUDGET)) {
    if (run.options.signal?.aborted) return;
    try {
      judged(await run.send(op, c));
    } catch (error) {
      if (!(error instanceof NetworkFailure)) throw error;
      // no answer: the server may be down; one finding, and this operation's pass ends
      judge.noAnswer(op, error.exchange);
      return;
    }
  }
}
