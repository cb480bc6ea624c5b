import { ConformanceFailure, NetworkFailure, type HttpClient } from '../http/client.js';
import { inferred } from '../../contract/index.js';
import type { DecisionLedger } from '../contract/ledger.js';
import { inScope, type AssertionScope } from '../checks/expect.js';
import type { RunTracker } from './cleanup.js';
import { notesSummary } from '../reporters/failure-text.js';
import type { Check, CheckContext, CheckResult, ExchangeRecord } from '../types.js';

export interface HandWrittenRun {
  checks: Check[];
  runId: string;
  api: HttpClient;
  apiB: HttpClient | undefined;
  anonymous: HttpClient;
  keyOwnerEmail?: string;
  strict: boolean;
  readOnly: boolean;
  concurrency: number;
  signal?: AbortSignal;
  tracker: RunTracker;
  ledger: DecisionLedger;
  onResult?: (result: CheckResult) => void;
}

async function runOne(run: HandWrittenRun, check: Check, index: number): Promise<CheckResult> {
  const decision = check.decision ? inferred(check.decision) : undefined;
  const { run: _run, needs: _needs, creates: _creates, decision: _pointer, ...described } = check;
  const base = { ...described, origin: 'hand-written' as const, ...(decision ? { decision } : {}) };
  if (run.readOnly && check.creates) return { ...base, outcome: 'skipped', message: 'creates data (--read-only)', durationMs: 0 };
  if (check.needs?.includes('keyB') && !run.apiB) return { ...base, outcome: 'skipped', message: 'needs a second tenant (--api-key-b)', durationMs: 0 };
  if (run.signal?.aborted) return { ...base, outcome: 'skipped', message: 'interrupted', durationMs: 0 };
  const log: ExchangeRecord[] = [];
  const tag = `${run.runId}c${index}-`;
  const ctx: CheckContext = {
    api: run.api.withLog(log, check.id),
    apiB: run.apiB?.withLog(log, check.id),
    anonymous: run.anonymous.withLog(log, check.id),
    tag,
    keyOwnerEmail: run.keyOwnerEmail?.toLowerCase(),
    email: (label = 'x') => `${tag}${label}@example.com`.toLowerCase(),
    track: run.tracker,
  };
  const scope: AssertionScope = { basis: decision ?? 'documented', log, notes: [], ledger: run.ledger, seenIn: check.id };
  const t0 = Date.now();
  const done = (outcome: CheckResult['outcome'], message?: string): CheckResult => ({
    ...base,
    outcome,
    message,
    ...(scope.notes.length ? { notes: scope.notes } : {}),
    ...(outcome === 'passed' ? {} : { exchanges: log.slice(-6) }),
    durationMs: Date.now() - t0,
  });
  try {
    await inScope(scope, () => check.run(ctx));
  } catch (error) {
    // no answer, or the suite's own bug: the check could not judge the target, which is no finding
    if (error instanceof NetworkFailure) return done('errored', `no answer: ${error.message}`);
    if (!(error instanceof ConformanceFailure)) return done('errored', `the suite's own error: ${(error as Error)?.stack ?? String(error)}`);
    const message = error.message;
    // an inferred check that breaks off rests on its decision as a whole
    if (!decision) return done('failed', message);
    scope.notes.push({ assertion: check.title, message, decision, exchange: log.at(-1), seenIn: check.id });
    run.ledger.contradict(decision, { message, seenIn: check.id, exchange: log.at(-1) });
  }
  if (scope.notes.length === 0) return done('passed');
  return done(run.strict ? 'failed' : 'warned', notesSummary(scope.notes));
}

/** The catalogue's hand-written checks, at most `concurrency` at once, in catalogue order. */
export async function runHandWritten(run: HandWrittenRun): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(run.checks.length);
  let next = 0;
  const worker = async () => {
    while (next < run.checks.length) {
      const index = next++;
      results[index] = await runOne(run, run.checks[index]!, index);
      run.onResult?.(results[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, run.concurrency) }, worker));
  return results;
}
