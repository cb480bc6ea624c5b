// Proves that the test command gates: runs `npm test` (the project's own config, its PostgreSQL
// global setup included) on small fixture files that fail in each way a run can fail, and requires
// a non-zero exit and a report that says so for each, and a zero exit and a clean report for one
// that passes. Run by .ci/run on every submission: `npm run check:test-gate`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTestReports } from './test-report.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test/gate/fixtures');
/** inside test/ so that the project's include pattern takes them; .gitignore'd, removed after each run */
const runDir = join(root, 'test/gate/run');

interface Case {
  name: string;
  fixture: string;
  env?: Record<string, string>;
  passes: boolean;
}

const cases: Case[] = [
  { name: 'a passing test', fixture: 'passes', passes: true },
  { name: 'a failed assertion', fixture: 'failed-assertion', passes: false },
  { name: 'a hook that throws (the file fails, its tests are skipped)', fixture: 'hook-throws', passes: false },
  { name: 'an import error', fixture: 'import-error', passes: false },
  { name: 'an unhandled rejection in a passing test', fixture: 'unhandled-rejection', passes: false },
  { name: 'an uncaught exception in a passing test', fixture: 'uncaught-exception', passes: false },
  { name: 'a file with no test', fixture: 'no-tests', passes: false },
  // nothing listens on port 1: the global setup cannot reach its PostgreSQL server
  { name: 'a global setup that fails', fixture: 'passes', env: { ALLSIGN_TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres' }, passes: false },
];

const known = new Set(cases.map((c) => `${c.fixture}.fixture.ts`));
const unused = readdirSync(fixtures).filter((f) => !known.has(f));
if (unused.length) {
  console.error(`fixtures no case runs: ${unused.join(', ')}`);
  process.exit(1);
}

let wrong = 0;
for (const c of cases) {
  mkdirSync(runDir, { recursive: true });
  const file = join(runDir, `${c.fixture}.test.ts`);
  const reports = mkdtempSync(join(tmpdir(), 'allsign-gate-'));
  copyFileSync(join(fixtures, `${c.fixture}.fixture.ts`), file);
  try {
    const run = spawnSync('npm', ['test', '--', `test/gate/run/${c.fixture}.test.ts`], {
      cwd: root,
      env: { ...process.env, ...c.env, ALLSIGN_TEST_REPORTS: reports },
      encoding: 'utf8',
      timeout: 300_000,
    });
    const report = readTestReports(reports);
    const exitOk = c.passes ? run.status === 0 : run.status !== 0 && run.status !== null;
    const reportOk = report.ok === c.passes;
    if (!exitOk || !reportOk) wrong++;
    const mark = exitOk && reportOk ? '✓' : '✗';
    console.log(`${mark} ${c.name}: npm test exited ${run.status ?? run.signal} (want ${c.passes ? '0' : 'non-zero'}); report ${report.ok ? 'clean' : 'failing'} (want ${c.passes ? 'clean' : 'failing'}): ${report.ok ? report.summary : report.problems[0]}`);
    if (!exitOk || !reportOk) console.log((run.stdout + run.stderr).split('\n').slice(-30).join('\n'));
  } finally {
    rmSync(file, { force: true });
    rmSync(reports, { recursive: true, force: true });
  }
}
rmSync(runDir, { recursive: true, force: true });
console.log(wrong ? `${wrong} of ${cases.length} cases did not gate as they must` : `all ${cases.length} cases gate as they must`);
process.exit(wrong ? 1 : 0);
