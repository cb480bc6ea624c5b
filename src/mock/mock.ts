import { loadContract, type Contract } from '../contract/index.js';
import { DEFAULT_API_KEYS, DEFAULT_CONTACTS, DEFAULT_SEED } from './defaults.js';
import { DomainError } from './domain/errors.js';
import { MockService, type Service } from './domain/service.js';
import { createAdmin } from './admin/router.js';
import { createApi, type RequestState } from './engine/api.js';
import { corsHeaders, isPreflight, preflightHeaders } from './engine/cors.js';
import { ApiError, Errors } from './engine/http-errors.js';
import { RequestJournal } from './engine/journal.js';
import { parseJsonBody } from './engine/json-body.js';
import { fromProblem } from './engine/problems.js';
import type { BodyError, MockRequest, MockResponse } from './engine/types.js';
import type { ApiKeySpec } from './port/records.js';
import type { Repository, SeedOptions } from './port/repository.js';
import { MemoryRepository } from './stores/memory/memory-repository.js';

export interface MockOptions {
  /** API keys, each with its tenant and owner email (default: the two demo tenants) */
  apiKeys?: ApiKeySpec[];
  /** seed of the generated data (default: a fixed number, the same data on every start) */
  seed?: number;
  /** seeded contacts per tenant; 0 for empty tenants */
  contacts?: number;
  /** added delay for every API request, in ms */
  latency?: { min: number; max: number } | undefined;
  /** protects /__admin (but /__admin/health) with the X-Admin-Token header */
  adminToken?: string | undefined;
  /** one line per request and internal errors; off by default in-process */
  log?: false | ((line: string) => void) | undefined;
  /** the store (default: a fresh in-memory one seeded from apiKeys, seed and contacts) */
  repository?: Repository;
  /** wraps the domain service (a decorator changing one behaviour: the conformance tests' broken variants) */
  decorateService?: (service: Service) => Service;
  /** clock, for tests */
  now?: () => Date;
}

/** The mock with no server around it: one `handle` for every transport (Express, fetch, MSW). */
export interface Mock {
  handle(req: MockRequest): Promise<MockResponse>;
  readonly service: Service;
  readonly repository: Repository;
  readonly journal: RequestJournal;
  readonly contract: Contract;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const INTERNAL_ERROR = JSON.stringify({ detail: 'Internal Server Error' });

function mediaType(req: MockRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function bodyRefusal(error: BodyError): ApiError {
  switch (error.kind) {
    case 'too_large':
      return Errors.bodyTooLarge();
    case 'undecodable':
      return Errors.undecodableBody();
    case 'charset':
      return Errors.unsupportedCharset(error.message);
    case 'aborted':
      return Errors.badRequest(error.message);
  }
}

/** The body as JSON when it says it is JSON (application/json or application/*+json); nesting is bounded before parsing. */
function readJson(req: MockRequest): { value: unknown; isJson: boolean } {
  if (req.bodyError) throw bodyRefusal(req.bodyError);
  const type = mediaType(req);
  const parses = type === 'application/json' || /^application\/[^/]+\+json$/.test(type);
  if (req.body === undefined || !parses) return { value: undefined, isJson: type === 'application/json' };
  const parsed = parseJsonBody(req.body);
  if (!parsed.ok) throw Errors.jsonInvalid(parsed.position, parsed.error);
  return { value: parsed.value, isJson: type === 'application/json' };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): MockResponse {
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch {
    return { status: 500, headers: { 'Content-Type': JSON_TYPE }, body: INTERNAL_ERROR };
  }
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: text };
}

function requestUrl(req: MockRequest): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(req.query)) for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  const query = params.toString();
  return query ? `${req.path}?${query}` : req.path;
}

export function createMock(options: MockOptions = {}): Mock {
  const contract = loadContract();
  const seed: SeedOptions = { apiKeys: options.apiKeys ?? DEFAULT_API_KEYS, seed: options.seed ?? DEFAULT_SEED, contactsPerTenant: options.contacts ?? DEFAULT_CONTACTS };
  const repository = options.repository ?? new MemoryRepository(seed);
  const plain = new MockService(repository, { seed, ...(options.now ? { now: options.now } : {}) });
  const service = options.decorateService ? options.decorateService(plain) : plain;
  const journal = new RequestJournal();
  const api = createApi(contract, service, { latency: options.latency });
  const admin = createAdmin(service, journal, { adminToken: options.adminToken });
  const log = options.log || undefined;

  function refusal(error: unknown): MockResponse {
    const apiError = error instanceof ApiError ? error : error instanceof DomainError ? fromProblem(error.problem) : undefined;
    if (apiError) return json(apiError.status, { detail: apiError.detail }, apiError.headers);
    // a bug in the mock, not the client's fault: say so, keep serving
    try {
      log?.(`internal error: ${(error as Error)?.stack ?? String(error)}`);
    } catch {
      // logging must not turn one failed request into a failed process
    }
    return json(500, { detail: Errors.internal().detail });
  }

  async function dispatch(req: MockRequest, state: RequestState): Promise<MockResponse> {
    const body = readJson(req);
    if (req.path === '/__admin' || req.path.startsWith('/__admin/')) {
      const answer = await admin.answer(req, req.path.slice('/__admin'.length), body.value);
      return answer ? json(answer.status, answer.body) : refusal(Errors.routeNotFound());
    }
    const answer = await api.answer(req, body, state);
    return answer ? json(answer.status, answer.body) : refusal(Errors.routeNotFound());
  }

  function record(req: MockRequest, res: MockResponse, state: RequestState, started: number): void {
    // the journal and the log are debugging aids: nothing a client sent may make them throw
    try {
      const durationMs = performance.now() - started;
      const url = requestUrl(req);
      if (!req.path.startsWith('/__admin')) {
        journal.add({ at: new Date().toISOString(), method: req.method, url, status: res.status, durationMs, tenant: state.tenant }, req.body);
      }
      log?.(`${req.method} ${url} ${res.status} ${durationMs.toFixed(1)}ms ${state.tenant ?? '-'}`);
    } catch {
      // losing one entry is better than losing the answer
    }
  }

  async function handle(req: MockRequest): Promise<MockResponse> {
    const started = performance.now();
    const state: RequestState = { tenant: null, operationId: null };
    if (isPreflight(req)) {
      const res = { status: 204, headers: preflightHeaders(req), body: '' };
      record(req, res, state, started);
      return res;
    }
    let res: MockResponse;
    try {
      res = await dispatch(req, state);
    } catch (error) {
      res = refusal(error);
    }
    res.headers = { ...corsHeaders(), ...res.headers };
    record(req, res, state, started);
    return res;
  }

  return { handle, service, repository, journal, contract };
}
