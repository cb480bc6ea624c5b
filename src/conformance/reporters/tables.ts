import type { DecisionReport } from '../contract/ledger.js';
import type { CoverageRow, RunSummary } from '../types.js';
import { exchangeLines } from './failure-text.js';

/** Operations × declared statuses: `200:12` seen twelve times, `404:-` declared and never seen. */
export function coverageTable(rows: CoverageRow[]): string[] {
  const width = Math.max(...rows.map((r) => r.operationId.length));
  let declared = 0;
  let seen = 0;
  const lines = rows.map((r) => {
    const cells = Object.entries(r.statuses).map(([status, n]) => {
      if (status !== 'undeclared') {
        declared++;
        if (n > 0) seen++;
      }
      return `${status}:${n > 0 ? n : '-'}`;
    });
    return `  ${r.operationId.padEnd(width)}  ${cells.join(' ')}`;
  });
  return [`coverage: ${seen} of ${declared} declared statuses exercised (operation  status:answers, - never seen)`, ...lines];
}

/** For every x-inferred decision: agreed, contradicted (with the exchange that shows it), or not exercised. */
export function decisionsReport(decisions: DecisionReport[]): string[] {
  const count = (v: DecisionReport['verdict']) => decisions.filter((d) => d.verdict === v).length;
  const lines = [
    `inferred decisions: ${count('agreed')} agreed, ${count('contradicted')} contradicted, ${count('not exercised')} not exercised (of ${decisions.length} x-inferred in the contract)`,
  ];
  for (const verdict of ['contradicted', 'agreed', 'not exercised'] as const) {
    for (const d of decisions.filter((x) => x.verdict === verdict)) {
      lines.push(`  ${verdict.padEnd(13)} ${d.pointer}  ${JSON.stringify(d.text)}`);
      for (const c of d.contradictions) {
        lines.push(`      ${c.message} (seen in ${c.seenIn})`);
        if (c.exchange) lines.push(...exchangeLines(c.exchange, '        '));
      }
    }
  }
  return lines;
}

export function generationLine(summary: RunSummary): string {
  return summary.generate > 0
    ? `generated up to ${summary.generate} requests per operation from seed ${summary.seed} (--seed ${summary.seed} draws the same ones)`
    : 'generation off (--generate 0, or no generic check selected)';
}
