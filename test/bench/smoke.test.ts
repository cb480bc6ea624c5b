import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Keeps `npm run bench` working: a quick run of the real script (our mock, Prism, bare Express,
// autocannon, a small scale tenant). It asserts the report's shape, never its figures.
it('the benchmark script runs end to end and writes its report', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'allsign-bench-')), 'BENCHMARKS.md');
  const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/run.ts'), '--quick', '--source', '--no-traffic', '--out', out], { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
  expect(run.code, run.output).toBe(0);
  const report = readFileSync(out, 'utf8');
  for (const scenario of ['list', 'get', 'create']) {
    expect(report).toMatch(new RegExp(`^\\| ${scenario} \\| [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ \\|.*\\| [\\d.]+× \\| \\d+% \\| [\\d.]+× \\|$`, 'm'));
  }
  expect(report).toMatch(/^\| ours \(default seed, on \/__admin\/health\) \| [\d,]+ \| [\d,]+ ms \|$/m);
  expect(report).toMatch(/^\| 3,000 \| [\d.]+ s \| [\d,]+ \/ [\d,]+ MiB \|/m);
  expect(report).toMatch(/Every answer in the measured runs was a 2xx/);
}, 180_000);

function bench(args: string[], out: string) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/run.ts'), '--quick', '--source', '--out', out, ...args], { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

// The passive side on its own: the proxies side by side, and the HAR validated to the end.
it('the benchmark of the validating proxy and the HAR validator runs end to end', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'allsign-bench-')), 'BENCHMARKS.md');
  const run = await bench(['--no-throughput', '--no-startup', '--no-scale', '--no-stores'], out);
  expect(run.code, run.output).toBe(0);
  const report = readFileSync(out, 'utf8');
  for (const scenario of ['list', 'get']) expect(report).toMatch(new RegExp(`^\\| ${scenario} \\| [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ \\| [\\d.]+× \\| [\\d.]+ → [\\d.]+ ms \\| -?[\\d.]+ ms \\|$`, 'm'));
  expect(report).toMatch(/A HAR of 1,000 exchanges \([\d,]+ MiB: .*\) validated by `allsign-conformance har` in \*\*[\d.]+ s\*\* \([\d.]+ s of CPU over its two threads\) with a peak RSS of \*\*[\d,]+ MiB\*\* \(exit 0\)/);
}, 180_000);
