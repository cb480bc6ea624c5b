import type { ErrorObject } from 'ajv';
import { unescapeKey } from './pointers.js';
import { SPELLING_PAIRS } from './spelling.js';

/** One entry of a FastAPI/Pydantic v2 validation error body: `{"detail": [ValidationIssue, …]}`. */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export type Location = 'body' | 'query' | 'path';

const TYPE_ERRORS: Record<string, [string, string]> = {
  string: ['string_type', 'Input should be a valid string'],
  integer: ['int_parsing', 'Input should be a valid integer'],
  number: ['float_parsing', 'Input should be a valid number'],
  boolean: ['bool_parsing', 'Input should be a valid boolean'],
  object: ['dict_type', 'Input should be a valid dictionary or object'],
  array: ['list_type', 'Input should be a valid list'],
};

const FORMAT_ERRORS: Record<string, [string, string]> = {
  email: ['value_error', 'value is not a valid email address'],
  uuid: ['uuid_parsing', 'Input should be a valid UUID'],
  'date-time': ['datetime_parsing', 'Input should be a valid datetime'],
};


/** An ajv instancePath (a JSON pointer into the data) as a `loc`: array indexes are numbers. */
export function instanceSegments(instancePath: string): (string | number)[] {
  // split here, not with pointerKeys: a key may be '' (a pointer's empty segment is a key too)
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map(unescapeKey)
    .map((seg) => (/^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : seg));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Pydantic's too_long, for a list or a dictionary with more items than `max`. */
export function tooLongIssue(loc: (string | number)[], kind: 'List' | 'Dictionary', max: number, input: unknown, actual: number): ValidationIssue {
  return {
    type: 'too_long',
    loc,
    msg: `${kind} should have at most ${plural(max, 'item')} after validation, not ${actual}`,
    input,
    ctx: { field_type: kind, max_length: max, actual_length: actual },
  };
}

function toIssue(error: ErrorObject, location: Location): ValidationIssue | ValidationIssue[] {
  const loc = [location, ...instanceSegments(error.instancePath)];
  const input = error.data;
  const p = error.params as Record<string, unknown>;
  // ajv puts the offending key of a propertyNames failure on the error itself
  const propertyName = (error as { propertyName?: string }).propertyName;
  const within = typeof propertyName === 'string' ? [...loc, propertyName] : loc;
  switch (error.keyword) {
    case 'required':
      return { type: 'missing', loc: [...loc, String(p.missingProperty)], msg: 'Field required', input };
    case 'type': {
      const wanted = String(Array.isArray(p.type) ? p.type.find((t) => t !== 'null') : p.type);
      const [type, msg] = TYPE_ERRORS[wanted] ?? ['type_error', `Input should be of type ${wanted}`];
      return { type, loc, msg, input };
    }
    case 'minLength':
      return {
        type: 'string_too_short',
        loc: within,
        msg: `String should have at least ${plural(Number(p.limit), 'character')}`,
        input: typeof propertyName === 'string' ? propertyName : input,
        ctx: { min_length: p.limit },
      };
    case 'maxLength':
      return {
        type: 'string_too_long',
        loc: within,
        msg: `String should have at most ${plural(Number(p.limit), 'character')}`,
        input: typeof propertyName === 'string' ? propertyName : input,
        ctx: { max_length: p.limit },
      };
    case 'minimum':
      return { type: 'greater_than_equal', loc, msg: `Input should be greater than or equal to ${p.limit}`, input, ctx: { ge: p.limit } };
    case 'maximum':
      return { type: 'less_than_equal', loc, msg: `Input should be less than or equal to ${p.limit}`, input, ctx: { le: p.limit } };
    case 'exclusiveMinimum':
      return { type: 'greater_than', loc, msg: `Input should be greater than ${p.limit}`, input, ctx: { gt: p.limit } };
    case 'exclusiveMaximum':
      return { type: 'less_than', loc, msg: `Input should be less than ${p.limit}`, input, ctx: { lt: p.limit } };
    case 'minItems': {
      const actual = Array.isArray(input) ? input.length : 0;
      return {
        type: 'too_short',
        loc,
        msg: `List should have at least ${plural(Number(p.limit), 'item')} after validation, not ${actual}`,
        input,
        ctx: { field_type: 'List', min_length: p.limit, actual_length: actual },
      };
    }
    case 'maxItems':
      return tooLongIssue(loc, 'List', Number(p.limit), input, Array.isArray(input) ? input.length : 0);
    case 'maxProperties':
      return tooLongIssue(loc, 'Dictionary', Number(p.limit), input, input !== null && typeof input === 'object' ? Object.keys(input).length : 0);
    case 'minProperties':
      return { type: 'value_error', loc, msg: `Value error, the object needs at least ${plural(Number(p.limit), 'field')}`, input };
    case 'format': {
      const [type, msg] = FORMAT_ERRORS[String(p.format)] ?? ['value_error', `Input should be a valid ${p.format}`];
      return { type, loc, msg, input };
    }
    case 'pattern':
      return { type: 'string_pattern_mismatch', loc, msg: `String should match pattern '${p.pattern}'`, input, ctx: { pattern: p.pattern } };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => `'${String(v)}'`);
      const expected = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}` : allowed.join('');
      return { type: 'enum', loc, msg: `Input should be ${expected}`, input, ctx: { expected } };
    }
    case 'const':
      return { type: 'literal_error', loc, msg: `Input should be ${JSON.stringify(p.allowedValue)}`, input };
    case 'not':
      return spellingIssues(loc, input);
    case 'additionalProperties':
      return { type: 'extra_forbidden', loc: [...loc, String(p.additionalProperty)], msg: 'Extra inputs are not permitted', input };
    default:
      return { type: 'value_error', loc, msg: error.message ?? 'Invalid value', input };
  }
}

/** The only `not` in the contract forbids both spellings of one field; name the pair that clashed. */
function spellingIssues(loc: (string | number)[], input: unknown): ValidationIssue[] {
  const data = (input ?? {}) as Record<string, unknown>;
  return SPELLING_PAIRS.filter(([snake, camel]) => Object.hasOwn(data, snake) && Object.hasOwn(data, camel)).map(
    ([snake, camel]) => ({
      type: 'value_error',
      loc: [...loc, camel],
      msg: `Value error, give either ${snake} or ${camel}, not both`,
      input: data[camel],
    }),
  );
}

// ajv reports the schema combinators (anyOf/oneOf/if) on top of the errors they wrap; those add nothing.
const WRAPPER_KEYWORDS = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'propertyNames']);

/** Map ajv errors (compiled with `verbose: true`) to FastAPI issues, one per field and kind. */
export function toValidationIssues(errors: readonly ErrorObject[], location: Location): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    if (WRAPPER_KEYWORDS.has(error.keyword)) continue;
    const mapped = toIssue(error, location);
    for (const issue of Array.isArray(mapped) ? mapped : [mapped]) {
      const key = `${issue.type}\u0000${JSON.stringify(issue.loc)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(issue);
    }
    if (issues.length >= MAX_ISSUES) break;
  }
  return limitIssues(issues);
}

/** Issues reported at most: past this, a client learns nothing more and the answer only grows. */
export const MAX_ISSUES = 100;
/** An issue's `input` is echoed up to this JSON size; a larger one is described instead. */
export const MAX_ECHOED_INPUT = 4096;

/** Whether the JSON text of `value` would be longer than `limit` characters, without writing it. */
function jsonLongerThan(value: unknown, limit: number): boolean {
  let budget = limit;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') budget -= v.length + 2;
    else if (Array.isArray(v)) {
      budget -= v.length + 2;
      if (budget >= 0) stack.push(...v);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      budget -= keys.length * 4 + 2;
      for (const key of keys) {
        if (budget < 0) break;
        budget -= key.length;
        stack.push((v as Record<string, unknown>)[key]);
      }
    } else budget -= 8;
    if (budget < 0) return true;
  }
  return false;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `[a list of ${value.length} items, not echoed]`;
  if (typeof value === 'string') return `[a string of ${value.length} characters, not echoed]`;
  return `[an object of ${Object.keys(value as object).length} keys, not echoed]`;
}

/**
 * The answer's share of a validation failure stays proportionate to the request: at most
 * MAX_ISSUES issues, and large inputs described rather than echoed (a list of 100,000 bad ids
 * used to come back 54 times its size).
 */
export function limitIssues(issues: ValidationIssue[]): ValidationIssue[] {
  return issues.slice(0, MAX_ISSUES).map((issue) => (jsonLongerThan(issue.input, MAX_ECHOED_INPUT) ? { ...issue, input: describe(issue.input) } : issue));
}
