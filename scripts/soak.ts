// npm run soak: a long mixed load on a mock process (creates, renames, custom fields, deletes, bulk,
// searches, documents, journal reads and large bodies) while its resident memory is sampled; prints
// the RSS slope after warm-up, which must be flat: what clients do must not grow the process.
import { Command } from 'commander';
import { rssMiB, startMockProcess } from './mock-process.js';
import { positiveNumber, wholeNumber } from '../src/cli/options.js';

const opts = new Command('soak')
  .description('Mixed load on a mock process for a while; prints resident memory over time and its slope after warm-up')
  .option('--minutes <n>', 'how long', positiveNumber('--minutes'), 10)
  .option('--warmup <n>', 'minutes left out of the slope', positiveNumber('--warmup'), 2)
  .option('--workers <n>', 'clients in parallel', wholeNumber('--workers', 1), 6)
  .option('--max-slope <mib>', 'MiB per minute above which the run fails', positiveNumber('--max-slope'), 2)
  .parse()
  .opts<{ minutes: number; warmup: number; workers: number; maxSlope: number }>();

const KEY = 'sk_test_demo_a';

async function call(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 500) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/** One client's cycle: a contact is born, renamed many times, given custom fields, put on a document, and deleted. */
async function cycle(base: string, worker: number, n: number): Promise<void> {
  const email = `soak-${worker}-${n}@example.com`;
  const created = await call(base, 'POST', '/v2/contacts', { email, full_name: `Soak ${worker}` });
  for (let r = 0; r < 20; r++) await call(base, 'PUT', `/v2/contacts/${created.id}`, { fullName: `Nombre${n}x${r} Apellido${r}${worker}`, company: `Empresa ${r}` });
  for (let k = 0; k < 5; k++) await call(base, 'PATCH', `/v2/contacts/${created.id}/custom-fields`, { set: { [`k${k}`]: 'v'.repeat(500) }, remove: [`k${k - 1}`] });
  await call(base, 'GET', `/v2/contacts?search=${encodeURIComponent(`nombre${n}`)}`);
  await call(base, 'GET', `/v2/contacts/autocomplete?q=apellido${n % 20}`);
  // a large body, for the journal
  await call(base, 'POST', '/v2/contacts/bulk', { contacts: Array.from({ length: 20 }, (_, i) => ({ email: `soak-bulk-${worker}-${n}-${i}@example.com`, notes: 'n'.repeat(400) })) });
  const bulk = await call(base, 'GET', `/v2/contacts?search=soak-bulk-${worker}-${n}-&pageSize=100`);
  await call(base, 'DELETE', '/v2/contacts/bulk', { contactIds: bulk.data.map((c: { id: string }) => c.id) });
  if (n % 5 === 0) await call(base, 'GET', '/__admin/requests?limit=1000');
  await call(base, 'DELETE', `/v2/contacts/${created.id}`);
}

async function main(): Promise<number> {
  const { child, url: base } = await startMockProcess(['--port', '0', '--contacts', '2000']);
  const started = Date.now();
  const end = started + opts.minutes * 60_000;
  const samples: { minute: number; rss: number }[] = [];
  const sampler = setInterval(() => samples.push({ minute: (Date.now() - started) / 60_000, rss: rssMiB(child.pid!) }), 5_000);
  let cycles = 0;
  await Promise.all(
    Array.from({ length: opts.workers }, async (_, worker) => {
      for (let n = 0; Date.now() < end; n++) {
        await cycle(base, worker, n);
        cycles++;
      }
    }),
  );
  clearInterval(sampler);
  const health = (await (await fetch(`${base}/__admin/health`)).json()) as { contacts: number };
  child.kill('SIGTERM');
  const steady = samples.filter((s) => s.minute >= opts.warmup);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const mx = mean(steady.map((s) => s.minute));
  const my = mean(steady.map((s) => s.rss));
  const slope = steady.reduce((a, s) => a + (s.minute - mx) * (s.rss - my), 0) / steady.reduce((a, s) => a + (s.minute - mx) ** 2, 0);
  for (const s of samples.filter((_, i) => i % 12 === 0)) console.log(`  ${s.minute.toFixed(1)} min  RSS ${s.rss.toFixed(0)} MiB`);
  console.log(`${cycles} cycles (${cycles * 31} requests) in ${opts.minutes} min; contacts at the end: ${health.contacts}`);
  console.log(`RSS after ${opts.warmup} min of warm-up: ${Math.min(...steady.map((s) => s.rss)).toFixed(0)}–${Math.max(...steady.map((s) => s.rss)).toFixed(0)} MiB, slope ${slope.toFixed(2)} MiB/min (growth limit ${opts.maxSlope})`);
  // only growth fails: memory given back after warm-up is the heap settling, not a leak
  return slope <= opts.maxSlope ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
