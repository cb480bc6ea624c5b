import { timeCalls } from './bench/latency.ts';
for (const url of [process.argv[2], process.argv[3]]) {
  const t = await timeCalls(url, 'sk_test_demo_a', 600, () => ({ method: 'GET', path: '/v2/contacts?pageSize=25', expect: 200 }));
  console.log(url, t.p50.toFixed(3), t.p99.toFixed(3));
}
