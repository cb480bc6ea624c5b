#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { CHECKS } from './checks/index.js';
import { junitReport } from './reporters/junit.js';
import { prettyProgress, prettySummary } from './reporters/pretty.js';
import { TargetError, runConformance } from './runner.js';
import { unknownPatterns } from './select.js';
import type { RunSummary } from './types.js';

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
const positive = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`${name} must be a positive whole number`);
  return Number(value);
};
const url = (value: string) => {
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
    return value.replace(/\/+$/, '');
  } catch {
    throw new InvalidArgumentError(`--base-url must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
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
    .option('--strict', 'failing inferred checks fail the run too (they only warn otherwise)', false)
    .option('--read-only', 'run only checks that create nothing', false)
    .option('--only <ids>', 'comma-separated check ids or prefixes to run (repeatable)', list)
    .option('--skip <ids>', 'comma-separated check ids or prefixes to leave out (repeatable)', list)
    .addOption(new Option('--reporter <name>', 'report format').choices(['pretty', 'junit', 'json']).default('pretty'))
    .option('--output <file>', 'write the junit or json report to this file (pretty still prints)')
    .addOption(new Option('--timeout <ms>', 'timeout per request').default(10_000).argParser(positive('--timeout')))
    .addOption(new Option('--concurrency <n>', 'checks run at once').default(4).argParser(positive('--concurrency')))
    .option('--list', 'list the checks (id, provenance, kind, title) and exit')
    .addHelpText(
      'after',
      `
Exit codes: 0 every gating check passed; 1 a gating check failed (or the run was interrupted);
2 bad usage, an unreachable target or a rejected key. Documented checks always gate; inferred
checks warn unless --strict. Everything the run creates uses <run-id>…@example.com addresses and is
deleted at the end, also on failure and on Ctrl-C. The last line is "N passed, N failed, N skipped".`,
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
  timeout: number;
  concurrency: number;
  list?: boolean;
}

function usage(message: string): never {
  console.error(`allsign-conformance: ${message}\nRun allsign-conformance --help for usage.`);
  process.exit(2);
}

async function main(): Promise<void> {
  const cmd = program();
  try {
    cmd.parse(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2);
    throw error;
  }
  const flags = cmd.opts<Flags>();
  if (flags.list) {
    for (const c of CHECKS) console.log(`${c.id}\t${c.provenance}\t${c.kind}${c.creates ? '' : '\tread-only'}\t${c.title}`);
    return;
  }
  if (!flags.baseUrl) usage('--base-url (or ALLSIGN_BASE_URL) is required');
  if (!flags.apiKey) usage('--api-key (or ALLSIGN_API_KEY) is required');
  const unknown = unknownPatterns(CHECKS, [...(flags.only ?? []), ...(flags.skip ?? [])]);
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
      timeoutMs: flags.timeout,
      concurrency: flags.concurrency,
      signal: abort.signal,
      onResult: prettyProgress(human),
    });
  } catch (error) {
    if (error instanceof TargetError) usage(error.message);
    throw error;
  }
  if (flags.reporter !== 'pretty') {
    const report = flags.reporter === 'junit' ? junitReport(summary) : JSON.stringify(summary, null, 2);
    if (flags.output) writeFileSync(flags.output, report);
    else console.log(report);
  }
  human(prettySummary(summary));
  process.exitCode = summary.failed > 0 || abort.signal.aborted ? 1 : 0;
}

main().catch((error) => {
  console.error(`allsign-conformance: ${(error as Error)?.stack ?? String(error)}`);
  process.exit(2);
});
