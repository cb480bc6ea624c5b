import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, type Listening } from '../../support/listen.js';
import { createProxy, type ProxyMode } from '../../../src/conformance/proxy/server.js';
import { proxyControl } from '../../../src/conformance/proxy/control.js';
import { TrafficBook } from '../../../src/conformance/traffic/book.js';
import type { Exchange } from '../../../src/conformance/traffic/exchange.js';
import { nodeRedactor } from '../../../src/conformance/traffic/node-redactor.js';

export { listen, upstream, type Listening } from '../../support/listen.js';

export interface RunningProxy extends Listening {
  book: TrafficBook;
  exchanges: Exchange[];
  /** resolves once `n` exchanges have been judged (validation runs after delivery) */
  judged(n: number): Promise<void>;
}

export async function startProxy(target: string, mode: ProxyMode = 'observe', options: { maxBodyBytes?: number; timeoutMs?: number } = {}): Promise<RunningProxy> {
  const book = new TrafficBook(`proxy → ${target}`);
  const exchanges: Exchange[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  const server = createProxy({
    upstream: new URL(target),
    mode,
    book: { add: (e) => book.add(e), judge: (e) => book.add(e) },
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 5_000,
    onExchange: (e) => {
      exchanges.push(e);
      for (const w of waiting.filter((x) => exchanges.length >= x.n)) w.resolve();
    },
    control: proxyControl({ report: () => book.report('documented', nodeRedactor()), tally: () => book.tally() }),
  });
  const listening = await listen(server);
  return {
    ...listening,
    book,
    exchanges,
    judged: (n) => (exchanges.length >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve }))),
  };
}

export interface RawAnswer {
  status: number;
  rawHeaders: string[];
  body: Buffer;
  error?: string;
}

/** One request with node:http, no decoding: the bytes and headers exactly as they arrived. */
export function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on('error', (error) => resolve({ status: res.statusCode!, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks), error: error.message }));
      res.on('aborted', () => undefined);
    });
    req.on('error', (error) => resolve({ status: 0, rawHeaders: [], body: Buffer.alloc(0), error: error.message }));
    req.end(options.body);
  });
}

/** Headers that are the connection's, not the message's: a proxy owns them. */
export const messageHeaders = (rawHeaders: string[]) => {
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!/^(date|connection|keep-alive|transfer-encoding)$/i.test(rawHeaders[i]!)) out.push(`${rawHeaders[i]}: ${rawHeaders[i + 1]}`);
  }
  return out;
};

export const KEY = 'sk_test_demo_a';
export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};
