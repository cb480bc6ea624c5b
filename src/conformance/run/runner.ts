import { randomBytes, randomInt } from 'node:crypto';
import { CLEANUP, catalogue, cleanupResult } from './catalogue.js';
import { CHECKS } from '../checks/index.js';
import { HttpClient, type Observer } from '../http/client.js';
import { RunTracker, cleanUp } from './cleanup.js';
import { allDecisions } from '../../contract/index.js';
import { DecisionLedger } from '../contract/ledger.js';
import { Coverage } from './coverage.js';
import { generate } from '../generate/engine.js';
import { GENERIC_CHECKS, GENERIC, type GenericId } from '../generic/registry.js';
import { FindingBook } from '../generic/findings.js';
import { Dispatcher } from '../generic/dispatcher.js';
import { runHandWritten } from './handwritten.js';
import { selectChecks } from './select.js';
import { probeTarget } from './target.js';
import type { FetchTarget } from '../http/client.js';
import type { Check, CheckResult, RunSummary } from '../types.js';

export { TargetError } from './target.js';

export interface RunOptions {
  baseUrl: string;
  apiKey: string;
  apiKeyB?: string;
  /** the user that owns apiKey: invitedBy's default is then checked exactly */
  keyOwnerEmail?: string;
  /** failing inferred assertions fail the run too */
  strict?: boolean;
  /** only what creates nothing: reads, and no stateful generation */
  readOnly?: boolean;
  only?: string[];
  skip?: string[];
  /** generated requests per operation (default 10; 0 turns generation off) */
  generate?: number;
  /** seed of the generation (default: random, and reported) */
  seed?: number;
  /** generate requests to these operations only (by operationId; default every one) */
  operations?: string[];
  timeoutMs?: number;
  concurrency?: number;
  /**
   * A target in this process instead of the network: every request goes to this function (a
   * fetch handler: the mock's `fetchHandler`, a fetch-based server's `app.fetch`), with its URL under
   * `baseUrl`. An error Response (`Response.error()`) is a network error, as from a service worker.
   */
  fetch?: FetchTarget;
  /** the hand-written catalogue (tests pass a subset or their own) */
  checks?: Check[];
  onResult?: (result: CheckResult) => void;
  /** once the target is probed, before any check: the run id and the seed, for people watching */
  onStart?: (run: { runId: string; seed: number; generate: number }) => void;
  /** stop starting checks (Ctrl-C); the run still cleans up */
  signal?: AbortSignal;
}

export const DEFAULT_GENERATE = 10;

function runId(): string {
  return `cf${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
}

function notExercised(id: GenericId, generateN: number, readOnly: boolean, aborted: boolean): string {
  if (aborted) return 'interrupted before it saw anything';
  if (generateN === 0 && id !== GENERIC.serverError) return 'nothing to check: generation is off (--generate 0)';
  if (readOnly && id === GENERIC.useAfterDelete) return 'deletes what it creates (--read-only)';
  return 'nothing it applies to was sent';
}

export async function runConformance(options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const strict = Boolean(options.strict);
  const readOnly = Boolean(options.readOnly);
  const perOperation = options.generate ?? DEFAULT_GENERATE;
  const seed = options.seed ?? randomInt(2 ** 31);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);

  const selected = selectChecks(catalogue(options.checks ?? CHECKS), options.only, options.skip);
  const ids = new Set(selected.map((e) => e.id));
  const isSelected = (id: GenericId) => ids.has(id);
  const ledger = new DecisionLedger();
  const book = new FindingBook();
  const coverage = new Coverage();
  const dispatcher = new Dispatcher(isSelected, book, ledger);
  const observe: Observer = (record, body) => {
    coverage.see(record);
    return dispatcher.inspect(record, body);
  };
  const client = (apiKey: string | undefined, observed = true) =>
    new HttpClient({ baseUrl: options.baseUrl, apiKey, timeoutMs, observe: observed ? observe : undefined, fetch: options.fetch });
  await probeTarget(client(options.apiKey, false), 'the API key');
  if (options.apiKeyB) await probeTarget(client(options.apiKeyB, false), 'the second API key');

  const id = runId();
  const tracker = new RunTracker();
  const api = client(options.apiKey);
  const apiB = options.apiKeyB ? client(options.apiKeyB) : undefined;
  const handWritten = (options.checks ?? CHECKS).filter((c) => ids.has(c.id));
  const generic = GENERIC_CHECKS.filter((e) => ids.has(e.id));
  options.onStart?.({ runId: id, seed, generate: generic.length ? perOperation : 0 });
  const results: CheckResult[] = [];
  let leftDocuments: string[] = [];
  try {
    results.push(
      ...(await runHandWritten({
        checks: handWritten,
        runId: id,
        api,
        apiB,
        anonymous: client(undefined),
        keyOwnerEmail: options.keyOwnerEmail,
        strict,
        readOnly,
        concurrency,
        signal: options.signal,
        tracker,
        ledger,
        onResult: options.onResult,
      })),
    );
    // the generation stopped by the suite's own error: its checks could not judge the target
    let generationError: string | undefined;
    if (generic.length && perOperation > 0 && !options.signal?.aborted) {
      await generate({
        api,
        anonymous: client(undefined),
        runId: id,
        seed,
        perOperation,
        ...(options.operations ? { operations: new Set(options.operations) } : {}),
        readOnly,
        strict,
        concurrency,
        signal: options.signal,
        judge: dispatcher,
        track: tracker,
      }).catch((error: unknown) => {
        generationError = `the generation stopped on the suite's own error: ${(error as Error)?.stack ?? String(error)}`;
      });
    }
    for (const entry of generic) {
      const judged = book.result(entry, strict, notExercised(entry.id as GenericId, perOperation, readOnly, Boolean(options.signal?.aborted)));
      const result: CheckResult = generationError && judged.outcome !== 'failed' ? { ...judged, outcome: 'errored', message: generationError } : judged;
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    const created = tracker.contacts.size > 0 || tracker.documents.size > 0 || handWritten.some((c) => c.creates && !readOnly);
    const named = options.only?.some((p) => CLEANUP.id.startsWith(p));
    if (created || named) {
      const report = await cleanUp(tracker, id, apiB ? [client(options.apiKey, false), client(options.apiKeyB, false)] : [client(options.apiKey, false)]);
      leftDocuments = report.leftDocuments;
      // checked whenever the run created something (a real tenant must be left as it was), unless --skip names it
      if (!options.skip?.some((p) => CLEANUP.id.startsWith(p))) {
        const cleanup = cleanupResult(report, id);
        results.push(cleanup);
        options.onResult?.(cleanup);
      }
    }
  }
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  return {
    baseUrl: options.baseUrl,
    runId: id,
    strict,
    seed,
    generate: generic.length ? perOperation : 0,
    results,
    passed: count('passed'),
    failed: count('failed'),
    warned: count('warned'),
    errored: count('errored'),
    skipped: count('skipped'),
    coverage: coverage.rows(),
    decisions: ledger.report(allDecisions()),
    leftDocuments,
    durationMs: Date.now() - started,
  };
}
