// npm run alternatives: the whole matrix. For every decision of the contract, the mock made into an
// implementation that chose otherwise (test/conformance/alternatives), then the whole default run of
// the conformance suite against it over many seeds (it must never fail) and a --strict run (it must
// fail, naming the decision); then every alternative at once. Prints a row per alternative and the
// totals; exits 1 when a default run failed or a --strict run passed.
import { Command } from 'commander';
import { wholeNumber } from '../src/cli/options.js';
import { inferred } from '../src/contract/index.js';
import type { RunSummary } from '../src/conformance/index.js';
import { startAlternatives, type Alternative } from '../test/conformance/alternatives/alternative.js';
import { ALTERNATIVES } from '../test/conformance/alternatives/catalogue.js';
import { runAgainst } from '../test/conformance/helpers.js';

const opts = new Command('alternatives')
  .description('The default and the --strict conformance run against every alternative to the contract’s decisions, and against all at once')
  .option('--seeds <n>', 'default runs per alternative (seeds 1..n)', wholeNumber('--seeds', 1), 20)
  .option('--only <text>', 'alternatives whose title or decision contains this text')
  .parse()
  .opts<{ seeds: number; only?: string }>();

interface Row {
  title: string;
  decision: string;
  /** seeds whose default run failed, and why */
  failedSeeds: string[];
  warned: number;
  strictFailed: boolean;
  named: boolean;
  ms: number;
}

const failures = (s: RunSummary) => s.results.filter((r) => r.outcome === 'failed').map((r) => `${r.id}: ${r.message?.slice(0, 160)}`);
const named = (s: RunSummary, decisions: string[]) => decisions.every((d) => s.decisions.find((x) => x.pointer === inferred(d).pointer)?.verdict === 'contradicted');

async function row(title: string, alternatives: Alternative[]): Promise<Row> {
  const started = Date.now();
  const failedSeeds: string[] = [];
  let warned = 0;
  for (let seed = 1; seed <= opts.seeds; seed++) {
    const summary = await runAgainst(await startAlternatives(alternatives), { strict: false, seed });
    warned += summary.warned;
    const failed = failures(summary);
    if (failed.length) failedSeeds.push(`seed ${seed}: ${failed.join('; ')}`);
  }
  const strict = await runAgainst(await startAlternatives(alternatives), { strict: true, seed: 1 });
  const decisions = alternatives.map((a) => a.decision);
  return { title, decision: decisions.length === 1 ? inferred(decisions[0]!).pointer : `${decisions.length} decisions`, failedSeeds, warned, strictFailed: strict.failed > 0, named: named(strict, decisions), ms: Date.now() - started };
}

function print(r: Row): void {
  const strict = r.strictFailed ? (r.named ? 'fails, naming it' : 'fails, NOT naming it') : 'PASSES';
  console.log(`${r.failedSeeds.length ? 'FAIL' : 'ok  '}  default ${opts.seeds - r.failedSeeds.length}/${opts.seeds} passed (${r.warned} warnings)  strict ${strict}  ${(r.ms / 1000).toFixed(1)} s  ${r.title}`);
  console.log(`      ${r.decision}`);
  for (const f of r.failedSeeds) console.log(`      ${f}`);
}

async function main(): Promise<number> {
  const chosen = ALTERNATIVES.filter((a) => !opts.only || a.title.includes(opts.only) || a.decision.includes(opts.only));
  const observable = chosen.filter((a) => !a.unobservable);
  console.log(`${observable.length} alternatives, ${opts.seeds} default runs each and one --strict run; then all at once`);
  const rows: Row[] = [];
  for (const a of observable) {
    rows.push(await row(a.title, [a]));
    print(rows.at(-1)!);
  }
  for (const a of chosen.filter((x) => x.unobservable)) console.log(`n/a   ${a.title}: not reachable by the suite (${a.unobservable}); proved apart in test/conformance/alternatives.test.ts`);
  const together = await row('every alternative at once', chosen);
  // together, some choices hide others: what --strict must do is fail
  print({ ...together, named: true });
  const defaultFailures = [...rows, together].filter((r) => r.failedSeeds.length).length;
  const strictPasses = rows.filter((r) => !r.strictFailed || !r.named).length + (together.strictFailed ? 0 : 1);
  const runs = (rows.length + 1) * (opts.seeds + 1);
  console.log(`\n${runs} runs: default ${defaultFailures === 0 ? '0 failures' : `${defaultFailures} alternatives failed`} over ${opts.seeds} seeds each; --strict ${strictPasses === 0 ? 'failed against every alternative, naming its decision' : `did not fail (or name the decision) against ${strictPasses}`}`);
  return defaultFailures || strictPasses ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
