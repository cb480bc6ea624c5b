// Where a vitest run writes its machine reports: reports/ (or ALLSIGN_TEST_REPORTS), read by
// scripts/test-report.ts after the run.
import { join } from 'node:path';

export function testReports(dir = process.env.ALLSIGN_TEST_REPORTS ?? 'reports') {
  return { json: join(dir, 'vitest.json'), verdict: join(dir, 'vitest-verdict.json') };
}
