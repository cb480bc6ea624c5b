// Number and URL options of every command line here (allsign-mock, allsign-conformance, the
// repository's own scripts), refused with commander's usage error rather than turned into NaN, a
// fraction or a URL that cannot be the target.
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

/**
 * A parser of an http(s) URL that paths are appended to (no query, no fragment), naming the option
 * it reads in its refusal.
 */
export function baseUrl(name: string): (value: string) => URL {
  return (value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new InvalidArgumentError(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
    if (url.search || url.hash) throw new InvalidArgumentError(`${name} must not carry a query or a fragment, got ${JSON.stringify(value)}`);
    return url;
  };
}
