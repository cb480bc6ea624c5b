import type { CheckResult, RunSummary } from '../types.js';
import { failureText } from './failure-text.js';
import { coverageTable, decisionsReport, generationLine } from './tables.js';

const MARK: Record<CheckResult['outcome'], string> = { passed: '✓', failed: '✗', warned: '!', skipped: '-', errored: 'E' };

/** One line per check as it finishes, for people watching. */
export function prettyProgress(write: (line: string) => void) {
  return (r: CheckResult) => {
    const note =
      r.outcome === 'skipped' ? ` (skipped: ${r.message})` : r.outcome === 'warned' ? ' (warning: rests on an x-inferred decision)' : r.outcome === 'errored' ? ` (error, not a finding: ${r.message})` : '';
    write(`${MARK[r.outcome]} ${r.id} — ${r.title}${note}`);
  };
}

/**
 * Failures and warnings in full, the coverage table and the inferred-decisions report, then the
 * counts; warnings (and errors) on the line before the last, which is `N passed, N failed, N skipped`.
 */
export function prettySummary(summary: RunSummary): string {
  const out: string[] = [''];
  for (const r of summary.results.filter((x) => x.outcome === 'failed')) out.push(`FAILED ${failureText(r)}`, '');
  for (const r of summary.results.filter((x) => x.outcome === 'warned')) out.push(`WARNING (rests on x-inferred decisions; gates only with --strict) ${failureText(r)}`, '');
  for (const r of summary.results.filter((x) => x.outcome === 'errored')) out.push(`ERROR (the check could not judge the target: no answer, or the suite's own error) ${failureText(r)}`, '');
  out.push(...coverageTable(summary.coverage), '', ...decisionsReport(summary.decisions), '');
  if (summary.leftDocuments.length) {
    out.push(`note: the contract has no document delete; ${summary.leftDocuments.length} documents of run ${summary.runId} remain without the run's participants: ${summary.leftDocuments.join(', ')}`);
  }
  out.push(generationLine(summary));
  out.push(`run ${summary.runId} against ${summary.baseUrl} in ${(summary.durationMs / 1000).toFixed(1)} s${summary.strict ? ' (strict)' : ''}`);
  const errored = summary.errored ? `; ${summary.errored} errored (no answer, or the suite's own error: the run does not pass)` : '';
  out.push(`${summary.warned} warned (not gating: they rest on x-inferred decisions; --strict fails them)${errored}`);
  out.push(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  return out.join('\n');
}
