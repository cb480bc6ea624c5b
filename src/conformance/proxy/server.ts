import { Agent as HttpAgent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { explainNetworkError } from '../http/network.js';
import type { FindingGroup } from '../traffic/book.js';
import type { Exchange, HeaderList } from '../traffic/exchange.js';
import { Tee } from './tee.js';

export type ProxyMode = 'observe' | 'annotate' | 'enforce';
export const PROXY_MODES: readonly ProxyMode[] = ['observe', 'annotate', 'enforce'];

/** The header annotate and enforce modes add: one finding id, short and ASCII (never the findings themselves). */
export const FINDING_HEADER = 'x-allsign-finding';

/** Where exchanges go to be judged: in observe mode without waiting, in annotate and enforce for the verdict. */
export interface Judging {
  add(exchange: Exchange): unknown;
  judge(exchange: Exchange): Promise<FindingGroup[]> | FindingGroup[];
}

export interface ProxyOptions {
  /** where requests go: an origin, and a base path prepended to every request's path */
  upstream: URL;
  mode: ProxyMode;
  book: Judging;
  /** bytes of each body kept for validation (the wire is never bounded by it) */
  maxBodyBytes: number;
  /** the upstream's answer must start, and each stretch of silence end, within this */
  timeoutMs: number;
  /** every finished exchange, after it is judged (the HAR recorder) */
  onExchange?: (exchange: Exchange) => void;
  /** the proxy's own routes under /__proxy */
  control: (req: IncomingMessage, res: ServerResponse) => unknown;
}

// RFC 9110 §7.6.1: meaningful for one connection only; a proxy does not forward them
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function forwardable(raw: string[], drop: Set<string>): HeaderList {
  const connection = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'connection') for (const t of raw[i + 1]!.split(',')) connection.add(t.trim().toLowerCase());
  }
  const out: HeaderList = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(name) && !connection.has(name) && !drop.has(name)) out.push([raw[i]!, raw[i + 1]!]);
  }
  return out;
}

const flat = (headers: HeaderList) => headers.flat();
const pairs = (raw: string[]): HeaderList => {
  const out: HeaderList = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
};
const headerOf = (list: HeaderList, name: string) => list.find(([n]) => n.toLowerCase() === name)?.[1];

function json(res: ServerResponse, status: number, body: unknown, extra: HeaderList = []): void {
  const text = JSON.stringify(body);
  res.writeHead(status, flat([['content-type', 'application/json'], ['content-length', String(Buffer.byteLength(text))], ['cache-control', 'no-store'], ...extra]));
  res.end(text);
}

class UpstreamTimeout extends Error {
  override name = 'TimeoutError';
}

/**
 * A reverse proxy in front of one upstream that leaves the wire alone: bytes, status, headers (case
 * and repeats), compression and chunking pass as they came, and the validator reads a bounded,
 * decoded copy. In observe mode the answer streams through and is judged after it is delivered;
 * annotate and enforce hold an answer (up to the body bound) until it is judged.
 */
export function createProxy(options: ProxyOptions): Server {
  const { upstream } = options;
  const secure = upstream.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 256 }) : new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const send = secure ? httpsRequest : httpRequest;
  const basePath = upstream.pathname.replace(/\/+$/, '');

  const server = createServer({ headersTimeout: 10_000, requestTimeout: 120_000, keepAliveTimeout: 5_000 }, (req, res) => {
    if (req.url?.startsWith('/__proxy/') || req.url === '/__proxy') return void options.control(req, res);
    forward(req, res);
  });

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const started = Date.now();
    const requestHeaders = pairs(req.rawHeaders);
    const exchange: Exchange = { startedAt: new Date(started).toISOString(), durationMs: 0, request: { method: req.method ?? 'GET', url: req.url ?? '/', headers: requestHeaders } };
    const requestTee = new Tee(options.maxBodyBytes);
    const responseTee = new Tee(options.maxBodyBytes);
    const sent = forwardable(req.rawHeaders, new Set(['host', 'expect']));
    sent.unshift(['Host', upstream.host]);
    let settled = false;

    const upstreamReq: ClientRequest = send({
      protocol: upstream.protocol,
      hostname: upstream.hostname,
      port: upstream.port || (secure ? 443 : 80),
      method: req.method,
      path: `${basePath}${req.url ?? '/'}`,
      headers: flat(sent),
      agent,
      // the proxy needs neither redirects followed nor bodies decoded: it passes them on
    });
    upstreamReq.setTimeout(options.timeoutMs, () => upstreamReq.destroy(new UpstreamTimeout(`no answer from the upstream within ${options.timeoutMs} ms`)));

    req.on('data', (chunk: Buffer) => requestTee.push(chunk));
    req.pipe(upstreamReq);
    // the client went away before its answer was complete: stop asking the upstream
    res.on('close', () => {
      if (!res.writableFinished) upstreamReq.destroy();
    });

    const finish = async (error?: string) => {
      if (settled) return;
      settled = true;
      exchange.durationMs = Date.now() - started;
      if (error) exchange.error = error;
      const body = await requestTee.decoded(headerOf(requestHeaders, 'content-encoding'));
      if (body) exchange.request.body = body;
      return exchange;
    };
    const record = (done: Exchange | undefined) => {
      if (!done) return;
      options.book.add(done);
      options.onExchange?.(done);
    };

    upstreamReq.on('error', (error) => {
      const why = error instanceof UpstreamTimeout ? error.message : explainNetworkError(error, options.timeoutMs);
      if (!res.headersSent) {
        const status = error instanceof UpstreamTimeout ? 504 : 502;
        json(res, status, { detail: `the proxy got no answer from ${upstream.origin}: ${why}` });
      } else {
        // the answer had begun: the client sees it end the way the upstream's did
        res.destroy();
      }
      void finish(why).then(record);
    });

    upstreamReq.on('response', (up) => {
      const status = up.statusCode ?? 502;
      const responseHeaders = pairs(up.rawHeaders);
      const outgoing = forwardable(up.rawHeaders, new Set());
      exchange.response = { status, headers: responseHeaders };
      up.on('data', (chunk: Buffer) => responseTee.push(chunk));
      up.on('error', () => undefined);
      up.on('aborted', () => undefined);

      const complete = async () => {
        const body = await responseTee.decoded(headerOf(responseHeaders, 'content-encoding'));
        if (body) exchange.response!.body = body;
        return finish();
      };
      const broken = () => {
        // the upstream dropped the connection mid-answer: the client's connection goes the same way
        res.destroy();
        void complete().then((done) => {
          if (done) done.error = 'the upstream closed the connection before the answer was complete';
          record(done);
        });
      };

      if (options.mode === 'observe') {
        res.writeHead(status, up.statusMessage, flat(outgoing));
        up.pipe(res);
        up.on('end', () => void complete().then(record));
        up.on('close', () => {
          if (!up.complete) broken();
        });
        return;
      }

      // annotate and enforce: hold the answer until it is judged, as long as it fits the bound
      const held: Buffer[] = [];
      let streaming = false;
      up.on('data', (chunk: Buffer) => {
        if (streaming) return;
        held.push(chunk);
        if (responseTee.overflowed) {
          // too large to judge before delivering it: it goes through unjudged, as in observe mode
          streaming = true;
          res.writeHead(status, up.statusMessage, flat(outgoing));
          for (const part of held) res.write(part);
          held.length = 0;
          up.pipe(res);
        }
      });
      up.on('close', () => {
        if (!up.complete) broken();
      });
      up.on('end', () => {
        if (streaming) return void complete().then(record);
        void complete().then(async (done) => {
          if (!done) return;
          const groups = await options.book.judge(done);
          options.onExchange?.(done);
          const worst = pick(groups);
          if (options.mode === 'enforce' && worst?.provenance === 'documented') {
            return json(res, 502, { detail: `the upstream's answer breaks the contract (${worst.id}): ${worst.message}` }, [[FINDING_HEADER, worst.id]]);
          }
          const extra: HeaderList = worst ? [[FINDING_HEADER, worst.id]] : [];
          res.writeHead(status, up.statusMessage, flat([...outgoing, ...extra]));
          for (const part of held) res.write(part);
          res.end();
        });
      });
    });
  }

  server.on('close', () => agent.destroy());
  return server;
}

/** The finding a header names: documented before inferred before gaps; never a client's own mistake. */
function pick(groups: FindingGroup[]): FindingGroup | undefined {
  const order = ['documented', 'inferred', 'gap'];
  return groups.filter((g) => g.provenance !== 'client').sort((a, b) => order.indexOf(a.provenance) - order.indexOf(b.provenance))[0];
}
