import { inspect } from 'node:util';
import type { CheckResult } from '../types.js';

const show = (v: unknown) => inspect(v, { depth: 5, breakLength: 120, maxStringLength: 400, maxArrayLength: 10 });

/** What a person needs to see of a failed check: why, the request, the response. */
export function failureText(result: CheckResult): string {
  const lines = [`${result.id}: ${result.title}`, `  why: ${result.message ?? '(no message)'}`];
  if (result.reference) lines.push(`  reference: ${result.reference}`);
  const exchanges = result.exchanges ?? [];
  if (exchanges.length > 1) {
    // the steps that led there, one line each: a failure often only makes sense after them
    lines.push('  before:');
    for (const e of exchanges.slice(0, -1)) lines.push(`    ${e.request.method} ${e.request.url} → ${e.response?.status ?? e.error}`);
  }
  const last = exchanges.at(-1);
  if (last) {
    lines.push(`  request: ${last.request.method} ${last.request.url}${last.request.body === undefined ? '' : ` ${show(last.request.body)}`}`);
    if (last.response) lines.push(`  response: ${last.response.status} ${last.response.contentType ?? ''} ${show(last.response.body)}`);
    if (last.error) lines.push(`  error: ${last.error}`);
  }
  return lines.join('\n');
}
