// Number options of every command line here (allsign-mock, allsign-conformance, the repository's
// own scripts), refused with commander's usage error rather than turned into NaN or a fraction.
import { InvalidArgumentError } from 'commander';

/** A parser of a whole number from `min` (to `max` when there is one), naming the option it reads in its refusal. */
export function wholeNumber(name: string, min: number, max?: number): (value: string) => number {
  const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
  return (value) => {
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || (max !== undefined && n > max)) {
      throw new InvalidArgumentError(`${name} must be a whole number ${range}, got ${JSON.stringify(value)}`);
    }
    return n;
  };
}

/** A parser of a number greater than 0 (fractions allowed), naming the option it reads. */
export function positiveNumber(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || Number(value) <= 0) throw new InvalidArgumentError(`${name} must be a positive number, got ${JSON.stringify(value)}`);
    return Number(value);
  };
}
