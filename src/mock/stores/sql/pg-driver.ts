import { createHash } from 'node:crypto';
import pg from 'pg';
import { guarded } from './availability.js';
import type { Queryable, SqlDriver } from './driver.js';
import { serverFailures } from './failures.js';
import { redactUrl } from './url.js';

// bigint counts and sequences as numbers (they stay far below 2^53 here); the rest as node-postgres parses them
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

// a transaction that lost a deadlock or a serialization check did nothing: it is run again
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;
const CONNECT_TIMEOUT_MS = 5000;
// a write waits for the server's commit to reach its disk: twenty in flight let the server flush
// them together, where ten queued the rest behind them (two replicas and their listeners still
// use well under PostgreSQL's default of 100 connections)
const DEFAULT_POOL = 20;

export interface ServerOptions {
  /** connections in the pool (default 20) */
  max?: number;
}

/** PostgreSQL through a node-postgres pool: `--database-url`, several mock processes on one database. */
export function openServer(url: string, options: ServerOptions = {}): SqlDriver {
  // generic plans: each statement is planned once per connection, not at every run (the server's
  // default re-planned a list page each time, 60% more work; the statements' plans do not depend
  // on their values)
  // a server that does not accept a connection within the timeout is an outage (503), not a request left hanging
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? DEFAULT_POOL, types, options: '-c plan_cache_mode=force_generic_plan', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  const listeners: (() => Promise<void>)[] = [];
  // an idle connection the server drops (restart, network) must not crash the process: the pool
  // replaces it, and the next query reports what is wrong
  pool.on('error', () => {});
  const on = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      for (let attempt = 1; ; attempt++) {
        try {
          // a statement with parameters is prepared once per connection and named by its text:
          // the server parses and plans it once (the queries here are few, their texts fixed)
          const query = params ? { name: statementName(sql), text: sql, values: params as unknown[] } : sql;
          return (await client.query(query)).rows as R[];
        } catch (error) {
          // a statement of its own that lost a deadlock (to a reset's TRUNCATE) changed nothing: run
          // it again; inside a transaction the whole transaction is what runs again
          if (client !== pool || attempt === ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
        }
      }
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  });
  return guarded({
    ...on(pool),
    description: `PostgreSQL at ${redactUrl(url)}`,
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          await client.query('BEGIN');
          const result = await work(on(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          // a connection that cannot even roll back is dropped, not handed to the next caller
          await client.query('ROLLBACK').catch((e: Error) => (broken = e));
          if (attempt < ATTEMPTS && RETRYABLE.has((error as { code?: string }).code ?? '')) continue;
          throw error;
        } finally {
          client.release(broken);
        }
      }
    },
    listen: (channel, onNotify) => listener(url, channel, onNotify, listeners),
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max }),
    async close() {
      for (const stop of listeners.splice(0)) await stop();
      await pool.end();
    },
  }, serverFailures);
}

const names = new Map<string, string>();

function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) names.set(sql, (name = `allsign_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`));
  return name;
}

/**
 * A connection of its own that LISTENs, and comes back when it is lost: inactive (and every
 * notification presumed missed) until it listens again.
 */
async function listener(url: string, channel: string, onNotify: () => void, stops: (() => Promise<void>)[]): Promise<{ readonly active: boolean }> {
  const state = { active: false };
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', () => onNotify());
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (closed) return void (await c.end());
    client = c;
    state.active = true;
    // whatever changed while nobody listened
    onNotify();
  };
  const reconnect = () => {
    retry = setTimeout(() => void connect().catch(reconnect), 1000);
    retry.unref();
  };
  const lost = (c: pg.Client) => {
    if (client !== c || closed) return;
    client = undefined;
    state.active = false;
    onNotify();
    reconnect();
  };
  stops.push(async () => {
    closed = true;
    clearTimeout(retry);
    state.active = false;
    await client?.end().catch(() => {});
  });
  await connect();
  return state;
}
