import { loadContract, type Contract } from '../../contract/index.js';
import { explainNetworkError } from './network.js';
import type { ExchangeRecord, Note } from '../types.js';

export class ConformanceFailure extends Error {}

/** No HTTP answer at all (refused, reset, timed out), as opposed to a wrong answer. */
export class NetworkFailure extends ConformanceFailure {
  constructor(
    message: string,
    readonly exchange: ExchangeRecord,
  ) {
    super(message);
  }
}

export interface Answer {
  status: number;
  /** the parsed JSON, the text when it is not JSON, undefined when empty: read it with read.ts, never by cast */
  body: unknown;
  headers: Headers;
  /** what the generic response checks found in this answer */
  findings: Note[];
  exchange: ExchangeRecord;
}

/** Sees every exchange with its whole body (the recorded one is clipped); returns what the generic checks found. */
export type Observer = (record: ExchangeRecord, body: unknown) => Note[];

export interface ClientOptions {
  /** the target; its path is kept (`https://host/api` calls `https://host/api/v2/contacts`) */
  baseUrl: string;
  apiKey: string | undefined;
  timeoutMs: number;
  /** where this client's exchanges are recorded (one log per check) */
  log?: ExchangeRecord[];
  /** the check or generated case the exchanges belong to */
  seenIn?: string;
  observe?: Observer;
  /** attempts on 429 before giving up */
  maxRetries?: number;
  /** a target in this process, in place of the network (RunOptions.fetch) */
  fetch?: FetchTarget | undefined;
}

/** A target in this process: a request in, its answer out, as a fetch handler takes them. */
export type FetchTarget = (request: Request) => Promise<Response>;

/**
 * Sends through the network, or hands the request to a target in this process: there the timeout
 * holds whatever the target does, and an error Response is a network error, as fetch would throw.
 */
async function send(target: FetchTarget | undefined, url: string, init: RequestInit & { signal: AbortSignal }): Promise<Response> {
  if (!target) return fetch(url, init);
  const { signal } = init;
  const timedOut = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
  const res = await Promise.race([target(new Request(url, init)), timedOut]);
  if (res.type === 'error') throw new TypeError('the target answered with a network error (Response.error())');
  return res;
}

const MAX_RECORDED_BODY = 4000;

function clip(value: unknown): unknown {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined || text.length <= MAX_RECORDED_BODY) return value;
  return `${text.slice(0, MAX_RECORDED_BODY)}… (${text.length} characters)`;
}

/** The one HTTP client of the suite: records every exchange and shows it to the observer. */
export class HttpClient {
  private readonly contract: Contract = loadContract();

  constructor(readonly options: ClientOptions) {}

  withLog(log: ExchangeRecord[], seenIn = this.options.seenIn): HttpClient {
    return new HttpClient({ ...this.options, log, seenIn });
  }

  url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
    const sent = init.headers as Record<string, string>;
    if (this.options.apiKey !== undefined && !sent.authorization) sent.authorization = `Bearer ${this.options.apiKey}`;
    if (body !== undefined) {
      sent['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const auth = !sent.authorization ? 'none' : this.options.apiKey === undefined || headers.authorization ? 'made-up' : undefined;
    const match = this.contract.match(method, new URL(path, 'http://x').pathname);
    const record: ExchangeRecord = {
      request: { method, url: path, body: body === undefined ? undefined : clip(body), ...(auth ? { auth } : {}) },
      durationMs: 0,
      operationId: match.operation?.operationId,
      seenIn: this.options.seenIn,
    };
    this.options.log?.push(record);
    const started = Date.now();
    let res: Response | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        res = await send(this.options.fetch, this.url(path), { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
      } catch (error) {
        record.error = explainNetworkError(error, this.options.timeoutMs);
        record.durationMs = Date.now() - started;
        throw new NetworkFailure(`${method} ${path}: ${record.error}`, record);
      }
      if (res.status !== 429 || attempt >= (this.options.maxRetries ?? 3)) break;
      const wait = Math.min(Number(res.headers.get('retry-after') ?? 1), 30) * 1000;
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, wait));
    }
    const text = await res.text();
    record.durationMs = Date.now() - started;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: the content-type and schema checks say so
    }
    record.response = { status: res.status, contentType: res.headers.get('content-type'), body: clip(parsed) };
    const findings = this.options.observe?.(record, parsed) ?? [];
    return { status: res.status, body: parsed, headers: res.headers, findings, exchange: record };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body);
  put = (path: string, body?: unknown) => this.request('PUT', path, body);
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body);
  delete = (path: string, body?: unknown) => this.request('DELETE', path, body);
}
