import junitModule, { type Builder } from 'junit-report-builder';
import type { RunSummary } from '../types.js';
import { failureText } from './failure-text.js';

// a CommonJS package with an ES default: Node hands over the builder, some bundlers its exports object
const junit = ((junitModule as unknown as { default?: Builder }).default ?? junitModule) as unknown as Builder;

/** JUnit XML for CI: a testcase per check; warnings are passing cases with the warning on stderr. */
export function junitReport(summary: RunSummary): string {
  const builder = junit.newBuilder();
  const suite = builder.testSuite().name(`allsign-conformance ${summary.baseUrl}`).timestamp(new Date()).time(summary.durationMs / 1000);
  suite.property('runId', summary.runId).property('strict', String(summary.strict));
  for (const r of summary.results) {
    const test = suite.testCase().className(r.id.split('.')[0]!).name(`${r.id} — ${r.title}`).time(r.durationMs / 1000);
    test.property('provenance', r.provenance).property('kind', r.kind);
    if (r.outcome === 'failed') test.failure(r.message ?? 'failed').standardError(failureText(r));
    else if (r.outcome === 'warned') test.standardError(`WARNING (inferred check failed):\n${failureText(r)}`);
    else if (r.outcome === 'skipped') test.skipped().standardOutput(r.message ?? 'skipped');
  }
  return builder.build();
}
