// Reads a vitest run's machine reports (vitest.config.ts writes them to reports/, or to
// ALLSIGN_TEST_REPORTS) and fails when they count a failed test or file, an unhandled error, or no
// test at all, or when they are missing: CI's second opinion beside `npm test`'s exit code.
// Usage: tsx scripts/test-report.ts [DIR]
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testReports } from '../test/support/test-reports.js';

export interface TestReportVerdict {
  ok: boolean;
  summary: string;
  problems: string[];
}

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  success: boolean;
  testResults: { name: string; status: string; message: string }[];
}

interface VerdictReport {
  reason: string;
  files: number;
  unhandledErrors: string[];
}

export function readTestReports(dir?: string): TestReportVerdict {
  const paths = testReports(dir);
  const missing = [paths.json, paths.verdict].filter((p) => !existsSync(p));
  if (missing.length) return { ok: false, summary: 'no report', problems: missing.map((p) => `missing report ${p}: the run ended before its reporters wrote`) };
  const json = JSON.parse(readFileSync(paths.json, 'utf8')) as JsonReport;
  const verdict = JSON.parse(readFileSync(paths.verdict, 'utf8')) as VerdictReport;
  const problems: string[] = [];
  if (json.numFailedTests > 0) problems.push(`${json.numFailedTests} failed test(s)`);
  for (const file of json.testResults.filter((f) => f.status === 'failed')) problems.push(`file failed: ${file.name}${file.message ? ` (${file.message.split('\n')[0]})` : ''}`);
  if (json.numTotalTests === 0) problems.push('no test at all was counted');
  if (!json.success) problems.push('vitest reports success: false');
  for (const error of verdict.unhandledErrors) problems.push(`unhandled error: ${error}`);
  if (verdict.reason !== 'passed') problems.push(`the run ended ${verdict.reason}`);
  const summary = `${json.numTotalTests} tests in ${json.numTotalTestSuites} suites: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped; ${json.numFailedTestSuites} suites failed; ${verdict.unhandledErrors.length} unhandled errors; run ${verdict.reason}`;
  return { ok: problems.length === 0, summary, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = readTestReports(process.argv[2]);
  console.log(`vitest report: ${result.summary}`);
  for (const problem of result.problems) console.log(`  ✗ ${problem}`);
  process.exit(result.ok ? 0 : 1);
}
