import { adminLimits, type Operation } from '../../contract/index.js';
import { isFailureStatus, type FaultEffect } from './faults.js';
import { Errors } from './http-errors.js';
import { FAULT_KINDS, type FaultKind } from './types.js';

const isFaultKind = (value: string): value is FaultKind => (FAULT_KINDS as readonly string[]).includes(value);
/** "fault=reset, fault=empty or fault=truncate" */
const FAULT_CHOICES = FAULT_KINDS.map((kind) => `fault=${kind}`).join(', ').replace(/, ([^,]*)$/, ' or $1');

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

export interface Preferred {
  /** `code=NNN` of a status the operation declares: that status with the contract's example, nothing changed */
  example?: { status: number; body: unknown };
  /** `code=` of an undeclared 5xx or 429, `fault=`, `delay=`: a failure to rehearse */
  effect?: FaultEffect;
}


/**
 * What a client asks for with `Prefer` (as in Prism, plus failures): `code=NNN` answers the
 * contract's example for a declared status, or FastAPI's body for any 5xx or 429; `fault=reset|
 * empty|truncate` breaks the answer; `delay=MS` waits first. Unknown preferences are ignored (RFC
 * 7240); a known one with a bad value is a 400 that says what it takes.
 */
export function preferred(prefs: Map<string, string>, op: Operation): Preferred {
  const result: Preferred = {};
  const effect: FaultEffect = {};
  const code = prefs.get('code');
  if (code !== undefined) {
    const response = /^\d{3}$/.test(code) ? op.responses.find((r) => r.status === code) : undefined;
    if (response && response.examples.length > 0) result.example = { status: Number(code), body: response.examples[0] };
    else if (isFailureStatus(Number(code))) effect.status = Number(code);
    else throw Errors.preferNotDeclared(code, op.operationId, op.responses.map((r) => r.status).filter((s) => s !== 'default'));
  }
  const fault = prefs.get('fault');
  if (fault !== undefined) {
    if (!isFaultKind(fault)) throw Errors.preferFaultInvalid(fault, FAULT_CHOICES);
    effect.fault = fault;
  }
  const delay = prefs.get('delay');
  if (delay !== undefined) {
    const max = adminLimits().faultDelayMs;
    if (!/^\d+$/.test(delay) || Number(delay) > max) throw Errors.preferDelayInvalid(delay, max);
    effect.delayMs = Number(delay);
  }
  if (Object.keys(effect).length) result.effect = effect;
  return result;
}
