import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAll, startMockProcess, type MockProcess } from '../../../scripts/mock-process.js';
import { startPostgres, type PostgresServer } from '../../../scripts/postgres-server.js';
import { inMountsOf, onTmpfs } from '../../support/mount-namespace.js';
import { parsePrometheus } from '../../support/prometheus.js';

// A store that stops answering, as it happens to a sandbox: the PostgreSQL server stopped under
// running mocks, its connections cut, and the embedded store's disk filled, made read-only or its
// directory removed. Real components: a PostgreSQL server of the test's own, PGlite on disk, the
// mock as a process. Every answer is JSON; none is a 500; the process lives; the log tells each
// outage once when it starts and once when it ends.

const KEY = 'sk_test_demo_a';
const running: MockProcess[] = [];
const dirs: string[] = [];
let server: PostgresServer | undefined;

afterEach(async () => {
  await killAll(running);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => server?.stop());

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'allsign-outage-'));
  dirs.push(dir);
  return dir;
}

async function start(args: string[], options: Parameters<typeof startMockProcess>[1] = {}): Promise<MockProcess> {
  const mock = await startMockProcess(['-p', '0', '--contacts', '3', ...args], options);
  running.push(mock);
  return mock;
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: any;
}

async function call(mock: MockProcess, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(mock.url + path, {
    method,
    headers: { authorization: `Bearer ${KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // every answer, refusals included, is JSON
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

let emails = 0;
const create = (mock: MockProcess) => call(mock, 'POST', '/v2/contacts', { email: `outage-${++emails}@example.com`, full_name: 'Durante La Caída' });

/** The log lines after `from` characters of the output that say an outage started, and that it ended. */
function outageLines(mock: MockProcess, from = 0): { down: string[]; up: string[] } {
  const lines = mock.output().slice(from).split('\n');
  return { down: lines.filter((l) => l.startsWith('store unavailable: ')), up: lines.filter((l) => l.startsWith('store available again after ')) };
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const metrics = async (mock: MockProcess) => parsePrometheus(await (await fetch(`${mock.url}/__admin/metrics`)).text());

const ready = (mock: MockProcess) => fetch(`${mock.url}/__admin/ready`).then((r) => r.status === 200);

describe('--database-url: PostgreSQL stops answering', () => {
  it('waits for a server that is not up yet (alive, not ready), answers 503 while it is down, and comes back by itself', async () => {
    server = await startPostgres();
    const url = server.url('postgres');
    // the server is down when the mock starts: the process is alive, not ready, and refuses with 503
    await server.halt();
    const mock = await start(['--database-url', url], { listening: true });
    const health = await fetch(`${mock.url}/__admin/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'opening' });
    const opening = await fetch(`${mock.url}/__admin/ready`);
    expect(opening.status).toBe(503);
    expect(await opening.json()).toEqual({ detail: expect.stringMatching(/^Not ready: the store is opening/) });
    expect(await call(mock, 'GET', '/v2/contacts')).toMatchObject({ status: 503, retryAfter: '2' });
    // methods are refused as once the store is open: a start is no exception to RFC 9110
    const wrongMethod = await fetch(`${mock.url}/__admin/ready`, { method: 'POST' });
    expect([wrongMethod.status, wrongMethod.headers.get('allow'), await wrongMethod.json()]).toEqual([405, 'GET, HEAD', { detail: 'Method Not Allowed' }]);
    expect(await call(mock, 'PROPFIND', '/v2/contacts')).toMatchObject({ status: 501, body: { detail: 'Method PROPFIND is not implemented by this server' } });
    await server.resume();
    await until('ready once the server is up', () => ready(mock));
    expect(mock.output()).toMatch(/listening on http/);

    const kept = await create(mock);
    expect(kept.status).toBe(201);

    // every connection cut at once, under load: the pool makes new ones; nothing is a 500
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const burst = Promise.all(Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? create(mock) : call(mock, 'GET', i % 3 === 1 ? '/v2/contacts' : `/v2/contacts/${kept.body.id}`))));
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = $1', ['client backend']);
    await admin.end();
    const statuses = (await burst).map((a) => a.status);
    expect(statuses.filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    await until('answering after the cut', async () => (await call(mock, 'GET', '/v2/contacts')).status === 200);

    // the server stops: 503 in FastAPI's shape with Retry-After, liveness stays, readiness goes
    // (request lines go out in batches every 250 ms: what came before is all out after a pause)
    await new Promise((r) => setTimeout(r, 600));
    const before = mock.output().length;
    await server.halt();
    const down = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? create(mock) : call(mock, 'GET', `/v2/contacts/${kept.body.id}`))));
    for (const answer of down) expect(answer).toEqual({ status: 503, retryAfter: '2', body: { detail: 'The store (PostgreSQL) does not answer: retry in a moment' } });
    const notReady = await fetch(`${mock.url}/__admin/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ detail: 'Not ready: The store (PostgreSQL) does not answer' });
    const alive = await fetch(`${mock.url}/__admin/health`);
    expect(alive.status).toBe(200);
    expect(await alive.json()).toMatchObject({ status: 'ok', store: 'unavailable' });
    const during = await metrics(mock);
    expect(during.value('allsign_mock_store_up')).toBe(0);
    expect(during.value('allsign_mock_store_errors_total', { kind: 'unavailable' })).toBeGreaterThanOrEqual(30);
    await new Promise((r) => setTimeout(r, 1500));

    // back: ready again without a request, the data kept, and the log told it once each way
    await server.resume();
    await until('ready once the server is back', () => ready(mock));
    expect((await call(mock, 'GET', `/v2/contacts/${kept.body.id}`)).status).toBe(200);
    expect((await create(mock)).status).toBe(201);
    const after = await metrics(mock);
    expect(after.value('allsign_mock_store_up')).toBe(1);
    expect(after.value('allsign_mock_store_outage_seconds_total')).toBeGreaterThanOrEqual(1.5);
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
    const told = outageLines(mock, before);
    expect(told.down).toEqual([expect.stringMatching(/^store unavailable: .*; answering 503 until it is back$/)]);
    expect(told.up).toHaveLength(1);
    expect(Number(/after ([\d.]+) s/.exec(told.up[0]!)?.[1])).toBeGreaterThanOrEqual(1.5);
    expect(mock.output()).not.toMatch(/internal error/);
  }, 120_000);
});

describe('--data DIR: the embedded store loses its disk', () => {
  it('a data directory removed underneath: 503 for every request, alive, not ready, and a clean stop', async () => {
    const dir = dataDir();
    const mock = await start(['--data', dir]);
    const kept = await create(mock);
    expect(kept.status).toBe(201);
    rmSync(dir, { recursive: true, force: true });
    const detail = 'The store (embedded database) cannot use its data directory: it was removed or replaced while the mock ran; restart the mock: retry in a moment';
    for (const answer of [await call(mock, 'GET', `/v2/contacts/${kept.body.id}`), await call(mock, 'GET', '/v2/contacts'), await create(mock)]) {
      expect(answer).toEqual({ status: 503, retryAfter: '2', body: { detail } });
    }
    expect((await fetch(`${mock.url}/__admin/ready`)).status).toBe(503);
    expect(await (await fetch(`${mock.url}/__admin/health`)).json()).toMatchObject({ status: 'ok', store: 'unavailable' });
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
    expect(outageLines(mock).down).toHaveLength(1);
    expect(mock.output()).not.toMatch(/internal error/);
  }, 60_000);

  it('a full disk is a 507 for writes while reads answer, and a read-only one a 503; both end when the disk does', async () => {
    const dir = dataDir();
    // the store on a 128 MiB disk of its own (a new database takes about 40)
    const mock = await start(['--data', dir], { wrap: onTmpfs(dir, 128) });
    const pid = mock.child.pid!;
    const kept = await create(mock);
    expect(kept.status).toBe(201);

    // another process fills the disk, leaving 32 MiB: too little for the embedded database to write safely
    inMountsOf(pid, `avail=$(df -B1 --output=avail "${dir}" | tail -1); fallocate -l $((avail - 33554432)) "${dir}/filler"`);
    const full = await create(mock);
    expect(full).toEqual({ status: 507, retryAfter: null, body: { detail: 'The store (embedded database) cannot write: its disk is full' } });
    expect((await call(mock, 'PUT', `/v2/contacts/${kept.body.id}`, { full_name: 'Sin Espacio' })).status).toBe(507);
    expect((await call(mock, 'GET', `/v2/contacts/${kept.body.id}`)).status).toBe(200);
    expect((await call(mock, 'GET', '/v2/contacts')).status).toBe(200);
    expect((await fetch(`${mock.url}/__admin/ready`)).status).toBe(200);
    inMountsOf(pid, `rm "${dir}/filler"`);
    await until('writes accepted once there is room', async () => (await create(mock)).status === 201);

    // the directory becomes read-only under the running store (a volume remounted read-only)
    inMountsOf(pid, `mount --bind "${dir}/pglite" "${dir}/pglite" && mount -o remount,bind,ro "${dir}/pglite"`);
    expect(await create(mock)).toEqual({ status: 503, retryAfter: '2', body: { detail: 'The store (embedded database) cannot write: its data directory is read-only: retry in a moment' } });
    expect((await call(mock, 'GET', `/v2/contacts/${kept.body.id}`)).status).toBe(200);
    inMountsOf(pid, `umount "${dir}/pglite"`);
    await until('writes accepted once it is writable', async () => (await create(mock)).status === 201);

    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
    const told = outageLines(mock);
    expect(told.down).toEqual([expect.stringMatching(/has \d+ MiB free; .*answering 507 to writes until it is back$/), expect.stringMatching(/EROFS.*answering 503 to writes until it is back$/)]);
    expect(told.up).toHaveLength(2);
    expect(mock.output()).not.toMatch(/internal error/);
  }, 90_000);
});
