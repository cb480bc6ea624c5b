import { expectTrue, type Basis } from './expect.js';

// Reading what a target answered. A body is `unknown` until narrowed: a target that answers
// `{"detail": []}` where the reference shows an envelope fails an assertion that shows the exchange,
// never a TypeError in the suite.

type Key = string | number;

/** The value at a path of a JSON value, or undefined where there is none: reading never throws. */
export function at(value: unknown, ...path: Key[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<Key, unknown>)[key];
  }
  return current;
}

export const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** An object the check reads on (it fails the check, or with a decision warns and gives {}, when it is not one). */
export function objectAt(value: unknown, what: string, basis?: Basis): Record<string, unknown> {
  return expectTrue(isObject(value), `${what} is an object`, value ?? null, basis) ? (value as Record<string, unknown>) : {};
}

/** A list the check reads on (it fails the check, or with a decision warns and gives [], when it is not one). */
export function listAt(value: unknown, what: string, basis?: Basis): unknown[] {
  return expectTrue(Array.isArray(value), `${what} is a list`, value ?? null, basis) ? (value as unknown[]) : [];
}

/** A string field the check needs (an id to go on with). */
export function stringAt(value: unknown, what: string, basis?: Basis): string {
  return expectTrue(typeof value === 'string', `${what} is a string`, value ?? null, basis) ? (value as string) : '';
}

/** The values at one path of each item of a list. */
export const pluck = (list: unknown[], ...path: Key[]): unknown[] => list.map((item) => at(item, ...path));

/** Some fields of each item, as tuples to compare. */
export const fieldsOf = (list: unknown[], ...keys: string[]): unknown[][] => list.map((item) => keys.map((k) => at(item, k)));
