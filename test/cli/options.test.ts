import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { baseUrl, positiveNumber, wholeNumber } from '../../src/cli/options.js';

// The option parsers every command line shares: a value is taken as written or refused with
// commander's usage error naming the option, never turned into NaN, a fraction or a bad URL.

const refusal = (parse: () => unknown) => {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('wholeNumber', () => {
  const port = wholeNumber('--port', 0, 65535);
  it('reads whole numbers in range, the bounds included', () => {
    expect([port('0'), port('65535'), port(' 4010 ')]).toEqual([0, 65535, 4010]);
    expect(wholeNumber('--seed', 0)('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });
  it.each(['-1', '65536', '1.5', '1e3', '0x10', '', 'NaN', 'Infinity', '+1'])('refuses %j, naming the option and the range', (value) => {
    expect(refusal(() => port(value))).toMatch(/^--port must be a whole number from 0 to 65535, got /);
  });
  it('refuses a number past the safe integers', () => {
    expect(refusal(() => wholeNumber('--seed', 0)('9007199254740993'))).toMatch(/^--seed must be a whole number of at least 0/);
  });
});

describe('positiveNumber', () => {
  it('reads fractions over 0 and refuses the rest', () => {
    expect(positiveNumber('--wait')('0.5')).toBe(0.5);
    for (const value of ['0', '-1', 'abc', '1e3', '']) expect(refusal(() => positiveNumber('--wait')(value))).toMatch(/--wait must be a positive number/);
  });
});

describe('baseUrl', () => {
  const parse = baseUrl('--base-url');
  it('reads http and https URLs, path included', () => {
    expect(parse('https://staging.example.com/api').pathname).toBe('/api');
    expect(parse('http://127.0.0.1:4010').origin).toBe('http://127.0.0.1:4010');
  });
  it.each([
    ['staging.example.com', /must be an http\(s\) URL/],
    ['ftp://staging.example.com', /must be an http\(s\) URL/],
    ['http://', /must be an http\(s\) URL/],
    ['http://x.example/?page=2', /must not carry a query or a fragment/],
    ['http://x.example/#top', /must not carry a query or a fragment/],
  ])('refuses %j, naming the option', (value, reason) => {
    expect(refusal(() => parse(value))).toMatch(new RegExp(`^--base-url ${reason.source}`));
  });
});
