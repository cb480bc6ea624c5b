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

/**
 * How long one load runs: for a time (the benchmark's rounds), or for a number of requests (the
 * smoke run: short on a fast server, and never over before a starved one has answered at all).
 */
export type LoadLength = { seconds: number } | { requests: number };

export function describeLength(length: LoadLength): string {
  return 'seconds' in length ? `${length.seconds} s` : `${length.requests.toLocaleString('en-US')} requests`;
}

/** A third of a timed run (a second at least), half of a counted one. */
function defaultWarmUp(length: LoadLength): LoadLength {
  return 'seconds' in length ? { seconds: Math.max(1, Math.round(length.seconds / 3)) } : { requests: Math.ceil(length.requests / 2) };
}

/** The round with the median throughput: one noisy stretch of a shared machine decides nothing. */
export function medianRound(rounds: LoadResult[]): LoadResult {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...median, non2xx: rounds.reduce((n, r) => n + r.non2xx, 0), errors: rounds.reduce((n, r) => n + r.errors, 0) };
}

// autocannon ends a counted run at its next sample: a short sample keeps the idle tail short
const COUNTED_SAMPLE_MS = 25;

/** Loads one server with one scenario: a warm-up (a third of a timed run unless told), then the measured run. */
export async function load(url: string, key: string, scenario: Scenario, length: LoadLength, connections: number, warmUp = defaultWarmUp(length)): Promise<LoadResult> {
  const run = (of: LoadLength) =>
    autocannon({
      url,
      connections,
      ...('seconds' in of ? { duration: of.seconds } : { amount: Math.max(of.requests, connections), sampleInt: COUNTED_SAMPLE_MS }),
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      requests: [
        scenario.body
          ? { method: scenario.method, path: scenario.path, setupRequest: (req) => ({ ...req, body: JSON.stringify(scenario.body!()) }) }
          : { method: scenario.method, path: scenario.path },
      ],
    });
  await run(warmUp);
  const result = await run(length);
  return {
    // the requests answered over the run's length: autocannon's per-sample average is per second only in a timed run
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
