import { loadContract } from '../../contract/index.js';
import { explainNetworkError } from '../http/network.js';
import type { TrafficBook } from './book.js';
import { bodyValue, type BodyCopy, type Exchange, type HeaderList } from './exchange.js';
import { DIFFERENCE, type TrafficFinding } from './judge.js';
import type { Redactor } from './redact.js';

/** What a replay sends of the recorded headers: what the API reads; the rest is the recorder's connection. */
const SENT = new Set(['authorization', 'content-type', 'accept', 'prefer']);
/** Values a replay cannot reproduce: when it happened. */
const VOLATILE = new Set(['createdAt', 'updatedAt', 'signedAt']);
const MAX_DIFFERENCES = 20;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Sends a recording's API requests again, in order, to another implementation (the mock started
 * from the recording's fixtures), judges each new exchange like any traffic, and files where the
 * answer differs from the recorded one: the status, and each field (timestamps aside; ids the
 * replay created stand in for the recorded ones in later requests and comparisons).
 */
export class Replayer {
  private readonly ids = new Map<string, string>();
  sent = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly book: TrafficBook,
    private readonly redactor: Redactor,
    private readonly apiPath: (pathname: string) => string | undefined,
    private readonly timeoutMs: number,
  ) {}

  private mapIds(text: string): string {
    return this.ids.size ? text.replace(UUID, (id) => this.ids.get(id.toLowerCase()) ?? id) : text;
  }

  async replay(recorded: Exchange): Promise<void> {
    const url = new URL(recorded.request.url, 'http://recording.invalid');
    const path = this.apiPath(url.pathname);
    if (path === undefined || recorded.request.method.toUpperCase() === 'OPTIONS' || !recorded.response || recorded.error) return;
    const target = this.mapIds(`${path}${url.search}`);
    const headers: HeaderList = recorded.request.headers.filter(([n]) => SENT.has(n.toLowerCase())).map(([n, v]) => [n, this.redactor.header(n, v)]);
    const body = recorded.request.body && !recorded.request.body.truncated ? this.mapIds(recorded.request.body.text) : undefined;
    const started = Date.now();
    const exchange: Exchange = { startedAt: new Date(started).toISOString(), durationMs: 0, request: { method: recorded.request.method, url: target, headers, ...(body !== undefined ? { body: { text: body, size: body.length } } : {}) } };
    this.sent++;
    try {
      const res = await fetch(`${this.baseUrl}${target}`, { method: recorded.request.method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
      const text = await res.text();
      const answer: BodyCopy | undefined = text ? { text, size: text.length } : undefined;
      exchange.response = { status: res.status, headers: [...res.headers.entries()], ...(answer ? { body: answer } : {}) };
    } catch (error) {
      exchange.error = explainNetworkError(error, this.timeoutMs);
    }
    exchange.durationMs = Date.now() - started;
    this.book.add(exchange);
    this.compare(recorded, exchange, path);
  }

  private compare(recorded: Exchange, replayed: Exchange, path: string): void {
    const match = loadContract().match(recorded.request.method, path);
    const op = match.operation?.operationId;
    const was = recorded.response!.status;
    const now = replayed.response?.status;
    const line = `${replayed.request.method} ${replayed.request.url}`;
    const differ = (check: TrafficFinding['check'], key: string, field: string, message: string) =>
      this.book.note({ check, key: `${check} ${op ?? '-'} ${was} ${key}`, assertion: 'the replay is answered as the recording was', message, operationId: op, status: now, field, provenance: 'difference' }, replayed);
    if (now !== was) return void differ(DIFFERENCE.status, `${now}`, 'response.status', `${line}: recorded ${was}, replayed ${now ?? replayed.error}`);
    const before = bodyValue(recorded.response!.body);
    const after = bodyValue(replayed.response!.body);
    this.learnIds(before, after);
    const found: string[] = [];
    this.diff(this.mapValue(before), after, [], found);
    for (const field of found) differ(DIFFERENCE.body, field, `response.body/${field}`, `${line}: ${field || '(body)'} differs from the recording`);
  }

  /** A create's new ids stand in for the recorded ones from now on. */
  private learnIds(before: unknown, after: unknown, depth = 0): void {
    if (depth > 4) return;
    if (Array.isArray(before) && Array.isArray(after)) return before.forEach((b, i) => this.learnIds(b, after[i], depth + 1));
    if (!isObject(before) || !isObject(after)) return;
    for (const key of ['id', 'contactId', 'documentId']) {
      const a = before[key];
      const b = after[key];
      if (typeof a === 'string' && typeof b === 'string' && a !== b && /^[0-9a-f-]{36}$/i.test(a)) this.ids.set(a.toLowerCase(), b);
    }
    for (const key of ['data', 'details', 'items']) if (key in before) this.learnIds(before[key], after[key], depth + 1);
  }

  private mapValue(value: unknown): unknown {
    return this.ids.size && value !== undefined ? JSON.parse(this.mapIds(JSON.stringify(value))) : value;
  }

  private diff(a: unknown, b: unknown, at: string[], found: string[], depth = 0): void {
    if (found.length >= MAX_DIFFERENCES || depth > 16) return;
    const here = at.join('/');
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) return void found.push(here ? `${here}(length)` : '(length)');
      a.forEach((item, i) => this.diff(item, b[i], [...at, '*'], found, depth + 1));
      return;
    }
    if (isObject(a) && isObject(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (VOLATILE.has(key) && (a[key] === null) === (b[key] === null)) continue;
        this.diff(a[key], b[key], [...at, key], found, depth + 1);
      }
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b) && !found.includes(here)) found.push(here);
  }
}

