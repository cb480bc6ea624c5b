import { loadContract, type Contract } from '../contract/index.js';
import type { ExchangeRecord } from './types.js';

export class ConformanceFailure extends Error {}

/** No HTTP answer at all (refused, reset, timed out), as opposed to a wrong answer. */
export class NetworkFailure extends ConformanceFailure {}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ClientOptions {
  baseUrl: string;
  apiKey: string | undefined;
  timeoutMs: number;
  /** where this client's exchanges are recorded (one log per check) */
  log?: ExchangeRecord[];
  /** attempts on 429 before giving up */
  maxRetries?: number;
}

const MAX_RECORDED_BODY = 4000;

function clip(value: unknown): unknown {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined || text.length <= MAX_RECORDED_BODY) return value;
  return `${text.slice(0, MAX_RECORDED_BODY)}… (${text.length} characters)`;
}

/**
 * The one HTTP client of the suite. Every answer is checked against the contract: its content type
 * and its body against the schema of its operation and status; a violation fails the check.
 */
export class HttpClient {
  private readonly contract: Contract = loadContract();

  constructor(readonly options: ClientOptions) {}

  withLog(log: ExchangeRecord[]): HttpClient {
    return new HttpClient({ ...this.options, log });
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const url = new URL(path, this.options.baseUrl).toString();
    const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
    if (this.options.apiKey !== undefined) (init.headers as Record<string, string>).authorization = `Bearer ${this.options.apiKey}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const record: ExchangeRecord = { request: { method, url: path, body: body === undefined ? undefined : clip(body) }, durationMs: 0 };
    this.options.log?.push(record);
    const started = Date.now();
    let res: globalThis.Response | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
      } catch (error) {
        record.error = (error as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : String((error as Error).message);
        record.durationMs = Date.now() - started;
        throw new NetworkFailure(`${method} ${path}: ${record.error}`);
      }
      if (res.status !== 429 || attempt >= (this.options.maxRetries ?? 3)) break;
      const wait = Math.min(Number(res.headers.get('retry-after') ?? 1), 30) * 1000;
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, wait));
    }
    const text = await res.text();
    record.durationMs = Date.now() - started;
    const contentType = res.headers.get('content-type');
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: reported below through the content type and schema checks
    }
    record.response = { status: res.status, contentType, body: clip(parsed) };
    this.conform(method, path, res.status, contentType, parsed);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  private conform(method: string, path: string, status: number, contentType: string | null, body: unknown): void {
    const match = this.contract.match(method, new URL(path, 'http://x').pathname);
    if (!match.operation) return;
    if (!/^application\/(.+\+)?json\b/.test(contentType ?? '')) {
      throw new ConformanceFailure(`${method} ${path} → ${status} with content type ${contentType ?? '(none)'}, expected application/json`);
    }
    const check = match.operation.validateResponse(status, body);
    if (!check.ok) {
      throw new ConformanceFailure(`${method} ${path} → ${status}: the body does not match the contract's schema for ${match.operation.operationId} ${status}: ${check.errors.join('; ')}`);
    }
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body);
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body);
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body);
  delete = <T = any>(path: string, body?: unknown) => this.request<T>('DELETE', path, body);
}
