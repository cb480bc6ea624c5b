import { tooLongIssue, type ValidationIssue } from './fastapi-errors.js';

type Schema = Record<string, unknown>;
type Bounds = (data: unknown, loc: (string | number)[], issues: ValidationIssue[]) => void;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The array and dictionary bounds of a schema (maxItems, maxProperties), as a check that runs
 * before the full validation: 150,000 items in a list bounded to 100 are refused in one issue,
 * without validating, reporting and echoing each of them. Undefined where nothing is bounded.
 */
function compile(schema: unknown): Bounds | undefined {
  if (!isPlainObject(schema)) return undefined;
  const parts: Bounds[] = [];
  const { maxItems, maxProperties } = schema;
  const items = compile(schema.items);
  if (typeof maxItems === 'number' || items) {
    parts.push((data, loc, issues) => {
      if (!Array.isArray(data)) return;
      if (typeof maxItems === 'number' && data.length > maxItems) return void issues.push(tooLongIssue(loc, 'List', maxItems, data, data.length));
      if (items) data.forEach((item, i) => items(item, [...loc, i], issues));
    });
  }
  if (typeof maxProperties === 'number') {
    parts.push((data, loc, issues) => {
      if (!isPlainObject(data)) return;
      const count = Object.keys(data).length;
      if (count > maxProperties) issues.push(tooLongIssue(loc, 'Dictionary', maxProperties, data, count));
    });
  }
  const properties = isPlainObject(schema.properties) ? Object.entries(schema.properties) : [];
  const bounded = properties.map(([name, sub]) => [name, compile(sub)] as const).filter((p): p is [string, Bounds] => p[1] !== undefined);
  if (bounded.length) {
    parts.push((data, loc, issues) => {
      if (!isPlainObject(data)) return;
      for (const [name, check] of bounded) if (Object.hasOwn(data, name)) check(data[name], [...loc, name], issues);
    });
  }
  for (const sub of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const check = compile(sub);
    if (check) parts.push(check);
  }
  if (parts.length === 0) return undefined;
  return (data, loc, issues) => {
    for (const part of parts) part(data, loc, issues);
  };
}

/** A pre-check of a request body's collection sizes: the issues found (empty when within bounds). */
export function compileBounds(schema: Schema): (data: unknown) => ValidationIssue[] {
  const check = compile(schema);
  return (data) => {
    const issues: ValidationIssue[] = [];
    check?.(data, ['body'], issues);
    return issues;
  };
}
