#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { baseUrl, wholeNumber } from '../cli/options.js';
import { catalogue, listRow } from './run/catalogue.js';
import { jsonReport } from './reporters/json.js';
import { junitReport } from './reporters/junit.js';
import { prettyProgress, prettySummary } from './reporters/pretty.js';
import { DEFAULT_GENERATE, TargetError, runConformance } from './run/runner.js';
import { unknownPatterns } from './run/select.js';
import type { RunSummary } from './types.js';
import { TRAFFIC_COMMANDS, trafficMain } from './traffic/cli.js';

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
/** The path is part of the target: https://host/api calls https://host/api/v2/contacts. */
const url = (value: string) => {
  const parsed = baseUrl('--base-url')(value);
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
};

const email = (value: string) => {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw new InvalidArgumentError(`--key-owner-email must be an email address, got ${JSON.stringify(value)}`);
  return value; // the runner compares it case-insensitively
};

function program(): Command {
  return new Command('allsign-conformance')
    .description('Check that an AllSign v2 implementation (the mock, staging, the real API) honours the contract.')
    .addOption(new Option('--base-url <url>', 'the implementation under test').env('ALLSIGN_BASE_URL').argParser(url))
    .addOption(new Option('--api-key <key>', 'API key of tenant A').env('ALLSIGN_API_KEY'))
    .addOption(new Option('--api-key-b <key>', 'API key of a second tenant: enables the isolation checks').env('ALLSIGN_API_KEY_B'))
    .addOption(
      new Option('--key-owner-email <email>', "email of the user that owns --api-key: invitedBy's default is then checked exactly")
        .env('ALLSIGN_KEY_OWNER_EMAIL')
        .argParser(email),
    )
    .option('--strict', 'assertions resting on an x-inferred decision fail the run too (they only warn otherwise)', false)
    .option('--read-only', 'create and change nothing: hand-written checks that create are skipped, generation sends reads only', false)
    .option('--only <ids>', 'comma-separated check ids or prefixes to run (repeatable), e.g. contacts.bulk,generic', list)
    .option('--skip <ids>', 'comma-separated check ids or prefixes to leave out (repeatable)', list)
    .addOption(new Option('--generate <n>', 'generated requests per operation for the generic checks; 0 turns generation off').default(DEFAULT_GENERATE).argParser(wholeNumber('--generate', 0)))
    .addOption(new Option('--seed <n>', 'seed of the generated requests (default: random; every run prints its seed)').argParser(wholeNumber('--seed', 0)))
    .addOption(new Option('--reporter <name>', 'report format').choices(['pretty', 'junit', 'json']).default('pretty'))
    .option('--output <file>', 'write the junit or json report to this file (pretty still prints)')
    .addOption(new Option('--timeout <ms>', 'timeout per request').default(10_000).argParser(wholeNumber('--timeout', 1)))
    .addOption(new Option('--concurrency <n>', 'checks (and generated properties) run at once').default(4).argParser(wholeNumber('--concurrency', 1)))
    .option('--list', 'list every check, one tab-separated row each: id, origin, provenance, kind, data, title; then exit')
    .addHelpText(
      'after',
      `
Commands: allsign-conformance proxy --upstream URL [--port N] [--record FILE.har] [--fail-on …]
(a validating proxy), allsign-conformance har FILE.har [--fail-on …] (validate a recording),
allsign-conformance fixtures FILE.har --output FILE (a recording as the mock's fixtures) and
allsign-conformance replay FILE.har --base-url URL (send it again, report what differs); each has --help.
Checks: hand-written ones (a rule of the reference each), generic ones (generic.*: applied to every
answer and to requests generated from the contract's schemas with fast-check), and
cleanup.nothing-left, which runs whenever the run created something unless --skip names it.
Exit codes: 0 every gating check passed; 1 a gating check failed, a check errored (no answer, or the
suite's own error) or the run was interrupted; 2 bad usage, an unreachable target, a target that is
not AllSign v2, or a rejected key.
An assertion gates unless it rests on an x-inferred decision of the contract: those warn, naming the
decision, unless --strict. Everything the run creates uses <run-id>…@example.com addresses and is
deleted at the end, also on failure and on Ctrl-C. Warnings are counted on the line before the last;
the last line is "N passed, N failed, N skipped".`,
    )
    .exitOverride()
    .showHelpAfterError();
}

interface Flags {
  baseUrl?: string;
  apiKey?: string;
  apiKeyB?: string;
  keyOwnerEmail?: string;
  strict: boolean;
  readOnly: boolean;
  only?: string[];
  skip?: string[];
  reporter: 'pretty' | 'junit' | 'json';
  output?: string;
  generate: number;
  seed?: number;
  timeout: number;
  concurrency: number;
  list?: boolean;
}

function usage(message: string): never {
  console.error(`allsign-conformance: ${message}\nRun allsign-conformance --help for usage.`);
  process.exit(2);
}

/** The target, not the command line, is wrong: one line says why. */
function cannotRun(message: string): never {
  console.error(`allsign-conformance: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  // proxy and har: the passive side, on the same contract and checks (src/conformance/traffic)
  if ((TRAFFIC_COMMANDS as readonly string[]).includes(process.argv[2] ?? '')) return trafficMain(process.argv);
  const cmd = program();
  try {
    cmd.parse(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2);
    throw error;
  }
  const flags = cmd.opts<Flags>();
  const entries = catalogue();
  if (flags.list) {
    for (const e of entries) console.log(listRow(e));
    return;
  }
  if (!flags.baseUrl) usage('--base-url (or ALLSIGN_BASE_URL) is required');
  if (!flags.apiKey) usage('--api-key (or ALLSIGN_API_KEY) is required');
  const unknown = unknownPatterns(entries, [...(flags.only ?? []), ...(flags.skip ?? [])]);
  if (unknown.length) usage(`no check matches ${unknown.join(', ')} (see --list)`);

  const machineOnStdout = flags.reporter !== 'pretty' && !flags.output;
  const human = machineOnStdout ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const abort = new AbortController();
  const interrupt = (signal: string) => {
    if (abort.signal.aborted) process.exit(1);
    human(`${signal}: no new checks start; cleaning up what this run created (again to quit now)`);
    abort.abort();
  };
  process.on('SIGINT', () => interrupt('SIGINT'));
  process.on('SIGTERM', () => interrupt('SIGTERM'));

  let summary: RunSummary;
  try {
    summary = await runConformance({
      baseUrl: flags.baseUrl,
      apiKey: flags.apiKey,
      apiKeyB: flags.apiKeyB,
      keyOwnerEmail: flags.keyOwnerEmail,
      strict: flags.strict,
      readOnly: flags.readOnly,
      only: flags.only,
      skip: flags.skip,
      generate: flags.generate,
      seed: flags.seed,
      timeoutMs: flags.timeout,
      concurrency: flags.concurrency,
      signal: abort.signal,
      onResult: prettyProgress(human),
      // printed before anything is generated, so that even a run that never ends can be replayed
      onStart: ({ runId, seed, generate }) => human(`run ${runId}${generate ? `, generation seed ${seed} (--seed ${seed} draws the same requests)` : ''}`),
    });
  } catch (error) {
    if (error instanceof TargetError) cannotRun(error.message);
    throw error;
  }
  if (flags.reporter !== 'pretty') {
    const report = flags.reporter === 'junit' ? junitReport(summary) : jsonReport(summary);
    if (flags.output) writeFileSync(flags.output, report);
    else console.log(report);
  }
  human(prettySummary(summary));
  process.exitCode = summary.failed > 0 || summary.errored > 0 || abort.signal.aborted ? 1 : 0;
}

main().catch((error) => {
  console.error(`allsign-conformance: ${(error as Error)?.stack ?? String(error)}`);
  process.exit(2);
});
