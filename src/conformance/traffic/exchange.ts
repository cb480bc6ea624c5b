/** Headers as they travelled: names as written, repeats kept, in order. */
export type HeaderList = [name: string, value: string][];

/** A body as the validator sees it: decoded (Content-Encoding undone) and bounded. */
export interface BodyCopy {
  /** the decoded text, or its beginning when `truncated` */
  text: string;
  /** the body went past the bound (or could not be decoded): it is not validated */
  truncated?: boolean;
  /** bytes on the wire, as sent (encoded) */
  size: number;
  /** the text is base64 of bytes that are not UTF-8 text */
  encoding?: 'base64';
  /** why the body could not be decoded, when it could not */
  error?: string;
}

/**
 * One request and what came back, from any source: the proxy, a HAR file, a replay, a page's fetch.
 * `url` is what the client asked for (a path and query, or an absolute URL in a HAR).
 */
export interface Exchange {
  /** ISO 8601 time the request started */
  startedAt: string;
  durationMs: number;
  request: { method: string; url: string; headers: HeaderList; body?: BodyCopy };
  response?: { status: number; headers: HeaderList; body?: BodyCopy };
  /** no answer (refused, reset, timed out): why, in a user's words */
  error?: string;
}

export function header(headers: HeaderList, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === wanted)?.[1];
}

const JSON_TYPE = /^application\/(.+\+)?json\b/i;

export const isJsonType = (type: string | undefined) => type !== undefined && JSON_TYPE.test(type.trim());

/** What a body says: JSON when it parses as JSON, its text otherwise, undefined when empty. */
export function bodyValue(copy: BodyCopy | undefined): unknown {
  if (!copy || copy.text === '' || copy.encoding === 'base64') return copy?.encoding === 'base64' ? '(binary)' : undefined;
  try {
    return JSON.parse(copy.text);
  } catch {
    return copy.text;
  }
}

export const MAX_SAMPLE_BODY = 4000;

function clipCopy(copy: BodyCopy | undefined): BodyCopy | undefined {
  if (!copy || copy.text.length <= MAX_SAMPLE_BODY) return copy;
  return { ...copy, text: `${copy.text.slice(0, MAX_SAMPLE_BODY)}… (${copy.text.length} characters)`, truncated: true };
}

/** A copy small enough to keep as a report's sample: bodies clipped. */
export function sampleOf(exchange: Exchange): Exchange {
  return {
    ...exchange,
    request: { ...exchange.request, body: clipCopy(exchange.request.body) },
    response: exchange.response && { ...exchange.response, body: clipCopy(exchange.response.body) },
  };
}
