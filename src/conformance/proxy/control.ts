import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TrafficReport } from '../traffic/book.js';
import { renderTraffic } from '../traffic/reporters/index.js';

/** What the routes read: the report so far (redacted) and the counts. */
export interface ReportSource {
  report(): Promise<TrafficReport> | TrafficReport;
  tally(): Promise<object> | object;
}

/**
 * The proxy's own routes, never forwarded: GET /__proxy/report (the report so far, redacted; JSON,
 * or ?format=markdown|junit|pretty) and GET /__proxy/health. No CORS headers: a page of another
 * origin cannot read them.
 */
export function proxyControl(source: ReportSource) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const answer = (status: number, type: string, text: string) => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, 'application/json', JSON.stringify({ detail: `${req.method} is not allowed on ${url.pathname}: GET it` }));
    if (url.pathname === '/__proxy/health') return answer(200, 'application/json', JSON.stringify({ status: 'ok', ...(await Promise.resolve(source.tally()).catch((error: Error) => ({ status: 'validator stopped', detail: error.message }))) }));
    if (url.pathname !== '/__proxy/report') return answer(404, 'application/json', JSON.stringify({ detail: `no proxy route ${url.pathname}: GET /__proxy/report or /__proxy/health` }));
    const format = url.searchParams.get('format') ?? 'json';
    if (format !== 'json' && format !== 'markdown' && format !== 'junit' && format !== 'pretty') {
      return answer(422, 'application/json', JSON.stringify({ detail: [{ type: 'enum', loc: ['query', 'format'], msg: "Input should be 'json', 'markdown', 'junit' or 'pretty'", input: format }] }));
    }
    let report: TrafficReport;
    try {
      report = await source.report();
    } catch (error) {
      return answer(500, 'application/json', JSON.stringify({ detail: (error as Error).message }));
    }
    const type = format === 'json' ? 'application/json' : format === 'junit' ? 'application/xml' : format === 'markdown' ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8';
    answer(200, type, renderTraffic(format, report));
  };
}
