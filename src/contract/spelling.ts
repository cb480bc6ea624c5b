/**
 * Pairs of spellings a request body may use for one field (the reference mixes them): accepted
 * both ways, never both at once, answered in camelCase.
 */
export const SPELLING_PAIRS: ReadonlyArray<readonly [snake: string, camel: string]> = [
  ['full_name', 'fullName'],
  ['job_title', 'jobTitle'],
];

/** The value of a field under either spelling (the contract has refused bodies that give both). */
export function eitherSpelling(body: Record<string, unknown>, camel: string): unknown {
  if (Object.hasOwn(body, camel)) return body[camel];
  const snake = SPELLING_PAIRS.find(([, c]) => c === camel)?.[0];
  return snake !== undefined && Object.hasOwn(body, snake) ? body[snake] : undefined;
}
