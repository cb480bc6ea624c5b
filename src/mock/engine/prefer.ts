import type { Operation } from '../../contract/index.js';
import { Errors } from './http-errors.js';

/** The `Prefer` header's preferences (RFC 7240), lower-cased names: `code=422, example=duplicate`. */
export function preferences(header: string | undefined): Map<string, string> {
  const found = new Map<string, string>();
  if (!header) return found;
  for (const part of header.split(/[,;]/)) {
    const m = /^\s*([a-z][a-z0-9_-]*)\s*(?:=\s*"?([^"]*)"?\s*)?$/i.exec(part);
    if (m) found.set(m[1]!.toLowerCase(), m[2] ?? '');
  }
  return found;
}

/** `Prefer: code=NNN` (as in Prism): that status with the contract's example, nothing changed. */
export function preferredExample(prefs: Map<string, string>, op: Operation): { status: number; body: unknown } | undefined {
  const code = prefs.get('code');
  if (code === undefined || !/^\d{3}$/.test(code)) return undefined;
  const response = op.responses.find((r) => r.status === code);
  if (!response || response.examples.length === 0) {
    throw Errors.preferNotDeclared(code, op.operationId, op.responses.map((r) => r.status).filter((s) => s !== 'default'));
  }
  return { status: Number(code), body: response.examples[0] };
}
