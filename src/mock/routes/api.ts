import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Contract, Operation } from '../../spec/index.js';
import { Errors } from '../errors.js';
import type { MockStore } from '../store/store.js';
import { bulkHandlers } from './bulk.js';
import { contactHandlers } from './contacts.js';
import type { Handler } from './context.js';
import { documentHandlers } from './documents.js';

const HANDLERS: Record<string, Handler> = { ...contactHandlers, ...bulkHandlers, ...documentHandlers };

/** Fail at start, not at request time, when the contract has an operation the mock does not serve. */
export function assertEveryOperationHandled(contract: Contract): void {
  const missing = contract.operations.filter((op) => !HANDLERS[op.operationId]).map((op) => op.operationId);
  if (missing.length) throw new Error(`the mock has no handler for ${missing.join(', ')}`);
}

function bearerKey(req: Request): string {
  const header = req.get('authorization');
  if (!header) throw Errors.notAuthenticated();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw Errors.notAuthenticated();
  return match[1]!;
}

/** `Prefer: code=NNN` (as in Prism): answer that status with the contract's example, change nothing. */
function preferred(req: Request, op: Operation): { status: number; body: unknown } | undefined {
  const prefer = req.get('prefer');
  const code = prefer ? /(?:^|[,;\s])code=(\d{3})\b/.exec(prefer)?.[1] : undefined;
  if (!code) return undefined;
  const response = op.responses.find((r) => r.status === code);
  if (!response || response.examples.length === 0) {
    throw Errors.preferNotDeclared(code, op.operationId, op.responses.map((r) => r.status).filter((s) => s !== 'default'));
  }
  return { status: Number(code), body: response.examples[0] };
}

function hasBody(req: Request): boolean {
  return req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
}

export interface ApiOptions {
  latency?: { min: number; max: number };
}

/** route → auth → Prefer → validate → handler → store, for every operation of the contract. */
export function apiRouter(contract: Contract, store: MockStore, options: ApiOptions = {}): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const match = contract.match(req.method, req.path);
    if (!match.operation) {
      if (!match.pathExists) return next();
      const allow = contract.operations.filter((op) => contract.match(op.method, req.path).operation === op).map((op) => op.method.toUpperCase());
      return next(Errors.methodNotAllowed(allow));
    }
    const run = () => {
      try {
        const op = match.operation;
        const apiKey = store.authenticate(bearerKey(req));
        if (!apiKey) throw Errors.invalidApiKey();
        res.locals.tenant = apiKey.tenant;
        const forced = preferred(req, op);
        if (forced) return void res.status(forced.status).json(forced.body);
        if (op.hasRequestBody && hasBody(req) && !req.is('application/json')) throw Errors.unsupportedMediaType(req.get('content-type') ?? '');
        const path = op.validatePath(match.params);
        const query = op.validateQuery(req.query as Record<string, unknown>);
        const body = op.validateBody(req.body);
        const issues = [path, query, body].flatMap((r) => (r.ok ? [] : r.issues));
        if (issues.length) throw Errors.validation(issues);
        const result = HANDLERS[op.operationId]!({
          store,
          tenant: apiKey.tenant,
          owner: apiKey.email,
          params: path.ok ? path.value : {},
          query: query.ok ? query.value : {},
          body: body.ok ? body.value : undefined,
        });
        res.status(result.status).json(result.body);
      } catch (error) {
        next(error);
      }
    };
    const { latency } = options;
    if (latency && latency.max > 0) setTimeout(run, latency.min + Math.random() * (latency.max - latency.min));
    else run();
  };
}
