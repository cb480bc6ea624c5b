import type { PoolUsage, StoreHealth } from '../../port/repository.js';

/** Something SQL runs on: the pool or embedded database itself, or one transaction of it. */
export interface Queryable {
  /** one statement, `$1`-style parameters; rows as objects keyed by column name */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** several statements, no parameters (migrations) */
  exec(sql: string): Promise<void>;
}

/**
 * The little the SQL store needs from a database: statements, transactions, scripts. Two drivers
 * implement it, PGlite (embedded, one process) and node-postgres (a server shared by processes);
 * both speak PostgreSQL, so the store above them is one.
 */
export interface SqlDriver extends Queryable {
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when
   * it throws. Statements inside must go through `tx` (PGlite queues everything else behind it).
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` on every NOTIFY on `channel`, from any process on the database. `active` is
   * false while notifications may be missed (a lost connection): nothing may then be cached on
   * their strength.
   */
  listen(channel: string, onNotify: () => void): Promise<{ readonly active: boolean }>;
  close(): Promise<void>;
  /** for the banner: where the data lives */
  readonly description: string;
  /** whether the database answers: outages as they start and end, and a probe for readiness */
  readonly health?: StoreHealth;
  /** the connections of a pool (a server's driver) */
  pool?(): PoolUsage;
}
