import autocannon from 'autocannon';

export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** a fresh body per request (creates need unique emails) */
  body?: () => unknown;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** The round with the median throughput: one noisy stretch of a shared machine decides nothing. */
export function medianRound(rounds: LoadResult[]): LoadResult {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...median, non2xx: rounds.reduce((n, r) => n + r.non2xx, 0), errors: rounds.reduce((n, r) => n + r.errors, 0) };
}

/** Loads one server with one scenario: a warm-up (a third of the run unless told), then the measured run. */
export async function load(url: string, key: string, scenario: Scenario, seconds: number, connections: number, warmUpSeconds = Math.max(1, Math.round(seconds / 3))): Promise<LoadResult> {
  const run = (duration: number) =>
    autocannon({
      url,
      connections,
      duration,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      requests: [
        scenario.body
          ? { method: scenario.method, path: scenario.path, setupRequest: (req) => ({ ...req, body: JSON.stringify(scenario.body!()) }) }
          : { method: scenario.method, path: scenario.path },
      ],
    });
  await run(warmUpSeconds);
  const result = await run(seconds);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
