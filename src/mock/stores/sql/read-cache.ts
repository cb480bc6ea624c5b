import { isRead } from './availability.js';
import type { SqlDriver } from './driver.js';

/** answers kept at most, each of at most MAX_ROWS rows (a page of a list is at most 100) */
const MAX_ENTRIES = 256;
const MAX_ROWS = 100;

/**
 * Reads answered from memory until the next write, for a database this process alone writes to:
 * the embedded store (its directory is locked to one process, see lock-file.ts). PGlite runs
 * PostgreSQL in WebAssembly on the main thread, several times slower than a server: a list page
 * costs it most of a millisecond, while frontends read the same pages far more often than they
 * write. Any write, whatever it touches, forgets every answer (a generation count), so what is
 * read is what the database holds; rows are shared between callers and never changed by them.
 */
export function cachedReads(driver: SqlDriver): SqlDriver {
  let generation = 0;
  const answers = new Map<string, { generation: number; rows: unknown[] }>();
  const writing = <T>(work: () => Promise<T>): Promise<T> => {
    generation++;
    return work().finally(() => generation++);
  };
  return {
    ...driver,
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      if (!isRead(sql)) return writing(() => driver.query<R>(sql, params));
      // parameters are strings, numbers, booleans, null and arrays of them: JSON tells them apart
      const key = `${sql}\u0000${JSON.stringify(params)}`;
      const known = answers.get(key);
      if (known && known.generation === generation) {
        // most recently used last: the oldest goes first when full
        answers.delete(key);
        answers.set(key, known);
        return known.rows as R[];
      }
      const asked = generation;
      const rows = await driver.query<R>(sql, params);
      if (asked === generation && rows.length <= MAX_ROWS) {
        answers.delete(key);
        answers.set(key, { generation, rows });
        if (answers.size > MAX_ENTRIES) answers.delete(answers.keys().next().value!);
      }
      return rows;
    },
    exec: (sql) => writing(() => driver.exec(sql)),
    transaction: (work) => writing(() => driver.transaction(work)),
  };
}
