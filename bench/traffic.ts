// The passive side of conformance, measured: the validating proxy's overhead against the mock
// direct and against Prism's `proxy` in front of the same mock, in the same rounds; and a HAR of
// 100,000 exchanges validated by the CLI, with its time and peak memory.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/free-port.js';
import { rssMiB } from '../scripts/mock-process.js';
import { timeCalls, type Timing } from './latency.js';
import { describeLength, load, medianRound, type LoadLength, type LoadResult, type Scenario } from './load.js';
import { startAll, startProcess, type Started } from './processes.js';

export interface TrafficBenchOptions {
  root: string;
  /** the conformance CLI: [command, args before the subcommand] */
  cli: [string, string[]];
  mock: Started;
  key: string;
  length: LoadLength;
  rounds: number;
  connections: number;
  harExchanges: number;
  oneAtATime: number;
  log: (line: string) => void;
}

export interface ProxyRow {
  scenario: string;
  direct: LoadResult;
  ours: LoadResult;
  prism: LoadResult;
  /** one request at a time: the latency the proxy adds, where a millisecond shows */
  directOne: Timing;
  oursOne: Timing;
}

export interface HarRow {
  exchanges: number;
  bytes: number;
  seconds: number;
  /** CPU time of the process, all threads (user + system): what a loaded machine does not stretch */
  cpuSeconds: number;
  peakRssMiB: number;
  exitCode: number | null;
}

export interface TrafficBench {
  proxy: ProxyRow[];
  /** what our proxy judged over all its rounds, and what it let through unjudged (its validator behind) */
  judged: { exchanges: number; notJudged: number };
  har: HarRow;
}

async function startOurProxy(o: TrafficBenchOptions): Promise<Started> {
  const port = await freePort();
  const [cmd, args] = o.cli;
  return startProcess('our proxy', cmd, [...args, 'proxy', '--upstream', o.mock.url, '--port', String(port), '--quiet', '--fail-on', 'none'], port, { path: '/__proxy/health' });
}

async function startPrismProxy(o: TrafficBenchOptions): Promise<Started> {
  const port = await freePort();
  return startProcess('prism proxy', join(o.root, 'node_modules/.bin/prism'), ['proxy', join(o.root, 'openapi/allsign-v2.yaml'), o.mock.url, '-p', String(port), '-h', '127.0.0.1'], port, {
    path: '/v2/contacts',
    headers: { authorization: `Bearer ${o.key}` },
  });
}

async function proxyRounds(o: TrafficBenchOptions): Promise<{ rows: ProxyRow[]; judged: TrafficBench['judged'] }> {
  const [ours, prism] = await startAll([startOurProxy(o), startPrismProxy(o)]);
  try {
    const page = (await (await fetch(`${o.mock.url}/v2/contacts?pageSize=25`, { headers: { authorization: `Bearer ${o.key}` } })).json()) as { data: { id: string }[] };
    const id = page.data[0]!.id;
    const scenarios: Scenario[] = [
      { name: 'list', method: 'GET', path: '/v2/contacts?pageSize=25' },
      { name: 'get', method: 'GET', path: `/v2/contacts/${id}` },
    ];
    const rows: ProxyRow[] = [];
    for (const s of scenarios) {
      const rounds = { direct: [] as LoadResult[], ours: [] as LoadResult[], prism: [] as LoadResult[] };
      for (let r = 0; r < o.rounds; r++) {
        rounds.direct.push(await load(o.mock.url, o.key, s, o.length, o.connections));
        rounds.ours.push(await load(ours.url, o.key, s, o.length, o.connections));
        rounds.prism.push(await load(prism.url, o.key, s, o.length, o.connections));
      }
      const call = () => ({ method: 'GET' as const, path: s.path, expect: 200 });
      const directOne = await timeCalls(o.mock.url, o.key, o.oneAtATime, call);
      const oursOne = await timeCalls(ours.url, o.key, o.oneAtATime, call);
      const row = { scenario: s.name, direct: medianRound(rounds.direct), ours: medianRound(rounds.ours), prism: medianRound(rounds.prism), directOne, oursOne };
      rows.push(row);
      o.log(
        `  proxy ${s.name}: direct ${row.direct.requestsPerSecond.toFixed(0)} req/s, our proxy ${row.ours.requestsPerSecond.toFixed(0)}, Prism proxy ${row.prism.requestsPerSecond.toFixed(0)} (${(row.ours.requestsPerSecond / row.prism.requestsPerSecond).toFixed(1)}×); one at a time p50 ${directOne.p50.toFixed(3)} → ${oursOne.p50.toFixed(3)} ms`,
      );
    }
    // every exchange judged? the health route counts them once the backlog is done
    let health = { exchanges: 0, notJudged: 0 };
    for (let i = 0; i < 600; i++) {
      health = (await (await fetch(`${ours.url}/__proxy/health`)).json()) as typeof health;
      const seen = (await (await fetch(`${ours.url}/__proxy/health`)).json()) as typeof health;
      if (seen.exchanges === health.exchanges) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    o.log(`  our proxy judged ${health.exchanges.toLocaleString('en-US')} exchanges, let ${health.notJudged.toLocaleString('en-US')} through unjudged`);
    return { rows, judged: { exchanges: health.exchanges, notJudged: health.notJudged } };
  } finally {
    await Promise.all([ours.stop(), prism.stop()]);
  }
}

/** A HAR of n exchanges made of the mock's own answers (lists, gets, creates), written as a stream. */
export async function writeHar(o: TrafficBenchOptions, file: string): Promise<void> {
  const headers = { authorization: `Bearer ${o.key}` };
  const page = await (await fetch(`${o.mock.url}/v2/contacts?pageSize=25`, { headers })).text();
  const id = (JSON.parse(page) as { data: { id: string }[] }).data[0]!.id;
  const one = await (await fetch(`${o.mock.url}/v2/contacts/${id}`, { headers })).text();
  const body = JSON.stringify({ email: 'har-bench@example.com', full_name: 'Carga Har' });
  const created = await (await fetch(`${o.mock.url}/v2/contacts`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body })).text();
  const kinds = [
    { method: 'GET', path: '/v2/contacts?pageSize=25', status: 200, text: page },
    { method: 'GET', path: `/v2/contacts/${id}`, status: 200, text: one },
    { method: 'POST', path: '/v2/contacts', status: 201, text: created, post: body },
  ];
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve)));
  await write('{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"entries":[\n');
  for (let i = 0; i < o.harExchanges; i++) {
    const k = kinds[i % kinds.length]!;
    const entry = {
      startedDateTime: new Date(Date.UTC(2026, 0, 1) + i).toISOString(),
      time: 1.5,
      request: {
        method: k.method,
        url: `https://staging.example.com/api${k.path}`,
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'authorization', value: `Bearer ${o.key}` }, { name: 'content-type', value: 'application/json' }],
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: k.post ? k.post.length : 0,
        ...(k.post ? { postData: { mimeType: 'application/json', text: k.post } } : {}),
      },
      response: { status: k.status, statusText: '', httpVersion: 'HTTP/1.1', headers: [{ name: 'content-type', value: 'application/json' }], cookies: [], content: { size: k.text.length, mimeType: 'application/json', text: k.text }, redirectURL: '', headersSize: -1, bodySize: k.text.length },
      cache: {},
      timings: { send: 0, wait: 1.5, receive: 0 },
    };
    await write(`${i ? ',\n' : ''}${JSON.stringify(entry)}`);
  }
  await new Promise<void>((resolve) => out.end(']}}\n', () => resolve()));
}

async function harRun(o: TrafficBenchOptions): Promise<HarRow> {
  const file = join(mkdtempSync(join(tmpdir(), 'allsign-har-bench-')), 'big.har');
  await writeHar(o, file);
  const [cmd, args] = o.cli;
  const started = performance.now();
  const child = spawn(cmd, [...args, 'har', file, '--fail-on', 'none', '--reporter', 'json', '--output', join(tmpdir(), `allsign-har-bench-${process.pid}.json`)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let peak = 0;
  let cpuSeconds = 0;
  const poll = setInterval(() => {
    try {
      const now = rssMiB(child.pid!);
      // an exiting process has no VmRSS line any more
      if (Number.isFinite(now)) peak = Math.max(peak, now);
      // utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks (100 a second on Linux)
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      cpuSeconds = (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone
    }
  }, 50);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  const row = { exchanges: o.harExchanges, bytes: statSync(file).size, seconds: (performance.now() - started) / 1000, cpuSeconds, peakRssMiB: peak, exitCode };
  o.log(`  HAR: ${row.exchanges.toLocaleString('en-US')} exchanges (${(row.bytes / 2 ** 20).toFixed(0)} MiB) validated in ${row.seconds.toFixed(1)} s (${row.cpuSeconds.toFixed(1)} s of CPU), peak RSS ${row.peakRssMiB.toFixed(0)} MiB, exit ${exitCode}`);
  return row;
}

export async function trafficBench(o: TrafficBenchOptions): Promise<TrafficBench> {
  o.log(`passive conformance: proxies in front of the mock (${o.rounds} rounds of ${describeLength(o.length)}), then a HAR of ${o.harExchanges.toLocaleString('en-US')} exchanges`);
  const { rows, judged } = await proxyRounds(o);
  return { proxy: rows, judged, har: await harRun(o) };
}

const n = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function renderTrafficBench(t: TrafficBench): string[] {
  const out = [
    '## Passive conformance: the validating proxy and HAR validation',
    '',
    'The mock direct, `allsign-conformance proxy` in front of it (observe mode, validating every exchange) and Prism’s `proxy` (validating against the same contract) in front of the same mock, taking turns in each round. Latency added: one request at a time, p50 through the proxy minus p50 direct.',
    '',
    '| request | direct req/s | our proxy req/s | Prism proxy req/s | ours ÷ Prism | p50 direct → through ours (one at a time) | added p50 |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of t.proxy) {
    out.push(
      `| ${r.scenario} | ${n(r.direct.requestsPerSecond)} | ${n(r.ours.requestsPerSecond)} | ${n(r.prism.requestsPerSecond)} | ${n(r.ours.requestsPerSecond / r.prism.requestsPerSecond, 1)}× | ${n(r.directOne.p50, 3)} → ${n(r.oursOne.p50, 3)} ms | ${n(r.oursOne.p50 - r.directOne.p50, 3)} ms |`,
    );
  }
  const targets = t.proxy.map((r) => `${r.scenario}: ${r.oursOne.p50 - r.directOne.p50 <= 1 ? 'met' : 'MISSED'} (added p50 ≤ 1 ms), ${r.ours.requestsPerSecond >= 2 * r.prism.requestsPerSecond ? 'met' : 'MISSED'} (≥ 2× Prism)`);
  out.push('', `Our proxy judged ${n(t.judged.exchanges)} exchanges over its rounds and let ${n(t.judged.notJudged)} through unjudged (its validator's backlog past 5,000).`, '', `Targets: ${targets.join('; ')}.`, '');
  const h = t.har;
  out.push(
    `A HAR of ${n(h.exchanges)} exchanges (${n(h.bytes / 2 ** 20)} MiB: list pages, gets and creates as the mock answers them) validated by \`allsign-conformance har\` in **${n(h.seconds, 1)} s** (${n(h.cpuSeconds, 1)} s of CPU over its two threads) with a peak RSS of **${n(h.peakRssMiB)} MiB** (exit ${h.exitCode}); target under 30 s: ${h.seconds < 30 ? 'met' : 'MISSED'}.`,
  );
  return out;
}
