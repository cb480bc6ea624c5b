import http from 'node:http';

export interface Timing {
  p50: number;
  p99: number;
  count: number;
}

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  expect: number;
}

/** requests sent before the timed ones: a connection opened and the request's path compiled */
const WARM_UP = 100;
/**
 * The get compared with bare node:http waits longer: V8 optimises a server's hot path only after
 * some thousands of calls, and until then our mock's many functions (bare node:http has almost none)
 * run unoptimised and are compiled on the way, which showed as most of its slowest calls.
 */
export const SIDE_BY_SIDE_WARM_UP = 2000;

/** One server's connection: a kept-alive agent of one socket, and a request over it. */
function caller(url: string, key: string) {
  const { hostname, port } = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (call: Call) =>
    new Promise<number>((resolve, reject) => {
      const body = call.body === undefined ? undefined : JSON.stringify(call.body);
      const req = http.request(
        { host: hostname, port, path: call.path, method: call.method, agent, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}

function summary(times: number[]): Timing {
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p99: at(0.99), count: times.length };
}

/**
 * One request at a time (what one user feels), timed on the client over one kept-alive connection
 * with node:http (fetch adds its own fraction of a millisecond and its own jitter). `next(i)` gives
 * the i-th request, so queries vary; the first WARM_UP are not counted (connection, JIT).
 */
export async function timeCalls(url: string, key: string, count: number, next: (i: number) => Call): Promise<Timing> {
  return (await timeSideBySide([url], key, count, next))[0]!;
}

/**
 * The same calls to several servers, in turns of `turn` calls each, so that whatever else the
 * machine does in the meantime falls on all of them alike: a tail compared is a tail measured at
 * the same moments. Timings in the order of `urls`.
 */
export async function timeSideBySide(urls: string[], key: string, count: number, next: (i: number) => Call, { turn = 50, warmUp = Math.min(WARM_UP, count) } = {}): Promise<Timing[]> {
  const callers = urls.map((url) => caller(url, key));
  const times: number[][] = urls.map(() => []);
  try {
    for (let from = 0; from < count + warmUp; from += turn) {
      for (const [s, c] of callers.entries()) {
        for (let i = from; i < Math.min(from + turn, count + warmUp); i++) {
          const call = next(i);
          const t0 = performance.now();
          const status = await c.send(call);
          const ms = performance.now() - t0;
          if (status !== call.expect) throw new Error(`${call.method} ${call.path} → ${status} from ${urls[s]}, expected ${call.expect}`);
          if (i >= warmUp) times[s]!.push(ms);
        }
      }
    }
  } finally {
    for (const c of callers) c.close();
  }
  return times.map(summary);
}
