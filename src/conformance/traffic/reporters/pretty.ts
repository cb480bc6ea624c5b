import { decisionsReport } from '../../reporters/tables.js';
import type { TrafficReport } from '../book.js';
import { basisLine, countsLine, exchangeLines, findingsLine, groupTitle, verdictLine } from './text.js';

/** The report for a terminal: findings by importance with a sample each, what was never seen, the decisions, the verdict last. */
export function prettyTraffic(r: TrafficReport): string {
  const out = [``, `traffic from ${r.source}: ${countsLine(r)}`, findingsLine(r)];
  for (const g of r.findings) {
    out.push(`  ${groupTitle(g)}`, `      ${g.message}`, `      ${basisLine(g)}`, `      first seen ${g.firstSeen}, last ${g.lastSeen}`, ...exchangeLines(g.sample, '      '));
  }
  if (r.clientRequests.length) {
    out.push(`requests that broke the contract and were refused (the client's, not gating): ${r.clientRequests.length}`);
    for (const g of r.clientRequests) out.push(`  ${groupTitle(g)}`, `      ${g.message}`);
  }
  const statuses = r.unexercised.statuses.map((s) => `${s.operationId} ${s.status}`);
  out.push(`never exercised: ${r.unexercised.operations.length} operations${r.unexercised.operations.length ? ` (${r.unexercised.operations.join(', ')})` : ''}; ${statuses.length} declared statuses${statuses.length ? ` (${statuses.join(', ')})` : ''}`);
  out.push(...decisionsReport(r.decisions));
  out.push(verdictLine(r));
  return out.join('\n');
}
