import { CommanderError } from 'commander';
import { readFile } from 'node:fs/promises';
import type { RequestListener } from 'node:http';
import { loadEngineContract } from '../../../contract/index.js';
import { DomainError } from '../../domain/errors.js';
import { Errors, STORE_RETRY_AFTER_SECONDS } from '../../engine/http-errors.js';
import { isImplemented } from '../../engine/methods.js';
import { eventLine, type LogFormat, type LogLevel } from '../../engine/request-log.js';
import { createMock, type Mock } from '../../mock.js';
import { parseCliOptions, type CliOptions } from './cli-options.js';
import { nodeHandler } from './handler.js';
import { lineLog } from './line-log.js';
import { createMetrics } from './metrics.js';
import { answer, createMockServer, drain, listen } from './server.js';
import { openCliStore, type CliStore } from './store.js';

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

/** What the process says, in the log's format: JSON lines with --log-format json, plain lines otherwise. */
type Say = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

function sayer(format: LogFormat): Say {
  return (level, message, fields) => (level === 'error' ? console.error : console.log)(eventLine(format, level, message, fields));
}

/** The fixtures file, loaded whole or not at all: a bad one is one line per problem and exit 2. */
async function loadFixtures(mock: Mock, file: string, say: Say): Promise<void> {
  let state: unknown;
  try {
    state = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    say('error', `allsign-mock: cannot read the fixtures ${file}: ${(error as Error).message}`);
    process.exit(2);
  }
  try {
    const loaded = await mock.control.loadFixtures(state);
    say('info', `loaded ${file}: ${loaded.tenants} tenants, ${loaded.contacts} contacts, ${loaded.documents} documents`);
  } catch (error) {
    if (!(error instanceof DomainError) || error.problem.kind !== 'invalid') throw error;
    const issues = error.problem.issues;
    say('error', `allsign-mock: the fixtures ${file} are not valid; nothing was loaded:`);
    for (const issue of issues.slice(0, 20)) say('error', `  ${issuePath(issue.loc)}: ${issue.msg}`);
    if (issues.length > 20) say('error', `  … and ${issues.length - 20} more`);
    process.exit(2);
  }
}

/** ['body', 'tenants', 0, 'contacts', 12, 'email'] → tenants[0].contacts[12].email */
function issuePath(loc: (string | number)[]): string {
  return loc.slice(1).reduce<string>((path, part) => (typeof part === 'number' ? `${path}[${part}]` : path ? `${path}.${part}` : part), '') || '(the file)';
}

/**
 * What the server answers while the store opens (a database to wait for, migrations, a first seed):
 * alive, not ready, and a 503 for everything else. Methods are refused as the engine refuses them
 * (501 for one no route has, 405 with Allow on the two checks), so a start is no exception to them.
 */
function whileOpening(started: number): RequestListener {
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const method = req.method ?? 'GET';
    const refused = !isImplemented(method) ? Errors.methodNotImplemented(method)
      : (path === '/__admin/health' || path === '/__admin/ready') && method !== 'GET' && method !== 'HEAD' ? Errors.methodNotAllowed(['GET'])
      : undefined;
    if (refused) return answer(res, refused.status, refused.message, refused.headers);
    if (path === '/__admin/health') return answer(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000), store: 'opening' });
    const why = 'the store is opening (a database to reach, migrations, the first seed)';
    if (path === '/__admin/ready') return answer(res, 503, `Not ready: ${why}`, { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) });
    answer(res, 503, `The mock is starting: ${why}; retry in a moment`, { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) });
  };
}

async function main(): Promise<void> {
  const o = options();
  const say = sayer(o.logFormat);
  const started = Date.now();
  // listening from the start: an orchestrator sees the process alive (health) and not ready
  // (ready) while the store opens, and a port in use is known before anything else is done
  let serve = whileOpening(started);
  const server = createMockServer((req, res) => serve(req, res));
  let address;
  try {
    address = await listen(server, o.port, o.host);
  } catch (error) {
    say('error', `allsign-mock: cannot listen on ${o.host}:${o.port}: ${(error as Error).message}`);
    process.exit(2);
  }
  const host = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  // a database may take a while (a server to wait for, a first seed): say where to ask meanwhile
  if (o.data || o.databaseUrl) say('info', `AllSign v2 mock on ${url}: opening the store (${url}/__admin/ready answers 200 once it is open)`, { url });
  const opening = openCliStore(o, { apiKeys: o.apiKeys, seed: o.seed, contactsPerTenant: o.contacts }, (why) => say('warn', why));
  // the contract compiles while the database opens (its WASM compiles off the main thread)
  loadEngineContract();
  let store: CliStore;
  try {
    store = await opening;
  } catch (error) {
    say('error', `allsign-mock: cannot open the store: ${(error as Error).message}`);
    process.exit(2);
  }
  const requestLog = lineLog(1);
  // the process's metrics and every request's, at /__admin/metrics
  const metrics = createMetrics();
  const mock = createMock({
    apiKeys: o.apiKeys,
    seed: o.seed,
    contacts: o.contacts,
    latency: o.latency,
    adminToken: o.adminToken,
    adminOrigins: o.adminOrigins,
    tenantBytes: o.maxTenantMb * 2 ** 20,
    log: (line) => requestLog.write(line),
    logFormat: o.logFormat,
    observe: metrics.observe,
    metrics,
    ...(store.repository ? { repository: store.repository } : {}),
  });
  metrics.watch(mock);
  if (o.fixtures) await loadFixtures(mock, o.fixtures, say);
  // node:http straight into the engine: no framework on the way (Express is for mounting the mock in an app)
  const handler = nodeHandler(mock);
  serve = (req, res) => {
    handler(req, res).catch((error: unknown) => {
      // the engine answers every failure itself; this is a failure of writing the answer
      requestLog.write(eventLine(o.logFormat, 'error', `internal error: ${(error as Error)?.stack ?? String(error)}`));
      if (!res.headersSent) answer(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  };
  // from here a signal drains the server and closes the store (releasing a data directory)
  let stopping = false;
  const stop = (signal: string) => {
    // a second signal while draining means "now"
    if (stopping) process.exit(0);
    stopping = true;
    say('info', `${signal} received: finishing requests in flight, then exiting`);
    void drain(server, DRAIN_DEADLINE_MS)
      .then(() => Promise.race([store.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_DEADLINE_MS))]))
      .catch((error: unknown) => say('error', `allsign-mock: closing the store: ${(error as Error).message}`))
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // a kept store has the keys of the runs before: those are what works
  const keys = await mock.repository.apiKeys();
  const ready = `AllSign v2 mock listening on ${url} (ready in ${Date.now() - started} ms)`;
  if (o.logFormat === 'json') {
    // for a log pipeline: one event, the tenants by name and no key (keys are secrets there)
    say('info', ready, { url, store: store.banner, tenants: keys.map((k) => k.tenant), adminToken: Boolean(o.adminToken) });
    return;
  }
  const lines = [
    ready,
    `  ${store.banner}`,
    ...keys.slice(0, 20).map((k) => `  tenant ${k.tenant}: Authorization: Bearer ${k.key}  (user ${k.email})`),
    ...(keys.length > 20 ? [`  … and ${keys.length - 20} more keys (GET /__admin/tenants)`] : []),
    `  API reference: ${url}/docs   contract: ${url}/openapi.yaml   health: ${url}/__admin/health   ready: ${url}/__admin/ready   metrics: ${url}/__admin/metrics`,
  ];
  if (o.adminToken) lines.push('  /__admin requires the X-Admin-Token header (health and ready excepted)');
  if (o.adminOrigins.length) lines.push(`  /__admin answers pages of ${o.adminOrigins.join(', ')}`);
  console.log(lines.join('\n'));
}

void main();
