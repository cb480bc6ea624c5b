import type { FindingGroup, TrafficReport } from '../book.js';
import { basisLine, countsLine, findingsLine, verdictLine } from './text.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function table(groups: FindingGroup[]): string[] {
  const rows = groups.map((g) =>
    `| ${g.provenance} | \`${g.id}\` | ${g.count} | ${cell(g.operationId ?? '-')} | ${g.status ?? '-'} | \`${cell(g.field)}\` | ${cell(g.message)} | ${cell(basisLine(g))} |`,
  );
  return ['| provenance | id | count | operation | status | field | first message | rests on |', '|---|---|---:|---|---:|---|---|---|', ...rows];
}

/** The report for a pull request comment or a job summary. */
export function markdownTraffic(r: TrafficReport): string {
  const out = [`## Contract findings from traffic`, '', `${r.source}: ${countsLine(r)}.`, '', `**${findingsLine(r)}** — ${verdictLine(r)}`, ''];
  if (r.findings.length) out.push(...table(r.findings), '');
  if (r.clientRequests.length) out.push(`### Requests that broke the contract and were refused`, '', ...table(r.clientRequests), '');
  out.push(`### Never exercised`, '');
  out.push(`- operations: ${r.unexercised.operations.map((o) => `\`${o}\``).join(', ') || 'none'}`);
  out.push(`- declared statuses: ${r.unexercised.statuses.map((s) => `\`${s.operationId} ${s.status}\``).join(', ') || 'none'}`, '');
  const count = (v: string) => r.decisions.filter((d) => d.verdict === v).length;
  out.push(`### Inferred decisions`, '', `${count('agreed')} agreed, ${count('contradicted')} contradicted, ${count('not exercised')} not seen.`, '');
  for (const d of r.decisions.filter((x) => x.verdict === 'contradicted')) {
    out.push(`- **contradicted** \`${d.pointer}\`: ${cell(d.text)}`);
    for (const c of d.contradictions) out.push(`  - ${cell(c.message)}`);
  }
  return `${out.join('\n')}\n`;
}
