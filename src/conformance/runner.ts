import { randomBytes } from 'node:crypto';
import { CHECKS } from './checks/index.js';
import { ConformanceFailure, HttpClient, NetworkFailure } from './client.js';
import { RunTracker, cleanUp } from './cleanup.js';
import { selectChecks } from './select.js';
import type { Check, CheckContext, CheckResult, ExchangeRecord, RunSummary } from './types.js';

export interface RunOptions {
  baseUrl: string;
  apiKey: string;
  apiKeyB?: string;
  /** the user that owns apiKey: invitedBy's default is then checked exactly */
  keyOwnerEmail?: string;
  /** failing inferred checks fail the run too */
  strict?: boolean;
  /** only checks that create nothing */
  readOnly?: boolean;
  only?: string[];
  skip?: string[];
  timeoutMs?: number;
  concurrency?: number;
  /** the catalogue (tests pass a subset or their own) */
  checks?: Check[];
  onResult?: (result: CheckResult) => void;
  /** stop starting checks (Ctrl-C); the run still cleans up */
  signal?: AbortSignal;
}

export class TargetError extends Error {}

/** Can the target be reached and does it take the key? Exit 2 otherwise, before any check. */
async function probe(client: HttpClient, which: string): Promise<void> {
  let res;
  try {
    res = await client.get('/v2/contacts?pageSize=1');
  } catch (error) {
    if (error instanceof NetworkFailure) throw new TargetError(`cannot reach ${client.options.baseUrl}: ${error.message}`);
    return; // it answers, but not as the contract says: the checks will report how
  }
  if (res.status === 401 || res.status === 403) throw new TargetError(`${which} was rejected by ${client.options.baseUrl} (${res.status})`);
}

function runId(): string {
  return `cf${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
}

export async function runConformance(options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const client = (apiKey: string | undefined) => new HttpClient({ baseUrl: options.baseUrl, apiKey, timeoutMs });
  const api = client(options.apiKey);
  const apiB = options.apiKeyB ? client(options.apiKeyB) : undefined;
  await probe(api, 'the API key');
  if (apiB) await probe(apiB, 'the second API key');

  const id = runId();
  const tracker = new RunTracker();
  const checks = selectChecks(options.checks ?? CHECKS, options.only, options.skip);
  const results: CheckResult[] = new Array(checks.length);
  let next = 0;

  const runOne = async (check: Check, index: number): Promise<CheckResult> => {
    const base = { id: check.id, title: check.title, provenance: check.provenance, kind: check.kind, operations: check.operations, reference: check.reference };
    if (options.readOnly && check.creates) return { ...base, outcome: 'skipped', message: 'creates data (--read-only)', durationMs: 0 };
    if (check.needs?.includes('keyB') && !apiB) return { ...base, outcome: 'skipped', message: 'needs a second tenant (--api-key-b)', durationMs: 0 };
    if (options.signal?.aborted) return { ...base, outcome: 'skipped', message: 'interrupted', durationMs: 0 };
    const log: ExchangeRecord[] = [];
    const tag = `${id}c${index}-`;
    const ctx: CheckContext = {
      api: api.withLog(log),
      apiB: apiB?.withLog(log),
      anonymous: client(undefined).withLog(log),
      tag,
      keyOwnerEmail: options.keyOwnerEmail?.toLowerCase(),
      email: (label = 'x') => `${tag}${label}@example.com`.toLowerCase(),
      track: {
        contact: (cid) => void (cid && tracker.contacts.add(cid)),
        document: (did) => void (did && tracker.documents.add(did)),
      },
    };
    const t0 = Date.now();
    try {
      await check.run(ctx);
      return { ...base, outcome: 'passed', durationMs: Date.now() - t0 };
    } catch (error) {
      const message = error instanceof ConformanceFailure ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
      const gating = check.provenance === 'documented' || options.strict;
      return { ...base, outcome: gating ? 'failed' : 'warned', message, exchanges: log.slice(-6), durationMs: Date.now() - t0 };
    }
  };

  const worker = async () => {
    while (next < checks.length) {
      const index = next++;
      results[index] = await runOne(checks[index]!, index);
      options.onResult?.(results[index]!);
    }
  };
  let leftDocuments: string[] = [];
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  } finally {
    if (tracker.contacts.size || tracker.documents.size || checks.some((c) => c.creates && !options.readOnly)) {
      const report = await cleanUp(tracker, id, apiB ? [api, apiB] : [api]);
      const ok = report.leftContacts === 0 && !report.searchFailed;
      const cleanup: CheckResult = {
        id: 'cleanup.nothing-left',
        title: 'everything the run created is deleted (a final search for the run id finds nothing)',
        provenance: 'documented',
        kind: 'positive',
        operations: ['bulkDeleteContacts', 'listContacts'],
        outcome: ok ? 'passed' : 'failed',
        message: ok ? undefined : report.searchFailed ? 'the final search for the run id failed' : `${report.leftContacts} contacts of run ${id} are left`,
        durationMs: 0,
      };
      results.push(cleanup);
      options.onResult?.(cleanup);
      leftDocuments = report.leftDocuments;
    }
  }
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  return {
    baseUrl: options.baseUrl,
    runId: id,
    strict: Boolean(options.strict),
    results,
    passed: count('passed'),
    failed: count('failed'),
    warned: count('warned'),
    skipped: count('skipped'),
    leftDocuments,
    durationMs: Date.now() - started,
  };
}
