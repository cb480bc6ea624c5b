import type { Check } from './types.js';

/** --only / --skip: ids or prefixes ("contacts.bulk" selects every contacts.bulk-… check). */
export function selectChecks(checks: Check[], only: string[] = [], skip: string[] = []): Check[] {
  const matches = (id: string, patterns: string[]) => patterns.some((p) => id === p || id.startsWith(p));
  return checks.filter((c) => (only.length === 0 || matches(c.id, only)) && !matches(c.id, skip));
}

/** Patterns that select nothing are a usage error, not a silent empty run. */
export function unknownPatterns(checks: Check[], patterns: string[]): string[] {
  return patterns.filter((p) => !checks.some((c) => c.id === p || c.id.startsWith(p)));
}
