import { inspect } from 'node:util';
import type { CheckResult, ExchangeRecord, Note } from '../types.js';

const show = (v: unknown) => inspect(v, { depth: 5, breakLength: 120, maxStringLength: 400, maxArrayLength: 10 });
const FULL_NOTES = 3;

export function exchangeLines(e: ExchangeRecord, indent: string): string[] {
  const auth = e.request.auth === 'none' ? ' (no Authorization)' : e.request.auth === 'made-up' ? ' (a made-up key)' : '';
  const lines = [`${indent}request: ${e.request.method} ${e.request.url}${auth}${e.request.body === undefined ? '' : ` ${show(e.request.body)}`}`];
  if (e.response) lines.push(`${indent}response: ${e.response.status} ${e.response.contentType ?? ''} ${show(e.response.body)}`);
  if (e.error) lines.push(`${indent}error: ${e.error}`);
  return lines;
}

/** Why a check warned (or, with --strict, failed) when only assertions resting on decisions did not hold. */
export function notesSummary(notes: Note[]): string {
  return `${notes.length} assertion${notes.length === 1 ? '' : 's'} resting on x-inferred decisions did not hold: ${notes.map((n) => n.assertion).join('; ')}`;
}

/** An assertion that did not hold: what, where it was seen, the decision it rests on, the exchange. */
export function noteText(note: Note, full: boolean): string[] {
  const lines = [`  - ${note.message}`];
  if (note.seenIn) lines.push(`    seen in: ${note.seenIn}`);
  lines.push(note.decision ? `    rests on ${note.decision.pointer}: ${JSON.stringify(note.decision.text)}` : `    documented: it gates${note.reference ? ` (the reference: ${JSON.stringify(note.reference)})` : ''}`);
  if (full && note.exchange) lines.push(...exchangeLines(note.exchange, '    '));
  return lines;
}

/** What a person needs to see of a failed or warned check: why, the assertions, the requests. */
export function failureText(result: CheckResult): string {
  const lines = [`${result.id}: ${result.title}`, `  why: ${result.message ?? '(no message)'}`];
  if (result.reference) lines.push(`  reference: ${result.reference}`);
  if (result.decision) lines.push(`  rests on ${result.decision.pointer}: ${JSON.stringify(result.decision.text)}`);
  const notes = result.notes ?? [];
  if (notes.length) {
    lines.push('  assertions that did not hold:');
    notes.forEach((n, i) => lines.push(...noteText(n, i < FULL_NOTES)));
  }
  // a check that ended on a documented failure shows the steps to it; notes carry their own exchanges
  if (result.origin === 'generic' || (notes.length > 0 && result.message === notesSummary(notes))) return lines.join('\n');
  const exchanges = result.exchanges ?? [];
  if (exchanges.length > 1) {
    // the steps that led there, one line each: a failure often only makes sense after them
    lines.push('  before:');
    for (const e of exchanges.slice(0, -1)) lines.push(`    ${e.request.method} ${e.request.url} → ${e.response?.status ?? e.error}`);
  }
  const last = exchanges.at(-1);
  if (last) lines.push(...exchangeLines(last, '  '));
  return lines.join('\n');
}
