import type { FindingGroup, TrafficReport } from '../book.js';
import { header, type Exchange } from '../exchange.js';

const LABEL: Record<FindingGroup['provenance'], string> = { documented: 'DOCUMENTED', inferred: 'INFERRED', gap: 'GAP', client: 'CLIENT', difference: 'DIFFERS' };
const SNIPPET = 300;

const snippet = (text: string | undefined) => (text === undefined || text === '' ? '' : ` ${text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text}`);

/** An exchange in two or three lines, for people. */
export function exchangeLines(e: Exchange, indent: string): string[] {
  const lines = [`${indent}request: ${e.request.method} ${e.request.url}${snippet(e.request.body?.text)}`];
  if (e.response) lines.push(`${indent}response: ${e.response.status} ${header(e.response.headers, 'content-type') ?? ''}${snippet(e.response.body?.text)}`);
  if (e.error) lines.push(`${indent}no answer: ${e.error}`);
  return lines;
}

/** What a group rests on, in words: the decision for an inferred one. */
export function basisLine(g: FindingGroup): string {
  if (g.provenance === 'inferred' && g.decision) return `rests on ${g.decision.pointer}: ${JSON.stringify(g.decision.text)}`;
  if (g.provenance === 'documented') return `documented: it gates${g.reference ? ` (the reference: ${JSON.stringify(g.reference)})` : ''}`;
  if (g.provenance === 'gap') return 'the contract does not speak to it';
  if (g.provenance === 'difference') return 'the replay was answered otherwise than the recording';
  return "the client's request broke the contract and the server refused it";
}

export function groupTitle(g: FindingGroup): string {
  return `${LABEL[g.provenance]} ${g.id} ×${g.count}  ${g.operationId ?? '(no operation)'} ${g.status ?? '-'} ${g.field}  ${g.check}`;
}

export function countsLine(r: TrafficReport): string {
  const skipped = Object.entries(r.skipped).map(([why, n]) => `${n} ${why}`);
  const parts = [`${r.exchanges} exchanges`, `${r.judged} judged`, ...(skipped.length ? [`skipped: ${skipped.join(', ')}`] : []), `${r.unanswered} unanswered`];
  if (r.bodiesNotValidated) parts.push(`${r.bodiesNotValidated} bodies past the bound (not schema-checked)`);
  if (r.droppedGroups) parts.push(`${r.droppedGroups} findings past the report's bound (counted, not kept)`);
  if (r.notJudged) parts.push(`${r.notJudged} forwarded but not judged (the validator was behind)`);
  if (r.validatorErrors) parts.push(`${r.validatorErrors} exchanges the validator failed on`);
  return parts.join(', ');
}

export function findingsLine(r: TrafficReport): string {
  const n = (p: FindingGroup['provenance']) => r.findings.filter((g) => g.provenance === p).length;
  const differences = n('difference');
  return `${r.findings.length} distinct findings: ${n('documented')} documented, ${n('inferred')} inferred, ${n('gap')} gaps${differences ? `, ${differences} replay differences` : ''}`;
}

export function verdictLine(r: TrafficReport): string {
  if (r.failOn === 'none') return `--fail-on none: ${r.findings.length} findings, none gates`;
  return `--fail-on ${r.failOn}: ${r.failing} matching finding${r.failing === 1 ? '' : 's'}${r.failing ? ' (exit 1)' : ' (exit 0)'}`;
}
