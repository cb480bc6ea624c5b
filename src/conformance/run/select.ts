import type { CatalogueEntry } from '../types.js';

const matches = (id: string, patterns: string[]) => patterns.some((p) => id === p || id.startsWith(p));

/** --only / --skip: ids or prefixes ("contacts.bulk" selects every contacts.bulk-… check, "generic" every generic one). */
export function selectChecks<T extends CatalogueEntry>(entries: T[], only: string[] = [], skip: string[] = []): T[] {
  return entries.filter((c) => (only.length === 0 || matches(c.id, only)) && !matches(c.id, skip));
}

/** Patterns that select nothing are a usage error, not a silent empty run. */
export function unknownPatterns(entries: CatalogueEntry[], patterns: string[]): string[] {
  return patterns.filter((p) => !entries.some((c) => matches(c.id, [p])));
}
