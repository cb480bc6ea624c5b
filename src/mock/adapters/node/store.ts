import type { Repository, SeedOptions } from '../../port/repository.js';
import { redactUrl } from '../../stores/sql/url.js';
import type { CliOptions } from './cli-options.js';

/** The store the CLI runs on, and what the banner says of it. */
export interface CliStore {
  /** undefined: the default in-memory store, made by the engine */
  repository: Repository | undefined;
  /** one line for the banner: which store, seeded now or kept from an earlier run */
  banner: string;
  /** after the server has drained: the pool or the embedded database closes, the data directory is free */
  close(): Promise<void>;
}

/**
 * Memory unless --data or --database-url says otherwise. The database stores load only then:
 * PGlite and node-postgres cost the default start nothing.
 */
export async function openCliStore(o: CliOptions, seed: SeedOptions, say: (line: string) => void): Promise<CliStore> {
  if (!o.data && !o.databaseUrl) {
    return { repository: undefined, banner: `store: memory, seeded with ${o.contacts} contacts per tenant (gone when the process stops; --data DIR keeps it)`, close: async () => {} };
  }
  const sql = await import('../../stores/sql/index.js');
  const opened = o.data
    ? await sql.openDataDir(o.data, seed)
    : await sql.openDatabaseUrl(o.databaseUrl!, seed, { waitMs: o.databaseWaitSeconds * 1000, onWait: (why) => say(`waiting for PostgreSQL at ${redactUrl(o.databaseUrl!)}: ${why}`) });
  const what = opened.repository.driver.description;
  const state = opened.seeded ? `seeded with ${o.contacts} contacts per tenant (seed ${o.seed})` : `kept ${opened.contacts} contacts from an earlier run`;
  return { repository: opened.repository, banner: `store: ${what}, ${state}`, close: () => opened.repository.close() };
}
