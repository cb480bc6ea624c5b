// The database stores, for the CLI and for in-process use: an embedded database in a directory,
// or a PostgreSQL server. Both open migrated and seeded once (see open.ts).
import { StoreUnavailableError } from '../../port/errors.js';
import type { SeedOptions } from '../../port/repository.js';
import { openSqlRepository, type OpenedStore } from './open.js';

export { DataDirInUseError } from './lock-file.js';
export { SqlRepository } from './sql-repository.js';
export type { OpenedStore } from './open.js';

/** `--data DIR`: PGlite in DIR, one process at a time (a second one gets DataDirInUseError). */
// each driver loads when its store is asked for: PGlite costs a node-postgres process nothing, and back
export async function openDataDir(dir: string, seed: SeedOptions): Promise<OpenedStore> {
  const { openEmbedded } = await import('./pglite-driver.js');
  const driver = await openEmbedded(dir);
  try {
    return await openSqlRepository(driver, seed);
  } catch (error) {
    await driver.close();
    throw error;
  }
}

/** `--database-url URL`: a pool on a PostgreSQL server, shared with every other process on it. */
export async function openDatabaseUrl(url: string, seed: SeedOptions, options: { waitMs?: number; onWait?: (reason: string) => void } = {}): Promise<OpenedStore> {
  const { openServer } = await import('./pg-driver.js');
  const driver = openServer(url);
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    try {
      return await openSqlRepository(driver, seed);
    } catch (error) {
      // a server still starting (a compose file brings both up at once) is waited for, a while
      if (!isNotReady(error) || Date.now() >= deadline) {
        await driver.close();
        throw error;
      }
      options.onWait?.((error as Error).message);
      // a try a second, the last one at the deadline
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, deadline - Date.now())));
    }
  }
}

function isNotReady(error: unknown): boolean {
  // refused (not listening yet), a name server with no answer yet, PostgreSQL starting up: the
  // driver reports each as an outage; a wrong password or database name is not one, and fails now
  return error instanceof StoreUnavailableError;
}
