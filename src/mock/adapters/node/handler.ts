import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { queryMap } from '../../engine/query.js';
import { MAX_BODY_BYTES, type BodyError, type MockRequest, type MockResponse } from '../../engine/types.js';
import type { Mock } from '../../mock.js';
import { docsPages, referenceKey, type DocsAnswer } from '../docs/docs-page.js';

interface Body {
  text?: string;
  error?: BodyError;
}

const NO_BODY: Body = {};

function decompressor(encoding: string): Transform | undefined {
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  return undefined;
}

function charsetOf(contentType: string | undefined): string {
  const m = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType) : null;
  return m ? m[1]!.toLowerCase() : 'utf-8';
}

/** A request that announces no body (no length, or 0, and no chunks) is not read at all. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return !((length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined);
}

/**
 * The body as text: read no further than the limit, its Content-Encoding undone (gzip, deflate,
 * br) and its charset decoded (UTF-8 unless the Content-Type names another; a leading BOM
 * dropped).
 */
function readBody(req: IncomingMessage): Promise<Body> {
  const refuse = (error: BodyError): Promise<Body> => discardRest(req).then(() => ({ error }));
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) > MAX_BODY_BYTES) return refuse({ kind: 'too_large' });
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  let decoder: TextDecoder | undefined;
  const charset = charsetOf(req.headers['content-type']);
  if (charset !== 'utf-8' && charset !== 'utf8') {
    try {
      decoder = new TextDecoder(charset);
    } catch {
      return refuse({ kind: 'charset', message: `unsupported charset "${charset.toUpperCase()}"` });
    }
  }
  let source: Readable = req;
  let inflate: Transform | undefined;
  if (encoding !== 'identity') {
    inflate = decompressor(encoding);
    if (!inflate) return refuse({ kind: 'charset', message: `unsupported content encoding "${encoding}"` });
    const into = inflate;
    req.on('error', (error) => into.destroy(error));
    source = req.pipe(into);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (body: Body) => {
      if (done) return;
      done = true;
      source.removeAllListeners('data');
      if (!body.error) return resolve(body);
      if (inflate) req.unpipe(inflate);
      void discardRest(req).then(() => resolve(body));
    };
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return finish({ error: { kind: 'too_large' } });
      chunks.push(chunk);
    });
    source.on('end', () => {
      const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const text = decoder ? decoder.decode(bytes) : bytes.toString('utf8');
      finish({ text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
    });
    source.on('error', () => finish({ error: source === req ? { kind: 'aborted', message: 'The request body could not be read' } : { kind: 'undecodable' } }));
    req.on('aborted', () => finish({ error: { kind: 'aborted', message: 'The request was aborted' } }));
  });
}

/**
 * The rest of a refused body (too large, undecodable) is read and dropped before the answer goes
 * out, as body-parser does: a client still sending it then reads the answer instead of a broken
 * pipe (even on a connection it asked to close). What is dropped is bounded in bytes (and in time by
 * the server's request timeout): past the bound, the connection is cut.
 */
const DISCARD_BYTES = 16 * MAX_BODY_BYTES;
function discardRest(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((done) => {
    let left = DISCARD_BYTES;
    req.on('data', (chunk: Buffer) => {
      left -= chunk.length;
      if (left < 0) req.socket.destroy();
    });
    req.once('end', () => done());
    req.once('close', () => done());
    req.resume();
  });
}

/** The engine's request from Node's: the path as sent (below a mount point), the query, the body read. */
export function mockRequest(req: IncomingMessage, url: string, body: Body): MockRequest {
  const q = url.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: q >= 0 ? url.slice(0, q) : url,
    url,
    query: q >= 0 ? queryMap(new URLSearchParams(url.slice(q + 1))) : {},
    headers: req.headers as MockRequest['headers'],
    body: body.text === '' ? undefined : body.text,
    bodyError: body.error,
  };
}

/** Writes the engine's answer; a fault breaks the connection as asked. */
export function send(res: ServerResponse, answer: MockResponse | DocsAnswer): void {
  if ('fault' in answer && answer.fault === 'reset') return void res.socket?.destroy();
  const { headers } = answer;
  const length = typeof answer.body === 'string' ? Buffer.byteLength(answer.body) : answer.body.length;
  if ('fault' in answer && answer.fault === 'truncate') {
    res.writeHead(answer.status, { ...headers, 'Content-Length': length });
    res.write(answer.body.slice(0, Math.floor(answer.body.length / 2)));
    return void setImmediate(() => res.socket?.destroy());
  }
  // the length up front (without it, a head written before the body goes out chunked), in the one
  // head written: a header set apart first makes Node take every other one through setHeader too
  res.writeHead(answer.status, length > 0 ? { ...headers, 'Content-Length': length } : headers);
  res.end(answer.body);
}

export interface NodeHandlerOptions {
  /** serve the API reference page and the contracts (/docs, /openapi.*, /openapi/admin.*; default true) */
  docs?: boolean;
}

/**
 * The mock as a Node request handler, with no framework between node:http and the engine: the
 * reference pages, the body, the engine's answer. The CLI serves it directly; the Express app
 * (createMockApp) mounts it.
 */
export function nodeHandler(mock: Mock, options: NodeHandlerOptions = {}) {
  const docs = options.docs === false ? undefined : docsPages({ key: () => referenceKey(mock) });
  return async function serve(req: IncomingMessage, res: ServerResponse, mount: { url?: string; baseUrl?: string; secure?: boolean; body?: Body } = {}): Promise<void> {
    const url = mount.url ?? req.url ?? '/';
    if (docs && (url === '/' || url.startsWith('/docs') || url.startsWith('/openapi'))) {
      const q = url.indexOf('?');
      const spec = q >= 0 ? (new URLSearchParams(url.slice(q + 1)).get('spec') ?? undefined) : undefined;
      const page = docs({ method: req.method ?? 'GET', path: q >= 0 ? url.slice(0, q) : url, spec, headers: req.headers, secure: mount.secure ?? false, baseUrl: mount.baseUrl ?? '' });
      if (page) return send(res, await page);
    }
    // most requests (every GET) announce no body: nothing to wait for
    const body = mount.body ?? (hasBody(req) ? await readBody(req) : NO_BODY);
    const answer = await mock.handle(mockRequest(req, url, body));
    send(res, answer);
  };
}
