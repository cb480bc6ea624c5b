import type { ValidationIssue } from './fastapi-errors.js';

type ParamSchema = { type?: unknown };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// what Pydantic takes for a bool from a string
const TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n']);

function declaredType(schema: ParamSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : (schema.type as string | undefined);
}

/**
 * One query or path string as the type its schema declares, Pydantic's way: decimal integers only
 * (no `0x10`, no `1e3`), finite numbers only (`1e309` is not a number), its words for booleans.
 * ajv's own coercion took all of those, and skipped minimum/maximum on the infinities it produced.
 */
function coerceOne(raw: unknown, schema: ParamSchema): { ok: true; value: unknown } | { ok: false; type: string; msg: string } {
  const type = declaredType(schema);
  if (type === 'array' || type === 'object' || type === undefined) return { ok: true, value: raw };
  if (typeof raw !== 'string') return { ok: false, ...TYPE_ISSUES[type]! };
  switch (type) {
    case 'integer':
      return INTEGER.test(raw) ? { ok: true, value: Number(raw) } : { ok: false, ...TYPE_ISSUES.integer! };
    case 'number': {
      const value = Number(raw);
      return NUMBER.test(raw) && Number.isFinite(value) ? { ok: true, value } : { ok: false, ...TYPE_ISSUES.number! };
    }
    case 'boolean': {
      const word = raw.toLowerCase();
      if (TRUE.has(word)) return { ok: true, value: true };
      if (FALSE.has(word)) return { ok: true, value: false };
      return { ok: false, ...TYPE_ISSUES.boolean! };
    }
    default:
      return { ok: true, value: raw };
  }
}

const TYPE_ISSUES: Record<string, { type: string; msg: string }> = {
  string: { type: 'string_type', msg: 'Input should be a valid string' },
  integer: { type: 'int_parsing', msg: 'Input should be a valid integer, unable to parse string as an integer' },
  number: { type: 'float_parsing', msg: 'Input should be a valid number, unable to parse string as a number' },
  boolean: { type: 'bool_parsing', msg: 'Input should be a valid boolean, unable to interpret input' },
};

/** Declared parameters coerced from their strings into a copy; the others, and those that fail, are passed on as they are. */
export function coerceParams(
  properties: Record<string, ParamSchema>,
  raw: Record<string, unknown>,
  location: 'query' | 'path',
): { value: Record<string, unknown>; issues: ValidationIssue[] } {
  const value: Record<string, unknown> = { ...raw };
  const issues: ValidationIssue[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    if (!Object.hasOwn(raw, name)) continue;
    const result = coerceOne(raw[name], schema);
    if (result.ok) value[name] = result.value;
    else issues.push({ type: result.type, loc: [location, name], msg: result.msg, input: raw[name] });
  }
  return { value, issues };
}
