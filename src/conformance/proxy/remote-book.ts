import { Worker } from 'node:worker_threads';
import type { FailOn, FindingGroup, TrafficReport } from '../traffic/book.js';
import type { Exchange } from '../traffic/exchange.js';

export type Tally = { exchanges: number; documented: number; inferred: number; gap: number; client: number; difference: number; unanswered: number };

export type JudgeRequest =
  | { type: 'add'; exchange: Exchange }
  | { type: 'judge'; id: number; exchange: Exchange }
  | { type: 'report'; id: number; failOn: FailOn }
  | { type: 'tally'; id: number };
export type JudgeReply =
  | { type: 'added' }
  | { type: 'judged'; id: number; groups: FindingGroup[] }
  | { type: 'report'; id: number; report: TrafficReport }
  | { type: 'tally'; id: number; tally: Tally };

/** Exchanges waiting for the validator past this are counted and not judged: a proxy under more load than it can judge stays bounded. */
const MAX_PENDING = 5_000;

/**
 * The traffic book of the proxy, kept in a worker thread: exchanges go there to be judged, reports
 * come back. `add` never blocks the forwarding thread; `judge` (annotate, enforce) waits for the verdict.
 */
export class RemoteBook {
  private readonly worker: Worker;
  private pending = 0;
  private nextId = 0;
  private readonly waiting = new Map<number, (reply: JudgeReply) => void>();
  /** exchanges not judged because the validator was behind (or had stopped) */
  notJudged = 0;
  /** why the validator stopped, if it did (a bug of ours: the report cannot be trusted then) */
  failure: Error | undefined;

  constructor(options: { source: string; pii: boolean; basePath?: string }) {
    const here = import.meta.url;
    if (here.endsWith('.ts')) {
      // run from source (tests, npm run conformance): the worker registers tsx before loading the TypeScript
      const entry = JSON.stringify(new URL('./judge-worker.ts', here).href);
      this.worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`, { eval: true, workerData: options });
    } else {
      this.worker = new Worker(new URL('./judge-worker.js', here), { workerData: options });
    }
    this.worker.unref();
    this.worker.on('error', (error) => {
      // the proxy keeps forwarding; what it can no longer judge is counted, and the report says why
      this.failure = error;
      for (const resolve of this.waiting.values()) resolve({ type: 'judged', id: -1, groups: [] });
      this.waiting.clear();
      this.pending = 0;
    });
    this.worker.on('message', (reply: JudgeReply) => {
      if (reply.type === 'added') return void this.pending--;
      if (reply.type === 'judged') this.pending--;
      const resolve = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      resolve?.(reply);
    });
  }

  private ask<T extends JudgeReply>(request: JudgeRequest & { id: number }): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.set(request.id, resolve as (r: JudgeReply) => void);
      this.worker.postMessage(request);
    });
  }

  add(exchange: Exchange): void {
    if (this.pending >= MAX_PENDING || this.failure) {
      this.notJudged++;
      return;
    }
    this.pending++;
    this.worker.postMessage({ type: 'add', exchange } satisfies JudgeRequest);
  }

  async judge(exchange: Exchange): Promise<FindingGroup[]> {
    if (this.failure) return [];
    this.pending++;
    return (await this.ask<Extract<JudgeReply, { type: 'judged' }>>({ type: 'judge', id: this.nextId++, exchange })).groups;
  }

  async report(failOn: FailOn): Promise<TrafficReport> {
    if (this.failure) throw new Error(`the validator stopped: ${this.failure.message}`);
    const { report } = await this.ask<Extract<JudgeReply, { type: 'report' }>>({ type: 'report', id: this.nextId++, failOn });
    return { ...report, notJudged: this.notJudged };
  }

  async tally(): Promise<Tally & { notJudged: number }> {
    if (this.failure) throw new Error(`the validator stopped: ${this.failure.message}`);
    const { tally } = await this.ask<Extract<JudgeReply, { type: 'tally' }>>({ type: 'tally', id: this.nextId++ });
    return { ...tally, notJudged: this.notJudged };
  }

  /** Resolves once the backlog is below `limit`: a reader that must not drop anything waits here (the HAR validator). */
  async room(limit = MAX_PENDING / 5): Promise<void> {
    while (this.pending >= limit && !this.failure) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  /** Resolves once every exchange sent so far is judged (the report at stop counts them all). */
  async drained(): Promise<void> {
    while (this.pending > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
