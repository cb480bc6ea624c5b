import { StoreUnavailableError } from '../../port/errors.js';
import type { AvailabilityChange, StoreHealth } from '../../port/repository.js';
import type { SqlDriver } from './driver.js';

/** How a driver tells an outage from a statement's own failure, and what it refuses before running. */
export interface FailureRules {
  /** the driver's error as an outage; undefined when the statement itself failed (a constraint, a bug) */
  classify(error: unknown): StoreUnavailableError | undefined;
  /** throws StoreUnavailableError for what the store must not even try (the embedded store: a write to a disk that cannot take it) */
  precheck?(write: boolean): void;
}

/** a readiness probe that takes longer than this is an answer too: not ready */
const PROBE_TIMEOUT_MS = 2000;
/** while down, how often the store is tried again (so the end of an outage is seen without traffic) */
const RETRY_MS = 1000;

/**
 * The state of one store: up, or down since a moment for a reason. Every statement reports to it;
 * listeners hear once when an outage starts and once when it ends, however many statements failed.
 */
export class Availability implements StoreHealth {
  private outage: { since: number; error: StoreUnavailableError; retry: NodeJS.Timeout } | undefined;
  private readonly listeners: ((change: AvailabilityChange) => void)[] = [];
  private readonly refused = { unavailable: 0, full: 0 };
  private downMs = 0;

  constructor(
    private readonly ping: () => Promise<void>,
    private readonly precheck: ((write: boolean) => void) | undefined,
  ) {}

  watch(listener: (change: AvailabilityChange) => void): void {
    this.listeners.push(listener);
  }

  async probe(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new StoreUnavailableError({ detail: 'The store does not answer', reason: `no answer to a probe within ${PROBE_TIMEOUT_MS} ms` });
        this.failed(error);
        reject(error);
      }, PROBE_TIMEOUT_MS);
    });
    try {
      // the ping's own failure is reported where every statement's is
      await Promise.race([this.ping(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  stats(): { up: boolean; refused: { unavailable: number; full: number }; downSeconds: number } {
    const ongoing = this.outage ? performance.now() - this.outage.since : 0;
    return { up: !this.outage, refused: { ...this.refused }, downSeconds: (this.downMs + ongoing) / 1000 };
  }

  failed(error: StoreUnavailableError): void {
    this.refused[error.full ? 'full' : 'unavailable']++;
    if (this.outage) return;
    const retry = setInterval(() => void this.retry(), RETRY_MS);
    retry.unref();
    this.outage = { since: performance.now(), error, retry };
    this.emit({ available: false, error });
  }

  /** A statement went through; a write-only outage (a full or read-only disk) ends only with a write. */
  succeeded(write: boolean): void {
    if (!this.outage || (this.outage.error.writesOnly && !write)) return;
    const { since, retry } = this.outage;
    clearInterval(retry);
    this.outage = undefined;
    const downMs = performance.now() - since;
    this.downMs += downMs;
    this.emit({ available: true, downMs });
  }

  private retrying = false;

  private async retry(): Promise<void> {
    const outage = this.outage;
    if (!outage || this.retrying) return;
    this.retrying = true;
    try {
      if (outage.error.writesOnly) {
        // a disk that refused writes is checked without writing; a database server's full disk, only by a write that succeeds
        if (!this.precheck) return;
        this.precheck(true);
        this.succeeded(true);
      } else {
        await this.probe();
      }
    } catch {
      // still down
    } finally {
      this.retrying = false;
    }
  }

  private emit(change: AvailabilityChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // a listener's failure is not the store's
      }
    }
  }
}

/** Statements that change nothing on disk: everything else counts as a write. */
export function isRead(sql: string): boolean {
  return /^\s*(SELECT|SHOW)\b/i.test(sql) && !/\bFOR (UPDATE|SHARE)\b|\bpg_notify\b|\bnextval\b/i.test(sql);
}

/**
 * The driver with its failures sorted: an outage becomes a StoreUnavailableError (the engine's 503
 * or 507) and is reported to the store's Availability; what the statement itself did wrong passes
 * through unchanged.
 */
export function guarded(driver: SqlDriver, rules: FailureRules): SqlDriver & { health: Availability } {
  const health: Availability = new Availability(async () => {
    await run(false, () => driver.query('SELECT 1'));
  }, rules.precheck);
  async function run<T>(write: boolean, work: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      rules.precheck?.(write);
      result = await work();
    } catch (error) {
      const outage = error instanceof StoreUnavailableError ? error : rules.classify(error);
      if (!outage) {
        // the store answered, with a refusal of this statement
        health.succeeded(false);
        throw error;
      }
      health.failed(outage);
      throw outage;
    }
    health.succeeded(write);
    return result;
  }
  return {
    description: driver.description,
    health,
    ...(driver.pool ? { pool: driver.pool } : {}),
    query: (sql, params) => run(!isRead(sql), () => driver.query(sql, params)),
    exec: (sql) => run(true, () => driver.exec(sql)),
    transaction: (work) => run(true, () => driver.transaction(work)),
    listen: (channel, onNotify) => run(false, () => driver.listen(channel, onNotify)),
    close: () => driver.close(),
  };
}
