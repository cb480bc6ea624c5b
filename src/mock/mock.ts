import { loadEngineContract, type Contract } from '../contract/index.js';
import { DEFAULT_API_KEYS, DEFAULT_CONTACTS, DEFAULT_SEED } from './defaults.js';
import { ControlPlane } from './domain/control-plane.js';
import { domainClock, MockService, type Service } from './domain/service.js';
import { createAdmin } from './admin/pipeline.js';
import { createApi, type RequestState } from './engine/api.js';
import { isPreflight, preflightHeaders, withCors } from './engine/cors.js';
import { Errors } from './engine/http-errors.js';
import { FaultRegistry, withFault } from './engine/faults.js';
import { isImplemented } from './engine/methods.js';
import { RequestJournal } from './engine/journal.js';
import type { MetricsEndpoint } from './engine/metrics.js';
import { requestUrl } from './engine/query.js';
import { eventLine, requestLine, type Exchange, type LogFormat, type LogLevel } from './engine/request-log.js';
import { errorResponse, json, jsonText, readJson } from './engine/respond.js';
import type { MockRequest, MockResponse } from './engine/types.js';
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
  /** protects /__admin (but /__admin/health and /__admin/ready) with the X-Admin-Token header */
  adminToken?: string | undefined;
  /** web origins whose pages may call /__admin (none by default: browsers get 403 from other origins) */
  adminOrigins?: string[] | undefined;
  /** one line per request, outages of the store and internal errors; off by default in-process */
  log?: false | ((line: string) => void) | undefined;
  /** the lines of `log`: human (default) or json, one object a line for log pipelines */
  logFormat?: LogFormat | undefined;
  /** called once per answered request, after the log (metrics) */
  observe?: ((exchange: Exchange) => void) | undefined;
  /** what /__admin/metrics serves, behind the admin token (Node: createMetrics); without it that route is a 404 */
  metrics?: MetricsEndpoint | undefined;
  /** bytes each tenant may add to the default in-memory store beyond its seeded data (default 256 MiB) */
  tenantBytes?: number | undefined;
  /** the store (default: a fresh in-memory one seeded from apiKeys, seed and contacts) */
  repository?: Repository;
  /** wraps the domain service (a decorator changing one behaviour: the conformance tests' broken variants) */
  decorateService?: (service: Service) => Service;
  /** clock, for tests */
  now?: () => Date;
  /** the contract the engine routes and validates with (default: the toolkit's; a variant of it for tests) */
  contract?: Contract;
}

/** The mock with no server around it: one `handle` for every transport (Express, fetch, MSW). */
export interface Mock {
  handle(req: MockRequest): Promise<MockResponse>;
  readonly service: Service;
  readonly control: ControlPlane;
  readonly repository: Repository;
  readonly journal: RequestJournal;
  readonly faults: FaultRegistry;
  readonly contract: Contract;
  /** the keys it was started with (the demo tenants by default): the API reference page starts with the first */
  readonly apiKeys: readonly ApiKeySpec[];
  /** whether /__admin asks for a token: the keys are then not for every page to show */
  readonly adminProtected: boolean;
}

function isAdminPath(path: string): boolean {
  return path === '/__admin' || path.startsWith('/__admin/');
}

/** What a store is seeded with, and reset to, for these options. */
export function seedOptionsOf(options: Pick<MockOptions, 'apiKeys' | 'seed' | 'contacts'>): SeedOptions {
  return { apiKeys: options.apiKeys ?? DEFAULT_API_KEYS, seed: options.seed ?? DEFAULT_SEED, contactsPerTenant: options.contacts ?? DEFAULT_CONTACTS };
}

export function createMock(options: MockOptions = {}): Mock {
  const contract = options.contract ?? loadEngineContract();
  const seed = seedOptionsOf(options);
  const repository: Repository = options.repository ?? new MemoryRepository(seed, options.tenantBytes === undefined ? {} : { tenantBytes: options.tenantBytes });
  const clockOptions = options.now ? { now: options.now } : {};
  const plain = new MockService(repository, clockOptions);
  const service = options.decorateService ? options.decorateService(plain) : plain;
  const control = new ControlPlane(repository, domainClock(clockOptions), seed);
  const journal = new RequestJournal();
  const faults = new FaultRegistry();
  const api = createApi(contract, service, faults, { latency: options.latency });
  const log = options.log || undefined;
  const format = options.logFormat ?? 'human';
  const observe = options.observe;
  const event = (level: LogLevel, message: string, fields?: Record<string, unknown>) => log?.(eventLine(format, level, message, fields));
  const internal = log && ((line: string) => event('error', line));
  const admin = createAdmin(control, journal, faults, { adminToken: options.adminToken, adminOrigins: options.adminOrigins ?? [], log: internal, storeHealth: repository.health, metrics: options.metrics });
  // an outage is told once when it starts and once when it ends, not once per refused request
  repository.health?.watch((change) => {
    if (!change.available) {
      const { error } = change;
      event('error', `store unavailable: ${error.reason}; answering ${error.full ? 507 : 503}${error.writesOnly ? ' to writes' : ''} until it is back`, { store: 'unavailable' });
    } else {
      event('warn', `store available again after ${(change.downMs / 1000).toFixed(1)} s`, { store: 'available', outageSeconds: Math.round(change.downMs) / 1000 });
    }
  });

  const refusal = (error: unknown) => errorResponse(error, internal);

  /** The API: CORS open to any page, a preflight answered here. (One async step: each costs every request a turn of the queue.) */
  async function apiAnswer(req: MockRequest, state: RequestState): Promise<MockResponse> {
    if (isPreflight(req)) return { status: 204, headers: preflightHeaders(req), body: '' };
    let res: MockResponse;
    try {
      const answer = await api.answer(req, readJson(req), state);
      if (!answer) res = refusal(Errors.routeNotFound());
      else {
        const written = answer.text === undefined ? json(answer.status, answer.body) : jsonText(answer.status, answer.text);
        // a reset connection answers nothing, CORS headers neither
        if (answer.fault === 'reset') return withFault(written, 'reset');
        res = withFault(written, answer.fault);
      }
    } catch (error) {
      res = refusal(error);
    }
    withCors(res.headers);
    return res;
  }

  function record(req: MockRequest, res: MockResponse, state: RequestState, started: number): void {
    // the journal, the log and the metrics are aids: nothing a client sent may make them throw
    try {
      const at = new Date();
      const exchange: Exchange = {
        at,
        method: req.method,
        path: req.path,
        url: req.url ?? requestUrl(req),
        status: res.status,
        durationMs: performance.now() - started,
        tenant: state.tenant,
        operationId: state.operationId,
        fault: state.fault,
        code: res.code,
        admin: isAdminPath(req.path),
      };
      if (!exchange.admin) {
        const entry: Parameters<RequestJournal['add']>[0] = { at: at.toISOString(), method: req.method, url: exchange.url, status: res.status, durationMs: exchange.durationMs, tenant: state.tenant, operationId: state.operationId };
        if (res.code) entry.code = res.code;
        journal.add(entry, req.body);
      }
      if (log) log(requestLine(format, exchange));
      if (observe) observe(exchange);
    } catch {
      // losing one entry is better than losing the answer
    }
  }

  async function handle(req: MockRequest): Promise<MockResponse> {
    const started = performance.now();
    const state: RequestState = { tenant: null, operationId: null };
    let res: MockResponse;
    if (!isImplemented(req.method)) {
      res = refusal(Errors.methodNotImplemented(req.method));
      if (!isAdminPath(req.path)) withCors(res.headers);
    } else {
      // HEAD is GET without the body: the same route, status and headers
      const asked = req.method === 'HEAD' ? { ...req, method: 'GET' } : req;
      res = isAdminPath(req.path) ? await admin.handle(asked) : await apiAnswer(asked, state);
      if (req.method === 'HEAD') res.body = '';
    }
    record(req, res, state, started);
    return res;
  }

  return { handle, service, control, repository, journal, faults, contract, apiKeys: seed.apiKeys, adminProtected: Boolean(options.adminToken) };
}
