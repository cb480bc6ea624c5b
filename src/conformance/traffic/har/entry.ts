import type { BodyCopy, Exchange, HeaderList } from '../exchange.js';

/** The parts of a HAR 1.2 entry the validator reads (browsers and Playwright write more). */
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: { method: string; url: string; httpVersion?: string; headers: HarHeader[]; queryString?: HarHeader[]; cookies?: unknown[]; headersSize?: number; bodySize?: number; postData?: { mimeType?: string; text?: string; _truncated?: boolean } };
  response: {
    status: number;
    statusText?: string;
    httpVersion?: string;
    headers: HarHeader[];
    cookies?: unknown[];
    content: { size?: number; mimeType?: string; text?: string; encoding?: string; _truncated?: boolean; comment?: string };
    redirectURL?: string;
    headersSize?: number;
    bodySize?: number;
    _error?: string;
  };
  cache?: object;
  timings?: Record<string, number>;
  comment?: string;
  _error?: string;
}
export interface HarHeader {
  name: string;
  value: string;
}

export class MalformedEntry extends Error {}

const headerList = (headers: unknown, where: string): HeaderList => {
  if (!Array.isArray(headers)) throw new MalformedEntry(`${where}.headers is not a list`);
  return headers.map((h: HarHeader) => [String(h?.name ?? ''), String(h?.value ?? '')]);
};

/** base64 → text when it is UTF-8 (a JSON body a browser chose to store encoded); undefined when it is not text. */
function fromBase64(text: string): string | undefined {
  try {
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** One HAR entry as an exchange; throws MalformedEntry naming what is missing. */
export function exchangeFromHar(entry: HarEntry, index: number): Exchange {
  const where = `log.entries[${index}]`;
  if (!entry || typeof entry !== 'object') throw new MalformedEntry(`${where} is not an object`);
  const { request, response } = entry;
  if (!request || typeof request.method !== 'string' || typeof request.url !== 'string') throw new MalformedEntry(`${where}.request lacks a method or a url`);
  const post = request.postData;
  const requestBody: BodyCopy | undefined =
    post && typeof post.text === 'string' ? { text: post.text, size: request.bodySize && request.bodySize > 0 ? request.bodySize : post.text.length, ...(post._truncated ? { truncated: true } : {}) } : undefined;
  const exchange: Exchange = {
    startedAt: String(entry.startedDateTime ?? ''),
    durationMs: Number.isFinite(entry.time) ? entry.time : 0,
    request: { method: request.method, url: request.url, headers: headerList(request.headers, `${where}.request`), ...(requestBody ? { body: requestBody } : {}) },
  };
  // status 0: the browser got no answer (blocked, refused, aborted)
  if (!response || typeof response.status !== 'number' || response.status === 0) {
    exchange.error = String(response?._error ?? entry._error ?? 'no answer (status 0)');
    return exchange;
  }
  const content = response.content ?? {};
  let body: BodyCopy | undefined;
  if (typeof content.text === 'string') {
    const size = typeof content.size === 'number' && content.size >= 0 ? content.size : content.text.length;
    if (content.encoding === 'base64') {
      const text = fromBase64(content.text);
      body = text === undefined ? { text: content.text, size, encoding: 'base64' } : { text, size };
    } else {
      body = { text: content.text, size };
    }
    if (content._truncated) body.truncated = true;
  } else if (content.size !== 0 && response.status !== 204 && response.status !== 304 && request.method.toUpperCase() !== 'HEAD') {
    // no text: the recorder did not keep the body (a browser drops those the page never read), which is not an empty body
    body = { text: '', size: Math.max(0, content.size ?? 0), truncated: true, error: 'the recording has no body for this answer' };
  }
  exchange.response = { status: response.status, headers: headerList(response.headers, `${where}.response`), ...(body ? { body } : {}) };
  return exchange;
}

/** An exchange as a HAR entry; `origin` makes its URL absolute (the upstream it went to). */
export function harFromExchange(exchange: Exchange, origin: string): HarEntry {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(exchange.request.url) ? exchange.request.url : `${origin}${exchange.request.url}`;
  const parsed = new URL(url);
  const contentType = (headers: HeaderList) => headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
  const req = exchange.request;
  const entry: HarEntry = {
    startedDateTime: exchange.startedAt,
    time: exchange.durationMs,
    request: {
      method: req.method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: req.headers.map(([name, value]) => ({ name, value })),
      queryString: [...parsed.searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: req.body?.size ?? 0,
      ...(req.body ? { postData: { mimeType: contentType(req.headers), text: req.body.text, ...(req.body.truncated ? { _truncated: true } : {}) } } : {}),
    },
    response: exchange.response
      ? {
          status: exchange.response.status,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          headers: exchange.response.headers.map(([name, value]) => ({ name, value })),
          cookies: [],
          content: {
            size: exchange.response.body?.size ?? 0,
            mimeType: contentType(exchange.response.headers),
            ...(exchange.response.body ? { text: exchange.response.body.text } : {}),
            ...(exchange.response.body?.encoding ? { encoding: exchange.response.body.encoding } : {}),
            ...(exchange.response.body?.truncated ? { _truncated: true, comment: 'the body went past the recorder bound: this is its beginning' } : {}),
          },
          redirectURL: '',
          headersSize: -1,
          bodySize: exchange.response.body?.size ?? 0,
        }
      : { status: 0, statusText: '', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1, _error: exchange.error },
    cache: {},
    timings: { send: 0, wait: exchange.durationMs, receive: 0 },
  };
  return entry;
}
