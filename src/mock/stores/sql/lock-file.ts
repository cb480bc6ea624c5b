import { linkSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

// PGlite has no lock between processes: two mocks on one data directory would each run their own
// PostgreSQL over the same files, and one's writes would be lost. The directory is ours while a
// lock file in it names a live process: on this host its pid must be alive; from another host
// (containers sharing a volume have their own hosts and pids) its heartbeat must be recent.

const NAME = 'allsign-mock.lock';
const HEARTBEAT_MS = 2000;
const STALE_MS = 15_000;

export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: string,
  ) {
    super(`the data directory ${dir} is in use by another allsign-mock (${holder}); stop it, or give another --data directory`);
  }
}

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
}

export interface DirLock {
  release(): void;
}

export function lockDataDir(dir: string): DirLock {
  const path = join(dir, NAME);
  const me: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    if (create(path, me)) break;
    const seen = read(path);
    if (seen && isLive(seen, path)) throw new DataDirInUseError(dir, `pid ${seen.pid} on ${seen.host}, since ${seen.startedAt}`);
    // stale: move it aside (one process wins the rename), then check it was the stale one we saw
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue; // another process took it first; look again
    }
    const moved = read(aside);
    if (moved && (moved.pid !== seen?.pid || moved.startedAt !== seen.startedAt) && isLive(moved, aside)) {
      renameSync(aside, path);
      throw new DataDirInUseError(dir, `pid ${moved.pid} on ${moved.host}`);
    }
    rmSync(aside, { force: true });
    if (attempt > 5) throw new DataDirInUseError(dir, 'the lock keeps changing hands');
  }
  const beat = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(path, now, now);
    } catch {
      // the directory went away: nothing left to guard
    }
  }, HEARTBEAT_MS);
  beat.unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      clearInterval(beat);
      if (read(path)?.startedAt === me.startedAt && read(path)?.pid === me.pid) rmSync(path, { force: true });
    },
  };
}

/** The lock appears whole or not at all: written aside, then linked into place (which fails if one is there). */
function create(path: string, me: Holder): boolean {
  const draft = `${path}.new-${process.pid}`;
  writeFileSync(draft, JSON.stringify(me));
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

function read(path: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Holder;
  } catch {
    // gone, or not a lock this program wrote
    return undefined;
  }
}

function isLive(holder: Holder, path: string): boolean {
  if (holder.host === hostname()) {
    // a restarted container reuses pids: our own pid in the file is a previous life of this process
    if (holder.pid === process.pid) return false;
    try {
      process.kill(holder.pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
  try {
    return Date.now() - statSync(path).mtimeMs < STALE_MS;
  } catch {
    return false;
  }
}
