import { accessSync, constants, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StoreUnavailableError } from '../../port/errors.js';
import type { FailureRules } from './availability.js';

interface DriverError {
  code?: unknown;
  errno?: unknown;
  name?: unknown;
  message?: unknown;
}

const said = (error: DriverError) => `${typeof error.code === 'string' ? `${error.code} ` : ''}${String(error.message ?? error)}`;

// SQLSTATE classes and codes that say the server, not the statement, failed: connection exceptions
// (08), the server shutting down, crashed or starting (57P01-57P03), out of resources (53000,
// 53200, 53300: too many connections), system and I/O errors (58), a standby that cannot write (25006)
const SERVER_DOWN = /^(08...|57P0[1-3]|53000|53200|53300|58...|25006)$/;
const DISK_FULL = '53100';
// what node-postgres and the socket under it say when there is no server to talk to
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const LOST = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end/i;

/** A PostgreSQL server (--database-url): down, unreachable, starting, out of connections or of disk. */
export const serverFailures: FailureRules = {
  classify(e) {
    const error = (e ?? {}) as DriverError;
    const code = typeof error.code === 'string' ? error.code : '';
    if (code === DISK_FULL) return new StoreUnavailableError({ detail: 'The store (PostgreSQL) has no disk space left: writes are refused', reason: said(error), full: true });
    if (code === '25006') return new StoreUnavailableError({ detail: 'The store (PostgreSQL) is read-only: writes are refused', reason: said(error), writesOnly: true });
    if (SERVER_DOWN.test(code) || NETWORK.has(code) || LOST.test(String(error.message ?? ''))) {
      return new StoreUnavailableError({ detail: 'The store (PostgreSQL) does not answer', reason: said(error) });
    }
    return undefined;
  },
};

/** Under this much free space the embedded store refuses writes: a full disk would stop it for good. */
export const EMBEDDED_MIN_FREE_BYTES = 64 * 2 ** 20;

const mib = (bytes: number) => `${Math.floor(bytes / 2 ** 20)} MiB`;

/**
 * The embedded store (--data DIR). PGlite survives a disk error in a table's file (PostgreSQL's
 * ERROR: 53100, 58P01, 42501…), but not one while it writes its log: PostgreSQL PANICs there, and
 * PGlite 0.5 then spins forever on the main thread, so the whole process stops answering. Hence a
 * check before each statement, a few system calls: the data directory is still the one opened, and
 * a write finds it writable and the disk with room to spare.
 */
export function embeddedFailures(root: string, minFreeBytes = EMBEDDED_MIN_FREE_BYTES): FailureRules {
  const data = join(root, 'pglite');
  const wal = join(data, 'pg_wal');
  const opened = statSync(data).ino;
  const unusable = (reason: string) =>
    new StoreUnavailableError({ detail: 'The store (embedded database) cannot use its data directory: it was removed or replaced while the mock ran; restart the mock', reason });
  return {
    precheck(write) {
      let ino: number | undefined;
      try {
        ino = statSync(data).ino;
      } catch (error) {
        throw unusable(`${data}: ${said(error as DriverError)}`);
      }
      if (ino !== opened) throw unusable(`${data} is not the directory opened at start`);
      if (!write) return;
      try {
        accessSync(wal, constants.W_OK);
      } catch (error) {
        throw new StoreUnavailableError({ detail: 'The store (embedded database) cannot write: its data directory is read-only', reason: `${wal}: ${said(error as DriverError)}`, writesOnly: true });
      }
      const { bavail, bsize } = statfsSync(root);
      if (bavail * bsize < minFreeBytes) {
        throw new StoreUnavailableError({
          detail: 'The store (embedded database) cannot write: its disk is full',
          reason: `${root} has ${mib(bavail * bsize)} free; writes are refused below ${mib(minFreeBytes)}`,
          full: true,
        });
      }
    },
    classify: classifyEmbedded,
  };
}

/** The embedded database's errors that are its disk's or its own, not a statement's. */
export function classifyEmbedded(e: unknown): StoreUnavailableError | undefined {
  const error = (e ?? {}) as DriverError;
  const code = typeof error.code === 'string' ? error.code : '';
  if (code === DISK_FULL) return new StoreUnavailableError({ detail: 'The store (embedded database) cannot write: its disk is full', reason: said(error), full: true });
  // a file of the database that cannot be opened, read or written (ENOENT, EIO, EACCES, EROFS,
  // too many open files), or the file system under WASM failing outright (Emscripten's ErrnoError)
  if (/^(58...|42501|53000)$/.test(code) || error.name === 'ErrnoError') {
    return new StoreUnavailableError({ detail: 'The store (embedded database) cannot use its data directory', reason: said(error) });
  }
  if (error.name === 'RuntimeError' || /PGlite is clos(ed|ing)/i.test(String(error.message ?? ''))) {
    return new StoreUnavailableError({ detail: 'The store (embedded database) stopped after an error: restart the mock', reason: said(error) });
  }
  return undefined;
}
