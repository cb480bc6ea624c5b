import { inspect } from 'node:util';
import type { CheckResult } from '../types.js';

const show = (v: unknown) => inspect(v, { depth: 5, breakLength: 120, maxStringLength: 400, maxArrayLength: 10 });

/** What a person needs to see of a failed check: why, the request, the response. */
export function failureText(result: CheckResult): string {
  const lines = [`${result.id}: ${result.title}`, `  why: ${result.message ?? '(no message)'}`];
  if (result.reference) lines.push(`  reference: ${result.reference}`);
  const last = result.exchanges?.at(-1);
  if (last) {
    lines.push(`  request: ${last.request.method} ${last.request.url}${last.request.body === undefined ? '' : ` ${show(last.request.body)}`}`);
    if (last.response) lines.push(`  response: ${last.response.status} ${last.response.contentType ?? ''} ${show(last.response.body)}`);
    if (last.error) lines.push(`  error: ${last.error}`);
  }
  return lines.join('\n');
}
