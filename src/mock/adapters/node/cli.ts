import { CommanderError } from 'commander';
import { createRequire } from 'node:module';
import type { SonicBoom as SonicBoomClass } from 'sonic-boom';
import { readFile } from 'node:fs/promises';
import { loadEngineContract } from '../../../contract/index.js';
import { DomainError } from '../../domain/errors.js';
import type { Mock } from '../../mock.js';
import { createMockApp } from '../express/app.js';
import { parseCliOptions, type CliOptions } from './cli-options.js';
import { createMockServer, drain, listen } from './server.js';
import { openCliStore, type CliStore } from './store.js';

// a CommonJS module whose types describe an ES default: require gives the class itself
const SonicBoom = createRequire(import.meta.url)('sonic-boom') as typeof SonicBoomClass;

/** requests in flight get this long to finish after SIGTERM or Ctrl-C (a container stop waits 10 s) */
const DRAIN_DEADLINE_MS = 8000;
/** then the store this long to close (PGlite writes a checkpoint) */
const CLOSE_DEADLINE_MS = 1500;

function options(): CliOptions {
  try {
    return parseCliOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are exit 0; anything else is bad usage
      process.exit(error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2);
    }
    throw error;
  }
}

/** The fixtures file, loaded whole or not at all: a bad one is one line per problem and exit 2. */
async function loadFixtures(mock: Mock, file: string): Promise<void> {
  let state: unknown;
  try {
    state = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    console.error(`allsign-mock: cannot read the fixtures ${file}: ${(error as Error).message}`);
    process.exit(2);
  }
  try {
    const loaded = await mock.control.loadFixtures(state);
    console.log(`loaded ${file}: ${loaded.tenants} tenants, ${loaded.contacts} contacts, ${loaded.documents} documents`);
  } catch (error) {
    if (!(error instanceof DomainError) || error.problem.kind !== 'invalid') throw error;
    const issues = error.problem.issues;
    console.error(`allsign-mock: the fixtures ${file} are not valid; nothing was loaded:`);
    for (const issue of issues.slice(0, 20)) console.error(`  ${issuePath(issue.loc)}: ${issue.msg}`);
    if (issues.length > 20) console.error(`  … and ${issues.length - 20} more`);
    process.exit(2);
  }
}

/** ['body', 'tenants', 0, 'contacts', 12, 'email'] → tenants[0].contacts[12].email */
function issuePath(loc: (string | number)[]): string {
  return loc.slice(1).reduce<string>((path, part) => (typeof part === 'number' ? `${path}[${part}]` : path ? `${path}.${part}` : part), '') || '(the file)';
}

async function main(): Promise<void> {
  const o = options();
  const started = Date.now();
  const opening = openCliStore(o, { apiKeys: o.apiKeys, seed: o.seed, contactsPerTenant: o.contacts });
  // the contract compiles while the database opens (its WASM compiles off the main thread)
  loadEngineContract();
  let store: CliStore;
  try {
    store = await opening;
  } catch (error) {
    console.error(`allsign-mock: cannot open the store: ${(error as Error).message}`);
    process.exit(2);
  }
  // request lines go out in batches: a synchronous write per request costs a busy mock ~7% of its
  // throughput; light traffic still shows within the flush interval
  // When nobody reads stdout (a stuck log pipe), lines beyond 4 MiB are dropped rather than held,
  // and the last flush gives up after half a second instead of waiting for the pipe forever.
  let giveUpAt = Infinity;
  const requestLog = new SonicBoom({ fd: 1, minLength: 8 * 1024, maxLength: 4 * 2 ** 20, retryEAGAIN: () => Date.now() < giveUpAt });
  requestLog.on('error', () => undefined);
  setInterval(() => requestLog.flush(), 250).unref();
  process.on('exit', () => {
    giveUpAt = Date.now() + 500;
    try {
      requestLog.flushSync();
    } catch {
      // the lines that could not be written are lost; the exit is not
    }
  });
  const app = createMockApp({
    apiKeys: o.apiKeys,
    seed: o.seed,
    contacts: o.contacts,
    latency: o.latency,
    adminToken: o.adminToken,
    adminOrigins: o.adminOrigins,
    tenantBytes: o.maxTenantMb * 2 ** 20,
    log: (line) => requestLog.write(`${line}\n`),
    ...(store.repository ? { repository: store.repository } : {}),
  });
  if (o.fixtures) await loadFixtures(app.locals.mock, o.fixtures);
  const server = createMockServer(app);
  // from here a signal drains the server and closes the store (releasing a data directory), even
  // one that comes before the server listens
  let stopping = false;
  const stop = (signal: string) => {
    // a second signal while draining means "now"
    if (stopping) process.exit(0);
    stopping = true;
    console.log(`${signal} received: finishing requests in flight, then exiting`);
    void drain(server, DRAIN_DEADLINE_MS)
      .then(() => Promise.race([store.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_DEADLINE_MS))]))
      .catch((error: unknown) => console.error(`allsign-mock: closing the store: ${(error as Error).message}`))
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  let address;
  try {
    address = await listen(server, o.port, o.host);
  } catch (error) {
    console.error(`allsign-mock: cannot listen on ${o.host}:${o.port}: ${(error as Error).message}`);
    await store.close();
    process.exit(2);
  }
  const host = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  // a kept store has the keys of the runs before: those are what works
  const keys = await app.locals.mock.repository.apiKeys();
  const lines = [
    `AllSign v2 mock listening on ${url} (ready in ${Date.now() - started} ms)`,
    `  ${store.banner}`,
    ...keys.slice(0, 20).map((k) => `  tenant ${k.tenant}: Authorization: Bearer ${k.key}  (user ${k.email})`),
    ...(keys.length > 20 ? [`  … and ${keys.length - 20} more keys (GET /__admin/tenants)`] : []),
    `  API reference: ${url}/docs   contract: ${url}/openapi.yaml   health: ${url}/__admin/health`,
  ];
  if (o.adminToken) lines.push('  /__admin requires the X-Admin-Token header (health excepted)');
  if (o.adminOrigins.length) lines.push(`  /__admin answers pages of ${o.adminOrigins.join(', ')}`);
  console.log(lines.join('\n'));

}

void main();
