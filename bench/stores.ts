// The database stores in the benchmark: a PostgreSQL server for the run (durable, as a shared
// sandbox's would be), a database per mock started on it, and data directories for the embedded one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, startPostgres, type PostgresServer } from '../scripts/postgres-server.js';

export interface StoreFixtures {
  /** a new, empty database on the run's server: its URL */
  database(): Promise<string>;
  /** a new, empty directory for --data */
  directory(): string;
  stop(): Promise<void>;
}

export async function storeFixtures(): Promise<StoreFixtures> {
  const server: PostgresServer = await startPostgres({ durable: true });
  const dirs: string[] = [];
  let made = 0;
  return {
    async database() {
      return createDatabase(server.url('postgres'), `bench_${++made}`);
    },
    directory() {
      const dir = mkdtempSync(join(tmpdir(), 'allsign-bench-data-'));
      dirs.push(dir);
      return dir;
    },
    async stop() {
      await server.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
