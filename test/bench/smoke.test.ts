import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Keeps `npm run bench` working: one quick run of the real script with every part on, as
// `npm run bench` runs it (our mock, node:http, WireMock, Express, Prism, the database stores,
// autocannon, a small scale tenant, the proxies and the HAR validator). It asserts the report's
// shape, never its figures.
let run: { code: number | null; output: string };
let report: string;

beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'allsign-bench-')), 'BENCHMARKS.md');
  run = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/run.ts'), '--quick', '--source', '--out', out], { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
  report = run.code === 0 ? readFileSync(out, 'utf8') : '';
}, 300_000);

it('the benchmark script runs end to end and writes its report', () => {
  expect(run.code, run.output).toBe(0);
  // ours, node:http, WireMock (where Java runs it), Express, Prism; then the ratios to each
  const wiremock = !/WireMock was not measured/.test(report);
  const peers = wiremock ? 4 : 3;
  for (const scenario of ['list', 'get', 'create']) {
    expect(report).toMatch(new RegExp(`^\\| ${scenario} \\| [\\d,]+ (\\| [\\d,]+ ){${peers}}\\| \\d+ / \\d+ (\\| [\\d.]+× ){${peers}}\\|$`, 'm'));
  }
  expect(report).toMatch(/^\| memory store, list: ≥ 0\.5× bare node:http \| [\d.]+× \| (met|\*\*missed\*\*) \|$/m);
  expect(report).toMatch(/^\| ours \(default seed, on \/__admin\/ready\) \| [\d,]+ \| [\d,]+ ms \|$/m);
  expect(report).toMatch(/^\| 3,000 \| [\d.]+ s \| [\d,]+ \/ [\d,]+ MiB \|/m);
  expect(report).toMatch(/Every answer in the measured runs was a 2xx/);
});

// The passive side: the proxies side by side, and the HAR validated to the end.
it('the benchmark of the validating proxy and the HAR validator runs end to end', () => {
  expect(run.code, run.output).toBe(0);
  for (const scenario of ['list', 'get']) expect(report).toMatch(new RegExp(`^\\| ${scenario} \\| [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ \\| [\\d.]+× \\| [\\d.]+ → [\\d.]+ ms \\| -?[\\d.]+ ms \\|$`, 'm'));
  expect(report).toMatch(/A HAR of 1,000 exchanges \([\d,]+ MiB: .*\) validated by `allsign-conformance har` in \*\*[\d.]+ s\*\* \([\d.]+ s of CPU over its two threads\) with a peak RSS of \*\*[\d,]+ MiB\*\* \(exit 0\)/);
});
