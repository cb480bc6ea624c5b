import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { guarded } from './availability.js';
import type { Queryable, SqlDriver } from './driver.js';
import { classifyEmbedded, embeddedFailures } from './failures.js';
import { lockDataDir, type DirLock } from './lock-file.js';
import { cachedReads } from './read-cache.js';
import { migrate } from './migrations.js';
import { PreparedStatements } from './pglite-statements.js';
import { pgliteAssets } from './pglite-warm.js';
import { readTemplate, writeTemplate } from './pglite-template.js';

// PostgreSQL's default 128 MB of shared buffers live inside the WASM heap here: 16 MB keeps the
// process near 200 MB resident, at some cost to large counts. Every statement is prepared once
// (pglite-statements.ts) and planned once, generically. A scan of a heap asks the file for its
// size, and through Emscripten's file system each ask is an fstat of the real file: a sixth of the
// process's time went there on list pages, until the planner was told to prefer an index to a
// sequential scan of a small table (it still scans where no index serves).
const SETTINGS = ['shared_buffers=16MB', 'random_page_cost=1.1', 'plan_cache_mode=force_generic_plan', 'enable_seqscan=off'];
const PARSERS = { 20: Number };

/** The embedded database of `--data DIR`: PGlite in DIR/pglite, guarded by a lock file in DIR. */
export async function openEmbedded(dir: string): Promise<SqlDriver & { created: boolean }> {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  const lock = lockDataDir(root);
  try {
    const data = join(root, 'pglite');
    // written once the database is created and migrated: without it, a creation was interrupted
    const ready = join(root, 'pglite.ready');
    const created = !existsSync(ready);
    let db: PGlite;
    if (created) {
      rmSync(data, { recursive: true, force: true });
      db = await createDatabase(data);
      writeFileSync(ready, new Date().toISOString() + '\n');
    } else {
      const { wasm, fsBundle } = await pgliteAssets();
      db = await PGlite.create(data, { extensions: { pg_trgm }, postgresqlconf: SETTINGS, parsers: PARSERS, pgliteWasmModule: wasm, fsBundle });
    }
    const failures = embeddedFailures(root);
    const writable = () => {
      try {
        failures.precheck!(true);
        return true;
      } catch {
        return false;
      }
    };
    // the guard outside the cache: a read answered from memory still finds its directory there first
    return Object.assign(guarded(cachedReads(pgliteDriver(db, `an embedded database in ${root} (PGlite)`, { lock, writable })), failures), { created });
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * A new database, migrated, in `data` (or in memory). Creating one runs initdb inside WASM, seconds
 * of work that is the same every time: the result is kept as a template (per PGlite version and
 * schema) and later databases are unpacked from it.
 */
async function createDatabase(data?: string): Promise<PGlite> {
  // an in-memory database is one of many a process makes (tests): the template stays in memory
  const template = readTemplate(data === undefined);
  const { wasm, fsBundle } = await pgliteAssets();
  const options = { extensions: { pg_trgm }, postgresqlconf: SETTINGS, parsers: PARSERS, pgliteWasmModule: wasm, fsBundle, ...(template ? { loadDataDir: template } : {}) };
  const db = data === undefined ? await PGlite.create(options) : await PGlite.create(data, options);
  await migrate(pgliteDriver(db, 'a new database'));
  if (!template) {
    await db.exec('CHECKPOINT');
    await writeTemplate(await db.dumpDataDir('none'));
  }
  return db;
}

/** An in-memory PGlite (no directory, no lock): for tests that want a fresh embedded database each. */
export async function openEmbeddedInMemory(): Promise<SqlDriver> {
  return guarded(cachedReads(pgliteDriver(await createDatabase(), 'an in-memory embedded database (PGlite)')), { classify: classifyEmbedded });
}

function queryable(db: PGlite | Transaction, prepared: PreparedStatements, inTransaction: boolean): Queryable {
  return {
    query: <R>(sql: string, params: readonly unknown[] = []) => prepared.query<R>(sql, params, inTransaction),
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
  };
}

function pgliteDriver(db: PGlite, description: string, dir: { lock: DirLock; writable: () => boolean } | undefined = undefined): SqlDriver {
  const prepared = PreparedStatements.for(db);
  return {
    ...queryable(db, prepared, false),
    description,
    // PGlite runs one statement at a time: a transaction holds the database, and any query made
    // outside `tx` meanwhile waits for it
    transaction: (work) => db.transaction((tx) => work(queryable(tx, prepared, true))),
    // one process holds the database: every notification is its own, and none is ever missed
    async listen(channel, onNotify) {
      await db.listen(channel, onNotify);
      return { active: true };
    },
    async close() {
      try {
        // closing writes a checkpoint: on a disk that cannot take it PostgreSQL would PANIC, and
        // PGlite spin forever (see failures.ts); what was written is in the files already
        if (!db.closed && (dir?.writable() ?? true)) await db.close();
      } finally {
        dir?.lock.release();
      }
    },
  };
}
