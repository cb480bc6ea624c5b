import express, { type NextFunction, type Request, type Response } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createMock, type Mock, type MockOptions } from '../../mock.js';
import { nodeHandler } from '../node/handler.js';

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

/**
 * The stateful mock as an Express app, for those who mount it in theirs: no listen, no process
 * globals. Every request goes to the Node handler the CLI serves (reference pages, body, engine);
 * Express only mounts it.
 */
export function createMockApp(options: MockOptions & { mock?: Mock } = {}): MockApp {
  const mock = options.mock ?? createMock(options);
  const app = express();
  app.disable('x-powered-by');
  // the API sends no ETags (a 304 would leave a client without the body the contract promises)
  app.set('etag', false);
  Object.assign(app.locals, { mock });
  const serve = nodeHandler(mock);
  app.use((req: Request, res: Response, next: NextFunction) => {
    // mounted behind the host app's own body parser, the body arrives read (and parsed): the engine takes it as text again
    const read = req.readableEnded ? { text: typeof req.body === 'string' ? req.body : req.body === undefined ? undefined : JSON.stringify(req.body) } : undefined;
    // req.url, not originalUrl: mounted under a prefix, the engine sees paths below it
    serve(req, res, { url: req.url, baseUrl: req.baseUrl, secure: req.secure, ...(read ? { body: read } : {}) }).catch(next);
  });
  return app as typeof app & MockApp;
}
