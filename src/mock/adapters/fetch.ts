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

/** A fetch Request as the engine's request. */
export async function toMockRequest(request: Request): Promise<MockRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  const { body, error } = await readText(request);
  return { method: request.method, path: url.pathname, query: queryMap(url.searchParams), headers, body: body === '' ? undefined : body, bodyError: error };
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

/** `Request → Response` over the engine: for fetch-based servers, service workers and MSW. */
export function fetchHandler(mock: Mock): (request: Request) => Promise<Response> {
  return async (request) => toResponse(await mock.handle(await toMockRequest(request)));
}
