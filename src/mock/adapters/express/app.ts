import express, { type NextFunction, type Request, type Response } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { MAX_BODY_BYTES, type BodyError, type MockRequest, type MockResponse } from '../../engine/types.js';
import { queryMap } from '../../engine/query.js';
import { createMock, type Mock, type MockOptions } from '../../mock.js';
import { docsRouter, referenceKey } from './docs-page.js';

/**
 * The mock's Express app as its consumers see it: a Node request listener (for `http.createServer`,
 * supertest, or mounting in another Express app) that can listen. Typed with Node's own types only,
 * so a consumer needs no Express type package to compile against it.
 */
export interface MockApp {
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void;
  /** `mock` is the engine behind the app: its service, store and journal */
  locals: Record<string, unknown> & { mock: Mock };
  listen(port: number, hostname: string, callback?: () => void): Server;
  listen(port?: number, callback?: () => void): Server;
}

const readBody = express.text({ type: () => true, limit: MAX_BODY_BYTES, defaultCharset: 'utf-8' });

interface BodyReadError {
  type?: string;
  code?: string;
  message?: string;
}

/** body-parser's errors in the engine's terms (the engine owns the answers). */
function bodyError(err: BodyReadError): BodyError {
  if (err.type === 'entity.too.large') return { kind: 'too_large' };
  if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported') return { kind: 'charset', message: err.message ?? 'Unsupported encoding' };
  // zlib's errors carry a code and no type: a Content-Encoding that does not decode
  if (typeof err.code === 'string' && /^(Z_|ERR_BROTLI|ERR__ERROR)/.test(err.code)) return { kind: 'undecodable' };
  return { kind: 'aborted', message: err.message ?? 'The request body could not be read' };
}

function toMockRequest(req: Request, body: string | undefined, error: BodyError | undefined): MockRequest {
  // req.url, not originalUrl: mounted under a prefix, the engine sees paths below it
  const url = req.url;
  const q = url.indexOf('?');
  return {
    method: req.method,
    path: q >= 0 ? url.slice(0, q) : url,
    query: queryMap(new URLSearchParams(q >= 0 ? url.slice(q + 1) : '')),
    headers: req.headers as Record<string, string | undefined>,
    body: body === '' ? undefined : body,
    bodyError: error,
  };
}

/** Writes the engine's answer; a fault breaks the connection as asked. */
export function send(res: ServerResponse, answer: MockResponse): void {
  if (answer.fault === 'reset') return void res.socket?.destroy();
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (answer.fault === 'truncate') {
    res.setHeader('Content-Length', Buffer.byteLength(answer.body));
    res.write(answer.body.slice(0, Math.floor(answer.body.length / 2)));
    return void setImmediate(() => res.socket?.destroy());
  }
  res.end(answer.body);
}

/**
 * The stateful mock as an Express app: no listen, no process globals. Every request goes to the
 * engine (`createMock`); Express only reads bodies and serves the API reference page.
 */
export function createMockApp(options: MockOptions & { mock?: Mock } = {}): MockApp {
  const mock = options.mock ?? createMock(options);
  const app = express();
  app.disable('x-powered-by');
  // the API sends no ETags (a 304 would leave a client without the body the contract promises)
  app.set('etag', false);
  Object.assign(app.locals, { mock });
  app.use(docsRouter({ key: () => referenceKey(mock) }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const handOn = (text: string | undefined, error: BodyError | undefined) => mock.handle(toMockRequest(req, text, error)).then((answer) => send(res, answer), next);
    // mounted behind the host app's own body parser, the body arrives read (and parsed): the engine takes it as text again
    if (req.readableEnded) return void handOn(typeof req.body === 'string' ? req.body : req.body === undefined ? undefined : JSON.stringify(req.body), undefined);
    readBody(req, res, (err?: unknown) => {
      const error = err ? bodyError(err as BodyReadError) : undefined;
      handOn(error || typeof req.body !== 'string' ? undefined : req.body, error);
    });
  });
  return app as typeof app & MockApp;
}
