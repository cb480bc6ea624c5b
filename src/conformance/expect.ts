import { isDeepStrictEqual, inspect } from 'node:util';
import { ConformanceFailure, type Response } from './client.js';

const show = (value: unknown) => inspect(value, { depth: 6, breakLength: Infinity, maxStringLength: 300 });

/** Assertions that say what was expected and what came back. */
export function expectStatus(res: Response, status: number, what: string): void {
  if (res.status !== status) throw new ConformanceFailure(`${what}: expected status ${status}, got ${res.status} ${show(res.body)}`);
}

export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) throw new ConformanceFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function expectTrue(condition: unknown, what: string, actual?: unknown): void {
  if (!condition) throw new ConformanceFailure(`${what}${actual === undefined ? '' : `; got ${show(actual)}`}`);
}

/** A 422 whose detail names the given location (FastAPI's loc), or at least is a 422. */
export function expect422(res: Response, what: string, loc?: (string | number)[]): void {
  expectStatus(res, 422, what);
  if (!loc) return;
  const detail = (res.body as { detail?: unknown }).detail;
  const named = Array.isArray(detail) && detail.some((d) => isDeepStrictEqual((d as { loc?: unknown }).loc, loc));
  expectTrue(named, `${what}: expected the 422 to name ${JSON.stringify(loc)}`, detail);
}
