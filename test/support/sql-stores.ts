import type { SqlDriver } from '../../src/mock/stores/sql/driver.js';
import { openServer } from '../../src/mock/stores/sql/pg-driver.js';
import { openEmbeddedInMemory } from '../../src/mock/stores/sql/pglite-driver.js';
import { freshDatabase } from './postgres.js';

/** The two database stores a test runs on, each opened fresh: PGlite in memory, and a new database on the run's PostgreSQL server (drop it with dropDatabases). */
export const SQL_STORES: [string, () => Promise<SqlDriver>][] = [
  ['embedded (PGlite)', openEmbeddedInMemory],
  ['PostgreSQL', async () => openServer(await freshDatabase())],
];
