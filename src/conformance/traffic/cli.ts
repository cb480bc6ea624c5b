import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { baseUrl, wholeNumber } from '../../cli/options.js';
import { createProxy, PROXY_MODES, type ProxyMode } from '../proxy/server.js';
import { proxyControl } from '../proxy/control.js';
import { RemoteBook } from '../proxy/remote-book.js';
import { FAIL_ON, type FailOn, type TrafficReport } from './book.js';
import { HarError, readHar } from './har/read.js';
import { HarWriter } from './har/write.js';
import { nodeRedactor } from './node-redactor.js';
import type { Redactor } from './redact.js';
import { renderTraffic, TRAFFIC_REPORTERS, type TrafficReporter } from './reporters/index.js';
import { liveLine } from './live.js';
import { FixtureBuilder, type FixtureState } from './fixtures.js';
import type { Exchange } from './exchange.js';
import { TrafficJudge } from './judge.js';
import { Replayer } from './replay.js';
import { TrafficBook } from './book.js';
import { DecisionLedger } from '../contract/ledger.js';

export const TRAFFIC_COMMANDS = ['proxy', 'har', 'fixtures', 'replay'] as const;

function upstreamUrl(value: string): URL {
  const url = baseUrl('--upstream')(value);
  if (url.username || url.password) throw new InvalidArgumentError('--upstream must not carry credentials: the client sends its own');
  return url;
}

/** checked as a base URL, kept as written (the report names it as the user did) */
const replayTarget = (value: string) => {
  baseUrl('--base-url')(value);
  return value;
};

interface ReportFlags {
  failOn: FailOn;
  reporter: TrafficReporter;
  output?: string;
  redact: 'secrets' | 'pii';
}

const reportOptions = (cmd: Command) =>
  cmd
    .addOption(new Option('--fail-on <what>', 'exit 1 when a finding of this kind is seen: documented (rests on the reference), any (documented, inferred or a gap), none').choices(FAIL_ON).default('documented'))
    .addOption(new Option('--reporter <name>', 'report format').choices(Object.keys(TRAFFIC_REPORTERS)).default('pretty'))
    .option('--output <file>', 'write the report there (the pretty report still prints)')
    .addOption(new Option('--redact <what>', 'what is replaced in everything written: secrets (keys, tokens, cookies) always; pii adds emails, names and phone numbers').choices(['secrets', 'pii']).default('secrets'));

/** Prints the report; returns the exit code --fail-on asks for. */
function emit(report: TrafficReport, flags: ReportFlags): number {
  const machineOnStdout = flags.reporter !== 'pretty' && !flags.output;
  const human = machineOnStdout ? (line: string) => console.error(line) : (line: string) => console.log(line);
  if (flags.reporter !== 'pretty') {
    const text = renderTraffic(flags.reporter, report);
    if (flags.output) writeFileSync(flags.output, text);
    else console.log(text);
  } else if (flags.output) {
    writeFileSync(flags.output, renderTraffic('pretty', report));
  }
  human(renderTraffic('pretty', report));
  return report.failing > 0 ? 1 : 0;
}

function usage(message: string): never {
  console.error(`allsign-conformance: ${message}`);
  process.exit(2);
}

interface ProxyFlags extends ReportFlags {
  upstream: URL;
  port: number;
  host: string;
  mode: ProxyMode;
  record?: string;
  maxBodyBytes: number;
  timeout: number;
  quiet?: boolean;
}

async function runProxy(flags: ProxyFlags): Promise<void> {
  const redactor: Redactor = nodeRedactor({ pii: flags.redact === 'pii' });
  const source = `proxy → ${flags.upstream.origin}${flags.upstream.pathname.replace(/\/+$/, '')}`;
  // judged in a worker thread: forwarding never waits on validation
  const book = new RemoteBook({ source, pii: flags.redact === 'pii' });
  let recorder: HarWriter | undefined;
  if (flags.record) {
    try {
      recorder = await HarWriter.open(flags.record, `${flags.upstream.origin}${flags.upstream.pathname.replace(/\/+$/, '')}`, redactor, { name: 'allsign-conformance proxy', version: '1' });
    } catch (error) {
      usage(`--record ${flags.record}: ${(error as Error).message}`);
    }
  }
  const server = createProxy({
    upstream: flags.upstream,
    mode: flags.mode,
    book,
    maxBodyBytes: flags.maxBodyBytes,
    timeoutMs: flags.timeout,
    onExchange: recorder ? (e) => recorder.add(e) : undefined,
    control: proxyControl({ report: () => book.report(flags.failOn), tally: () => book.tally() }),
  });
  await new Promise<void>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => usage(error.code === 'EADDRINUSE' ? `port ${flags.port} on ${flags.host} is in use (--port)` : `cannot listen on ${flags.host}:${flags.port}: ${error.message}`));
    server.listen(flags.port, flags.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const here = `http://${flags.host.includes(':') ? `[${flags.host}]` : flags.host}:${port}`;
  console.error(`allsign-conformance proxy on ${here} → ${redactor.text(flags.upstream.toString())} (${flags.mode})${flags.record ? `, recording to ${flags.record}` : ''}`);
  console.error(`report so far: GET ${here}/__proxy/report; Ctrl-C (or SIGTERM) stops and prints it; --fail-on ${flags.failOn}`);
  const live = flags.quiet ? undefined : liveLine(() => book.tally(), process.stderr);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    live?.stop();
    console.error(`${signal}: no new connections; finishing the exchanges under way`);
    server.close();
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 5_000);
    force.unref();
    await new Promise<void>((resolve) => server.once('close', () => resolve()));
    clearTimeout(force);
    // judgements run after each answer is delivered: let the last ones land
    await book.drained();
    if (recorder) {
      const done = await recorder.close();
      console.error(`recorded ${done.written} exchanges to ${flags.record}${done.dropped ? ` (${done.dropped} dropped: the disk was not keeping up)` : ''}${done.error ? `; writing failed: ${done.error}` : ''}`);
    }
    try {
      process.exitCode = emit(await book.report(flags.failOn), flags);
    } catch (error) {
      console.error(`allsign-conformance: ${(error as Error).message}`);
      process.exitCode = 2;
    }
    await book.close();
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

interface HarFlags extends ReportFlags {
  basePath?: string;
}

async function runHar(file: string, flags: HarFlags): Promise<void> {
  // the file is read here and judged in a worker thread: the two cores share the work
  const book = new RemoteBook({ source: `HAR ${file}`, pii: flags.redact === 'pii', basePath: flags.basePath });
  let result;
  try {
    result = await readHar(file, (exchange) => book.add(exchange), { afterChunk: () => book.room() });
  } catch (error) {
    if (error instanceof HarError) usage(error.message);
    throw error;
  }
  await book.drained();
  if (result.version !== undefined && !/^1\.[12]$/.test(result.version)) console.error(`note: ${file} says HAR version ${result.version}; read as 1.2`);
  if (result.malformedCount) console.error(`note: ${result.malformedCount} entries are not exchanges and were left out: ${result.malformed.join('; ')}`);
  const report = await book.report(flags.failOn);
  await book.close();
  process.exitCode = emit(report, flags);
}

interface FixturesFlags {
  output: string;
  state: FixtureState;
  redact: 'secrets' | 'pii';
  basePath?: string;
}

/** The API path of a recorded URL, as the judge finds it. */
const apiPathOf = (basePath: string | undefined) => {
  const judge = new TrafficJudge(new DecisionLedger(), { basePath });
  return (pathname: string) => judge.apiPath(pathname);
};

async function readOrExit(file: string, onExchange: Parameters<typeof readHar>[1], afterChunk?: () => Promise<void>) {
  try {
    return await readHar(file, onExchange, { afterChunk });
  } catch (error) {
    if (error instanceof HarError) usage(error.message);
    throw error;
  }
}

async function runFixtures(file: string, flags: FixturesFlags): Promise<void> {
  const builder = new FixtureBuilder(nodeRedactor({ pii: flags.redact === 'pii' }), flags.state, apiPathOf(flags.basePath));
  await readOrExit(file, (exchange) => builder.add(exchange));
  const state = builder.build();
  writeFileSync(flags.output, `${JSON.stringify(state, null, 2)}\n`);
  const count = (what: 'contacts' | 'documents') => state.tenants.reduce((n, t) => n + t[what].length, 0);
  console.error(
    `wrote ${flags.output}: ${state.tenants.length} tenants, ${count('contacts')} contacts, ${count('documents')} documents (the state ${flags.state} the recording)${builder.dropped ? `; ${builder.dropped} records past the bound left out` : ''}`,
  );
}

interface ReplayFlags extends ReportFlags {
  baseUrl: string;
  timeout: number;
  basePath?: string;
}

async function runReplay(file: string, flags: ReplayFlags): Promise<void> {
  const redactor = nodeRedactor({ pii: flags.redact === 'pii' });
  const book = new TrafficBook(`replay of ${file} against ${flags.baseUrl}`);
  const replayer = new Replayer(flags.baseUrl.replace(/\/+$/, ''), book, redactor, apiPathOf(flags.basePath), flags.timeout);
  // entries are replayed in order, one at a time: a chunk's entries wait for the previous ones
  const queue: Exchange[] = [];
  const drain = async () => {
    while (queue.length) await replayer.replay(queue.shift()!);
  };
  await readOrExit(file, (exchange) => queue.push(exchange), drain);
  await drain();
  console.error(`replayed ${replayer.sent} requests of ${file} against ${flags.baseUrl}`);
  process.exitCode = emit(book.report(flags.failOn, redactor), flags);
}

const AFTER = `
Exit codes: 0 no finding matches --fail-on; 1 one does; 2 bad usage, an unreadable file, a port in use.
Findings are documented (they rest on the reference: they gate by default), inferred (they rest on
an x-inferred decision of the contract: they warn and feed the inferred-decisions report) or gaps
(the contract does not speak to what was seen: an undeclared property, parameter or operation).
Secrets (Authorization, API keys, cookies, X-Admin-Token, secret query parameters) are replaced by
stable placeholders in everything written; set ALLSIGN_REDACT_SALT to key the placeholders.`;

function program(): Command {
  const root = new Command('allsign-conformance').exitOverride().showHelpAfterError();
  reportOptions(
    root
      .command('proxy')
      .description('A validating reverse proxy: forwards every request to --upstream unchanged, checks each exchange against the contract, and reports when stopped.')
      .addOption(new Option('--upstream <url>', 'the API to forward to; its path is prepended (https://staging.example.com/api)').env('ALLSIGN_UPSTREAM').argParser(upstreamUrl))
      .addOption(new Option('--port <n>', 'port to listen on (0: any free one)').env('ALLSIGN_PROXY_PORT').default(4011).argParser(wholeNumber('--port', 0, 65535)))
      .addOption(new Option('--host <addr>', 'address to listen on').env('HOST').default('127.0.0.1'))
      .addOption(new Option('--mode <mode>', `observe: nothing on the wire changes; annotate: adds one ${'x-allsign-finding'} header naming a finding; enforce: an answer with a documented violation becomes a 502 naming it`).choices(PROXY_MODES).default('observe'))
      .option('--record <file.har>', 'write every exchange to a HAR 1.2 file, redacted')
      .addOption(new Option('--max-body-bytes <n>', 'bytes of each body kept for validation; larger bodies pass through unvalidated').default(1024 * 1024).argParser(wholeNumber('--max-body-bytes', 1)))
      .addOption(new Option('--timeout <ms>', "the upstream's answer must start, and any pause in it end, within this (504 otherwise)").default(30_000).argParser(wholeNumber('--timeout', 1)))
      .option('--quiet', 'no live summary line'),
  )
    .addHelpText('after', AFTER)
    .action(async (flags: ProxyFlags) => {
    if (!flags.upstream) usage('proxy: --upstream (or ALLSIGN_UPSTREAM) is required');
    await runProxy(flags);
  });
  reportOptions(
    root
      .command('har')
      .description('Validate a HAR 1.2 file (from a browser, Playwright or `proxy --record`) against the contract, offline.')
      .argument('<file.har>', 'the HAR file')
      .option('--base-path <path>', "the API's path prefix in the recorded URLs (default: found where the contract's paths begin, /v2)"),
  )
    .addHelpText('after', AFTER)
    .action(async (file: string, flags: HarFlags) => runHar(file, flags));
  root
    .command('fixtures')
    .description('Turn a recording into a fixtures file the mock loads (--fixtures, POST /__admin/fixtures): the contacts and documents its answers show, per API key.')
    .argument('<file.har>', 'the HAR file')
    .requiredOption('--output <file>', 'the fixtures file to write')
    .addOption(new Option('--state <when>', 'before: the tenant as the recording found it (what a replay starts from: what it created left out, what it changed as first seen); after: as it left it').choices(['before', 'after']).default('before'))
    .addOption(new Option('--redact <what>', 'secrets always (the keys become their placeholders); pii also pseudonymizes emails, names and phone numbers').choices(['secrets', 'pii']).default('secrets'))
    .option('--base-path <path>', "the API's path prefix in the recorded URLs")
    .action(async (file: string, flags: FixturesFlags) => runFixtures(file, flags));
  reportOptions(
    root
      .command('replay')
      .description("Send a recording's API requests again, in order, to --base-url (the mock started from the recording's fixtures): each answer judged, and where it differs from the recorded one reported.")
      .argument('<file.har>', 'the HAR file')
      .addOption(new Option('--base-url <url>', 'where to send them').env('ALLSIGN_BASE_URL').makeOptionMandatory().argParser(replayTarget))
      .addOption(new Option('--timeout <ms>', 'per request').default(10_000).argParser(wholeNumber('--timeout', 1)))
      .option('--base-path <path>', "the API's path prefix in the recorded URLs"),
  )
    .addHelpText('after', AFTER)
    .action(async (file: string, flags: ReplayFlags) => runReplay(file, flags));
  return root;
}

/** `allsign-conformance proxy …` and `allsign-conformance har …`. */
export async function trafficMain(argv: string[]): Promise<void> {
  const cmd = program();
  try {
    await cmd.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2);
    throw error;
  }
}
