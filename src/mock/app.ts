import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import { loadContract } from '../spec/index.js';
import { adminRouter } from './admin.js';
import { DEFAULT_API_KEYS, DEFAULT_CONTACTS, DEFAULT_SEED } from './defaults.js';
import { docsRouter } from './docs-page.js';
import { parseJsonBody } from './engine/json-body.js';
import { Errors, errorHandler } from './errors.js';
import { RequestJournal, recordRequests } from './journal.js';
import { apiRouter, assertEveryOperationHandled } from './routes/api.js';
import { MockStore } from './store/store.js';
import type { ApiKeySpec } from './store/types.js';

export interface MockOptions {
  /** API keys, each with its tenant and owner email (default: the two demo tenants) */
  apiKeys?: ApiKeySpec[];
  /** seed of the generated data (default: a fixed number, the same data on every start) */
  seed?: number;
  /** seeded contacts per tenant; 0 for empty tenants */
  contacts?: number;
  /** added delay for every API request, in ms */
  latency?: { min: number; max: number };
  /** protects /__admin (but /__admin/health) with the X-Admin-Token header */
  adminToken?: string;
  /** one line per request and internal errors; off by default in-process */
  log?: false | ((line: string) => void);
  /** bring your own store (a subclass, a prepared one); apiKeys/seed/contacts are then ignored */
  store?: MockStore;
}

/** The stateful mock as an Express app: no listen, no process globals. `app.locals.store` is its state. */
export function createMockApp(options: MockOptions = {}): Express {
  const contract = loadContract();
  assertEveryOperationHandled(contract);
  const store =
    options.store ??
    new MockStore({
      apiKeys: options.apiKeys ?? DEFAULT_API_KEYS,
      seed: options.seed ?? DEFAULT_SEED,
      contactsPerTenant: options.contacts ?? DEFAULT_CONTACTS,
    });
  const log = options.log || undefined;
  const journal = new RequestJournal();

  const app = express();
  app.disable('x-powered-by');
  // the API sends no ETags (a 304 would leave a client without the body the contract promises)
  app.set('etag', false);
  app.locals.store = store;
  app.locals.journal = journal;
  app.use(
    cors({
      allowedHeaders: ['Authorization', 'Content-Type', 'Prefer', 'X-Admin-Token'],
      exposedHeaders: ['WWW-Authenticate', 'Allow'],
      maxAge: 600,
    }),
  );
  app.use(recordRequests(journal, log));
  // read as text and parse here: the nesting depth is bounded before JSON.parse sees the body
  app.use(express.text({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  app.use(parseJson);
  app.use(docsRouter());
  app.use('/__admin', adminRouter(store, journal, options.adminToken));
  app.use(apiRouter(contract, store, { latency: options.latency }));
  app.use((_req, _res, next) => next(Errors.routeNotFound()));
  app.use(errorHandler(log ?? (() => undefined)));
  return app;
}

/** The text express.text read, as JSON: an empty body is no body; bad or too deep JSON is a 422. */
const parseJson: RequestHandler = (req, res, next) => {
  if (typeof req.body !== 'string') return next();
  res.locals.bodyText = req.body;
  if (req.body === '') {
    req.body = undefined;
    return next();
  }
  const parsed = parseJsonBody(req.body);
  if (!parsed.ok) {
    req.body = undefined;
    return next(Errors.jsonInvalid(parsed.position, parsed.error));
  }
  req.body = parsed.value;
  next();
};
