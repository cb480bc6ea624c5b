import junitModule, { type Builder } from 'junit-report-builder';
import type { RunSummary } from '../types.js';
import { failureText } from './failure-text.js';
import { coverageTable, decisionsReport, generationLine } from './tables.js';

// a CommonJS package with an ES default: Node hands over the builder, some bundlers its exports object
const junit = ((junitModule as unknown as { default?: Builder }).default ?? junitModule) as unknown as Builder;

/**
 * JUnit XML for CI: a testcase per check (warnings pass, with the warning and its decision on
 * stderr); then a suite with a case per operation for coverage and one per x-inferred decision,
 * which never fail: they inform.
 */
export function junitReport(summary: RunSummary): string {
  const builder = junit.newBuilder();
  const suite = builder.testSuite().name(`allsign-conformance ${summary.baseUrl}`).timestamp(new Date()).time(summary.durationMs / 1000);
  suite.property('runId', summary.runId).property('strict', String(summary.strict)).property('seed', String(summary.seed)).property('generate', String(summary.generate));
  for (const r of summary.results) {
    const test = suite.testCase().className(r.id.split('.')[0]!).name(`${r.id} — ${r.title}`).time(r.durationMs / 1000);
    test.property('origin', r.origin).property('provenance', r.provenance).property('kind', r.kind);
    if (r.decision) test.property('decision', r.decision.pointer);
    for (const [i, n] of (r.notes ?? []).entries()) if (n.decision) test.property(`note.${i}.decision`, n.decision.pointer);
    if (r.outcome === 'failed') test.failure(r.message ?? 'failed').standardError(failureText(r));
    else if (r.outcome === 'errored') test.error(r.message ?? 'errored').standardError(failureText(r));
    else if (r.outcome === 'warned') test.standardError(`WARNING (rests on x-inferred decisions; gates only with --strict):\n${failureText(r)}`);
    else if (r.outcome === 'skipped') test.skipped().standardOutput(r.message ?? 'skipped');
  }
  const coverage = builder.testSuite().name('coverage: operations × declared statuses');
  coverage.property('summary', coverageTable(summary.coverage)[0]!).property('generation', generationLine(summary));
  for (const row of summary.coverage) {
    const test = coverage.testCase().className('coverage').name(`${row.operationId} ${row.method} ${row.path}`);
    for (const [status, n] of Object.entries(row.statuses)) test.property(`status.${status}`, String(n));
  }
  const decisions = builder.testSuite().name('inferred decisions: agreed, contradicted, not exercised');
  decisions.property('summary', decisionsReport(summary.decisions)[0]!);
  for (const d of summary.decisions) {
    const test = decisions.testCase().className('decision').name(`${d.verdict}: ${d.pointer}`);
    test.property('verdict', d.verdict).property('agreements', String(d.agreements)).property('text', d.text);
    if (d.contradictions.length) test.standardError(decisionsReport([d]).slice(1).join('\n'));
  }
  return builder.build();
}
