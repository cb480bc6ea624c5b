/**
 * Deepest nesting a request body may have. Deep enough for any custom-field value a CRM stores,
 * shallow enough that nothing downstream (validation, the journal, JSON.stringify of an answer
 * that echoes the input) can run out of stack: a 12 KB body of 6,000 brackets used to.
 */
export const MAX_JSON_DEPTH = 64;

export type ParsedJson = { ok: true; value: unknown } | { ok: false; position: number; error: string };

/** Where the text first nests deeper than `max` (brackets inside strings do not count), or -1. */
function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** JSON text → value, refusing nesting past MAX_JSON_DEPTH before parsing anything. */
export function parseJsonBody(text: string): ParsedJson {
  const deep = tooDeepAt(text, MAX_JSON_DEPTH);
  if (deep >= 0) return { ok: false, position: deep, error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
    return { ok: false, position, error: message };
  }
}
