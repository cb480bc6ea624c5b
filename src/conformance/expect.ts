import { AsyncLocalStorage } from 'node:async_hooks';
import { isDeepStrictEqual, inspect } from 'node:util';
import { ConformanceFailure, type Answer } from './client.js';
import { inferred, type Decision } from './contract/decisions.js';
import type { DecisionLedger } from './contract/ledger.js';
import type { ExchangeRecord, Note } from './types.js';

const SHOWN = 400;
const show = (value: unknown) => {
  const text = inspect(value, { depth: 4, breakLength: Infinity, maxStringLength: 200, maxArrayLength: 5 });
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
};

/** What an assertion rests on: a sentence of the reference, or an x-inferred decision of the contract. */
export type Basis = 'documented' | Decision;

/** The check an assertion belongs to; the runner opens one per check. */
export interface AssertionScope {
  /** the basis of assertions that name none: documented, or the decision an inferred check rests on */
  basis: Basis;
  log: ExchangeRecord[];
  notes: Note[];
  ledger: DecisionLedger;
  seenIn: string;
}

const scopes = new AsyncLocalStorage<AssertionScope>();

export function inScope<T>(scope: AssertionScope, work: () => Promise<T>): Promise<T> {
  return scopes.run(scope, work);
}

/**
 * A documented assertion that fails throws and fails the check. An inferred one is noted with its
 * decision and returns false, so the check goes on to its documented assertions; the outcome
 * (warned, or failed under --strict) is settled when the check ends.
 */
function settle(ok: boolean, what: string, why: () => string, basis?: Basis): boolean {
  const scope = scopes.getStore();
  const on = basis ?? scope?.basis ?? 'documented';
  const exchange = scope?.log.at(-1);
  const message = ok ? '' : `${what}: ${why()}`;
  if (on !== 'documented' && scope) {
    if (ok) scope.ledger.agree(on);
    else scope.ledger.contradict(on, { message, seenIn: scope.seenIn, exchange });
  }
  if (ok) return true;
  if (on === 'documented' || !scope) throw new ConformanceFailure(message);
  scope.notes.push({ assertion: what, message, decision: on, exchange, seenIn: scope.seenIn });
  return false;
}

export function expectStatus(res: Answer, status: number, what: string, basis?: Basis): boolean {
  return settle(res.status === status, what, () => `expected status ${status}, got ${res.status} ${show(res.body)}`, basis);
}

/** The operation works (a 2xx, documented) and answers the contract's status (which rests on `exact`). */
export function expectSuccess(res: Answer, status: number, what: string, exact: Decision): boolean {
  settle(res.status >= 200 && res.status < 300, what, () => `expected success, got ${res.status} ${show(res.body)}`, 'documented');
  return expectStatus(res, status, `${what} status`, exact);
}

export function expectEqual(actual: unknown, expected: unknown, what: string, basis?: Basis): boolean {
  return settle(isDeepStrictEqual(actual, expected), what, () => `expected ${show(expected)}, got ${show(actual)}`, basis);
}

export function expectTrue(condition: unknown, what: string, actual?: unknown, basis?: Basis): boolean {
  return settle(Boolean(condition), what, () => (actual === undefined ? 'not so' : `got ${show(actual)}`), basis);
}

/** FastAPI's validation body is the contract's choice, so naming `loc` always rests on it. */
export const VALIDATION_BODY = '#/components/schemas/ValidationErrorResponse';

/** A 422 whose detail names the given location (FastAPI's loc), or at least is a 422. */
export function expect422(res: Answer, what: string, loc?: (string | number)[], basis?: Basis): boolean {
  if (!expectStatus(res, 422, what, basis)) return false;
  if (!loc) return true;
  const detail = (res.body as { detail?: unknown } | undefined)?.detail;
  const named = Array.isArray(detail) && detail.some((d) => isDeepStrictEqual((d as { loc?: unknown }).loc, loc));
  return expectTrue(named, `${what}: the 422 names ${JSON.stringify(loc)}`, detail, inferred(VALIDATION_BODY));
}
