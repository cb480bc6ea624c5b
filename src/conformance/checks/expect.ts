import { AsyncLocalStorage } from 'node:async_hooks';
import { isDeepStrictEqual, inspect } from 'node:util';
import { ConformanceFailure, type Answer } from '../http/client.js';
import { type Decision, inferred, loadContract, provenance } from '../../contract/index.js';
import { DECIDED } from '../contract/decided.js';
import type { DecisionLedger } from '../contract/ledger.js';
import type { ExchangeRecord, Note } from '../types.js';

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

const sameClass = (a: number, b: number) => Math.floor(a / 100) === Math.floor(b / 100);
const classOf = (status: number) => `${Math.floor(status / 100)}xx`;

/** What the exact status of an answer rests on: the contract's mark for it on the exchange's operation. */
function statusBasis(res: Answer, status: number): Basis {
  const op = res.exchange.operationId ? loadContract().operation(res.exchange.operationId) : undefined;
  const basis = op ? provenance().status(op, status) : undefined;
  return basis?.provenance === 'inferred' ? basis.decision : 'documented';
}

/**
 * The answer's status. In a documented check its class is the check's own ground (the operation
 * works: a 2xx; it refuses: a 4xx) and gates; the exact code gates only where the reference gives it,
 * and otherwise rests on the contract's decision for it (a 404, PUT's 200, a bulk 200). With a basis,
 * or in an inferred check, the exact code rests on that basis as a whole.
 */
export function expectStatus(res: Answer, status: number, what: string, basis?: Basis): boolean {
  const on = basis ?? scopes.getStore()?.basis ?? 'documented';
  if (on !== 'documented') return settle(res.status === status, what, () => `expected status ${status}, got ${res.status} ${show(res.body)}`, on);
  const exact = statusBasis(res, status);
  if (exact === 'documented') return settle(res.status === status, what, () => `expected status ${status}, got ${res.status} ${show(res.body)}`, 'documented');
  settle(sameClass(res.status, status), what, () => `expected a ${classOf(status)}, got ${res.status} ${show(res.body)}`, 'documented');
  return settle(res.status === status, `${what} status`, () => `expected status ${status}, got ${res.status} ${show(res.body)}`, exact);
}

export function expectEqual(actual: unknown, expected: unknown, what: string, basis?: Basis): boolean {
  return settle(isDeepStrictEqual(actual, expected), what, () => `expected ${show(expected)}, got ${show(actual)}`, basis);
}

export function expectTrue(condition: unknown, what: string, actual?: unknown, basis?: Basis): boolean {
  return settle(Boolean(condition), what, () => (actual === undefined ? 'not so' : `got ${show(actual)}`), basis);
}

/**
 * The fields of an answer's object that a check names are what it says (the check's ground); a field
 * it does not name rests on the contract's decision that answers list their fields and no others.
 */
export function expectFields(actual: unknown, expected: Record<string, unknown>, what: string): boolean {
  const object = actual !== null && typeof actual === 'object' && !Array.isArray(actual) ? (actual as Record<string, unknown>) : undefined;
  if (!expectTrue(object, what, actual)) return false;
  if (!expectEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, object![k]])), expected, what)) return false;
  const others = Object.keys(object!).filter((k) => !Object.hasOwn(expected, k));
  return expectTrue(others.length === 0, `${what}: no fields but those`, others, inferred(DECIDED.closedAnswers));
}

export interface Refusal {
  /** where FastAPI's body should say the problem is (`["query", "pageSize"]`): the body is the contract's choice */
  loc?: (string | number)[];
  /** what "refused with 422" rests on: the reference where it names 422 for the rule, else the contract's decision */
  status?: Basis;
  /** the decision the whole assertion rests on, where it is not the check's (page 0 refused rests on pages starting at 1) */
  on?: Decision;
}

/**
 * A request the check's rule refuses: refused (a 4xx) is the rule's own ground and gates; that the
 * refusal is a 422, that its body is FastAPI's `{"detail": [...]}`, and that it names `loc` rest on
 * the contract's decisions, unless the reference names the 422 itself (`status: 'documented'`). In an
 * inferred check all of it rests on the check's decision.
 */
export function expectRefused(res: Answer, what: string, refusal: Refusal = {}): boolean {
  const scoped = refusal.on ?? scopes.getStore()?.basis ?? 'documented';
  const refused = (status: number) => status >= 400 && status < 500;
  if (!settle(refused(res.status), what, () => `expected a refusal (4xx), got ${res.status} ${show(res.body)}`, scoped)) return false;
  const status = scoped !== 'documented' ? scoped : (refusal.status ?? inferred(DECIDED.refusalStatus));
  if (!settle(res.status === 422, `${what}: 422`, () => `expected status 422, got ${res.status} ${show(res.body)}`, status)) return false;
  const body = scoped !== 'documented' ? scoped : inferred(DECIDED.validationBody);
  const detail = (res.body as { detail?: unknown } | undefined)?.detail;
  if (!settle(Array.isArray(detail), `${what}: FastAPI's {"detail": [...]}`, () => `got ${show(res.body)}`, body)) return false;
  if (!refusal.loc) return true;
  const named = (detail as unknown[]).some((d) => isDeepStrictEqual((d as { loc?: unknown } | null)?.loc, refusal.loc));
  return settle(named, `${what}: the 422 names ${JSON.stringify(refusal.loc)}`, () => `got ${show(detail)}`, body);
}

/**
 * A bulk item the rule refuses, as the reference allows: with the whole request (a 4xx) or alone, in
 * its `details[]` entry with the rest processed ("Cada item se ejecuta de forma independiente").
 * Which of the two rests on `consequence`, the contract's decision for that list.
 */
export function expectItemRefused(res: Answer, index: number, what: string, consequence: Decision): boolean {
  const detail = (res.body as { details?: { success?: unknown }[] } | undefined)?.details?.[index];
  const alone = res.status >= 200 && res.status < 300 && detail?.success === false;
  if (!settle(alone || (res.status >= 400 && res.status < 500), what, () => `expected it refused (a 4xx, or its item failed), got ${res.status} ${show(res.body)}`, 'documented')) return false;
  return settle(res.status === 422, `${what}: the whole request refused (422)`, () => `got ${res.status} ${show(res.body)}`, consequence);
}
