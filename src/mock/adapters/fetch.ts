import { MAX_BODY_BYTES, type BodyError, type MockRequest, type MockResponse } from '../engine/types.js';
import { queryMap } from '../engine/query.js';
import type { Mock } from '../mock.js';

/** The body as text, read no further than the limit; a Content-Encoding the platform can undo is undone. */
async function readText(request: Request): Promise<{ body?: string; error?: BodyError }> {
  if (!request.body) return {};
  let stream: ReadableStream<Uint8Array> = request.body;
  const encoding = request.headers.get('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    if (encoding !== 'gzip' && encoding !== 'deflate') return { error: { kind: 'charset', message: `Unsupported content encoding "${encoding}"` } };
    // typed as a pair of byte streams: the DOM's lib types its writable side as BufferSource, which
    // TypeScript does not accept for a stream of Uint8Array (Node's types do)
    const decompress = new DecompressionStream(encoding) as unknown as { writable: WritableStream<Uint8Array>; readable: ReadableStream<Uint8Array> };
    stream = stream.pipeThrough(decompress);
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        return { error: { kind: 'too_large' } };
      }
      chunks.push(value);
    }
  } catch {
    return { error: encoding ? { kind: 'undecodable' } : { kind: 'aborted', message: 'The request body could not be read' } };
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { body: new TextDecoder().decode(bytes) };
}

/**
 * The path a base URL puts in front of the API's own paths: `/api` for `http://localhost:5173/api`,
 * nothing for an origin alone or for `*` (any origin).
 */
export function basePath(baseUrl: string): string {
  if (baseUrl === '*') return '';
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl) ? new URL(baseUrl).pathname : baseUrl;
  return path.replace(/\/+$/, '');
}

/** `path` with the base path taken off, when it is under it. */
function belowBase(path: string, prefix: string): string {
  return prefix && (path === prefix || path.startsWith(`${prefix}/`)) ? path.slice(prefix.length) || '/' : path;
}

/** A fetch Request as the engine's request; `prefix` (a base URL's path) is taken off its path. */
export async function toMockRequest(request: Request, prefix = ''): Promise<MockRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  // lower-cased here: a DOM emulation's Headers (happy-dom's) keeps the names as the page wrote them
  request.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
  const { body, error } = await readText(request);
  return { method: request.method, path: belowBase(url.pathname, prefix), query: queryMap(url.searchParams), headers, body: body === '' ? undefined : body, bodyError: error };
}

/** The engine's answer as a fetch Response; a fault becomes a network error or a body that breaks off. */
export function toResponse(answer: MockResponse): Response {
  if (answer.fault === 'reset') return Response.error();
  const nullBody = answer.status === 204 || answer.status === 304 || answer.body === '';
  if (answer.fault === 'truncate') {
    const half = new TextEncoder().encode(answer.body.slice(0, Math.floor(answer.body.length / 2)));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(half);
        controller.error(new TypeError('the connection was cut halfway through the body'));
      },
    });
    return new Response(body, { status: answer.status, headers: answer.headers });
  }
  return new Response(nullBody ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/**
 * `Request → Response` over the engine: for fetch-based servers, service workers and MSW. With a
 * `baseUrl` (`http://localhost:5173/api`), its path is taken off before the engine routes.
 */
export function fetchHandler(mock: Mock, options: { baseUrl?: string } = {}): (request: Request) => Promise<Response> {
  const prefix = basePath(options.baseUrl ?? '*');
  return async (request) => toResponse(await mock.handle(await toMockRequest(request, prefix)));
}
