import junitModule, { type Builder } from 'junit-report-builder';
import { matchesFailOn, type TrafficReport } from '../book.js';
import { basisLine, exchangeLines } from './text.js';

const junit = ((junitModule as unknown as { default?: Builder }).default ?? junitModule) as unknown as Builder;

/** JUnit XML: a testcase per finding (a failure when it matches --fail-on), per unexercised operation (skipped), per decision. */
export function junitTraffic(r: TrafficReport): string {
  const builder = junit.newBuilder();
  const suite = builder.testSuite().name(`allsign-conformance traffic ${r.source}`).timestamp(new Date(r.startedAt));
  suite.property('exchanges', String(r.exchanges)).property('failOn', r.failOn);
  for (const g of [...r.findings, ...r.clientRequests]) {
    const test = suite.testCase().className(g.check).name(`${g.id} ${g.operationId ?? '-'} ${g.status ?? '-'} ${g.field}`);
    test.property('provenance', g.provenance).property('count', String(g.count)).property('firstSeen', g.firstSeen).property('lastSeen', g.lastSeen);
    if (g.decision) test.property('decision', g.decision.pointer);
    const text = [g.message, basisLine(g), ...exchangeLines(g.sample, '  ')].join('\n');
    if (matchesFailOn(g, r.failOn)) test.failure(g.message).standardError(text);
    else test.standardError(`WARNING (does not match --fail-on ${r.failOn}):\n${text}`);
  }
  for (const op of r.unexercised.operations) suite.testCase().className('coverage').name(`${op} never exercised`).skipped();
  const decisions = builder.testSuite().name('inferred decisions: agreed, contradicted, not seen');
  for (const d of r.decisions) {
    const test = decisions.testCase().className('decision').name(`${d.verdict}: ${d.pointer}`);
    test.property('verdict', d.verdict).property('agreements', String(d.agreements)).property('text', d.text);
    if (d.contradictions.length) test.standardError(d.contradictions.map((c) => c.message).join('\n'));
  }
  return builder.build();
}
