// npm run fuzz: a long seeded run of invalid and hostile requests against the mock in a process of
// its own (so that a crash is seen as one), on loopback. Prints what it found; exit 1 on any failure.
import { Command } from 'commander';
import { fuzz, send } from './fuzz-cases.js';
import { rssMiB, startMockProcess } from './mock-process.js';
import { wholeNumber } from '../src/cli/options.js';

const opts = new Command('fuzz')
  .description('Seeded invalid and hostile requests against a mock process: 0 × 5xx, 0 crashes, 0 non-JSON errors, 0 dropped connections')
  .option('--requests <n>', 'requests to send', wholeNumber('--requests', 1), 100_000)
  .option('--seed <n>', 'seed of the cases (the same seed sends the same requests)', wholeNumber('--seed', 1), 20261127)
  .option('--concurrency <n>', 'requests in flight', wholeNumber('--concurrency', 1), 8)
  .parse()
  .opts<{ requests: number; seed: number; concurrency: number }>();

async function main(): Promise<number> {
  const { child, port, exited } = await startMockProcess(['--port', '0', '--contacts', '200']);
  let crashed: string | undefined;
  void exited.then((code) => (crashed = `the mock exited (${code})`));
  const rssBefore = rssMiB(child.pid!);
  console.log(`fuzzing http://127.0.0.1:${port}: ${opts.requests.toLocaleString('en-US')} requests, seed ${opts.seed}, ${opts.concurrency} at a time`);
  const report = await fuzz(port, {
    count: opts.requests,
    seed: opts.seed,
    concurrency: opts.concurrency,
    onProgress: (done) => {
      if (done % 10_000 === 0) console.log(`  ${done.toLocaleString('en-US')} sent, ${(done / ((Date.now() - started) / 1000)).toFixed(0)} req/s`);
    },
  });
  const alive = !crashed && (await send(port, { method: 'GET', path: '/__admin/health', headers: {}, label: 'health' }).then((r) => r.status === 200, () => false));
  const rssAfter = crashed ? NaN : rssMiB(child.pid!);
  child.kill('SIGTERM');
  const byClass = (prefix: string) => Object.entries(report.statuses).filter(([s]) => s.startsWith(prefix)).reduce((n, [, c]) => n + c, 0);
  const dropped = report.failures.filter((f) => f.problem.startsWith('no answer')).length;
  const fiveHundreds = report.failures.filter((f) => /^a 5\d\d$/.test(f.problem)).length;
  const shapes = report.failures.length - dropped - fiveHundreds;
  console.log(`\n${report.requests.toLocaleString('en-US')} requests in ${(report.ms / 1000).toFixed(1)} s: ${byClass('2')} 2xx, ${byClass('4')} 4xx, ${byClass('5')} 5xx`);
  console.log(`statuses: ${Object.entries(report.statuses).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  console.log(`mock RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MiB`);
  for (const f of report.failures.slice(0, 20)) console.log(`  FAIL ${f.problem}: ${f.label}`);
  console.log(`${fiveHundreds} × 5xx, ${crashed || !alive ? 1 : 0} crashes, ${shapes} errors not JSON in FastAPI's shape or successes off the contract, ${dropped} dropped connections`);
  return report.failures.length === 0 && alive ? 0 : 1;
}

const started = Date.now();
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
