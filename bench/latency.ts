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

/**
 * One request at a time (what one user feels), timed on the client with a kept-alive connection.
 * `next(i)` gives the i-th request, so queries vary and nothing is served from a warm repeat.
 */
export async function timeCalls(url: string, key: string, count: number, next: (i: number) => Call): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < count + 5; i++) {
    const call = next(i);
    const t0 = performance.now();
    const res = await fetch(url + call.path, {
      method: call.method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status !== call.expect) throw new Error(`${call.method} ${call.path} → ${res.status}, expected ${call.expect}`);
    if (i >= 5) times.push(ms); // the first few warm the connection and the JIT
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p99: at(0.99), count: times.length };
}
