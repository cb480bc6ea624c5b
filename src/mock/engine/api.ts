import type { Contract } from '../../contract/index.js';
import type { Service } from '../domain/service.js';
import { HANDLERS } from './handlers/index.js';
import { ItemJsonCache } from './list-json.js';
import type { OperationId } from '../../types/index.js';
import type { Handler, HandlerContext } from './handlers/types.js';
import { Errors } from './http-errors.js';
import { failure, type FaultEffect, type FaultRegistry } from './faults.js';
import { preferences, preferred, type Preferred } from './prefer.js';
import type { RequestJson } from './respond.js';
import type { FaultKind, MockRequest } from './types.js';
import { route } from './route.js';
import { validateNow } from './validate.js';

export interface ApiOptions {
  /** added delay for every API request, in ms */
  latency?: { min: number; max: number } | undefined;
}

/** What the pipeline learnt about a request on its way, for the journal and the log. */
export interface RequestState {
  tenant: string | null;
  operationId: string | null;
  /** a fault applied to it */
  fault?: FaultEffect | undefined;
}

export interface ApiAnswer {
  status: number;
  /** the body, to be written as JSON; or, given `text`, not used */
  body?: unknown;
  /** the body already written as JSON (a list page from its kept items) */
  text?: string;
  /** a fault to apply to the answer: the connection is broken, or the body comes empty or cut */
  fault?: FaultKind;
}

/** Fail at start, not at request time: a handler per operation, and defaults where the contract has them. */
export function assertHandlersMatch(contract: Contract): void {
  const handlers = HANDLERS as unknown as Record<string, Handler<OperationId> | undefined>;
  const missing = contract.operations.filter((op) => !handlers[op.operationId]).map((op) => op.operationId);
  if (missing.length) throw new Error(`the mock has no handler for ${missing.join(', ')}`);
  for (const op of contract.operations) {
    const declared = [...(handlers[op.operationId]!.defaulted ?? [])].sort();
    const inContract = op.queryDefaults.slice().sort();
    if (declared.join() !== inContract.join()) {
      throw new Error(`${op.operationId}: the handler expects defaults for [${declared}], the contract gives them for [${inContract}]`);
    }
  }
}

function bearerKey(req: MockRequest): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) throw Errors.notAuthenticated();
  return match[1]!;
}

/** a request without a Prefer header, by far the most: nothing to parse */
const NOTHING_PREFERRED: Preferred = Object.freeze({});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The contract's operations: route → latency → auth → faults (Prefer, /__admin/faults) → media
 * type → validation → typed handler. Refusals are thrown (ApiError, DomainError) for the caller to turn into answers.
 */
export function createApi(contract: Contract, service: Service, faults: FaultRegistry, options: ApiOptions = {}) {
  assertHandlersMatch(contract);
  const listItems = new ItemJsonCache();

  /** Undefined when no operation has this path (the caller answers 404). */
  async function answer(req: MockRequest, json: RequestJson, state: RequestState): Promise<ApiAnswer | undefined> {
    const match = route(contract, req);
    if (!match) return undefined;
    const op = match.operation;
    state.operationId = op.operationId;
    const { latency } = options;
    if (latency && latency.max > 0) await sleep(latency.min + Math.random() * (latency.max - latency.min));
    const key = await service.authenticate(bearerKey(req));
    if (!key) throw Errors.invalidApiKey();
    state.tenant = key.tenant;
    const asked = req.headers.prefer === undefined ? NOTHING_PREFERRED : preferred(preferences(req.headers.prefer), op);
    const effect = asked.effect ?? faults.take(key.tenant, op.operationId);
    state.fault = effect;
    if (effect?.delayMs) await sleep(effect.delayMs);
    if (effect?.fault === 'reset') return { status: 0, body: undefined, fault: 'reset' };
    if (effect?.status) throw failure(effect.status, effect.retryAfter);
    if (asked.example) return { ...asked.example, ...(effect?.fault ? { fault: effect.fault } : {}) };
    const valid = validateNow(op, req, match.params, json);
    const handler = HANDLERS[op.operationId as OperationId] as unknown as Handler<OperationId>;
    const ctx = { service, listItems, caller: { tenant: key.tenant, owner: key.email }, params: valid.params, query: valid.query, body: valid.body } as unknown as HandlerContext<OperationId>;
    // an empty or cut answer comes after the operation ran: the client cannot know whether it did
    const answer: ApiAnswer = await handler(ctx);
    return effect?.fault ? { ...answer, fault: effect.fault } : answer;
  }

  return { answer };
}
