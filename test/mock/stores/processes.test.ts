import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAll, startMockProcess, type MockProcess } from '../../../scripts/mock-process.js';
import { dropDatabases, freshDatabase } from '../../support/postgres.js';

// The database stores as they run: mock processes, signals, one database shared by two of them,
// a process killed under load. Port 0 and a fresh directory or database in every test.

const KEY = 'sk_test_demo_a';
const running: MockProcess[] = [];
const dirs: string[] = [];

async function start(args: string[]): Promise<MockProcess> {
  const mock = await startMockProcess(['-p', '0', '--contacts', '5', ...args]);
  running.push(mock);
  return mock;
}

async function stop(mock: MockProcess): Promise<number | null> {
  mock.child.kill('SIGTERM');
  return mock.exited;
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'allsign-data-'));
  dirs.push(dir);
  return dir;
}

async function call(mock: MockProcess, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(mock.url + path, {
    method,
    headers: { authorization: `Bearer ${KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

afterEach(async () => {
  await killAll(running);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(dropDatabases);

describe('--data DIR: the embedded database', () => {
  it('seeds once, keeps its state across a restart and says so, and lets one process at a time open it', async () => {
    const dir = dataDir();
    const first = await start(['--data', dir]);
    expect(first.output()).toMatch(/store: an embedded database in .*\(PGlite\), seeded with 5 contacts per tenant/);
    const created = await call(first, 'POST', '/v2/contacts', { email: 'kept@example.com', full_name: 'Sigue Aquí' });
    expect(created.status).toBe(201);

    const second = await startMockProcess(['-p', '0', '--data', dir]).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(second).toMatch(/exited \(2\).*data directory .* is in use by another allsign-mock/s);

    expect(await stop(first)).toBe(0);
    const again = await start(['--data', dir]);
    expect(again.output()).toMatch(/kept 11 contacts from an earlier run/);
    expect((await call(again, 'GET', `/v2/contacts/${created.body.id}`)).body).toMatchObject({ email: 'kept@example.com', fullName: 'Sigue Aquí' });
    expect((await call(again, 'GET', '/v2/contacts?search=sigue aqui')).body.total).toBe(1);
  });
});

describe('--database-url: two processes on one PostgreSQL database', () => {
  it('behave as one API: what one writes the other reads, searches, deletes and resets', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([start(['--database-url', url]), start(['--database-url', url])]);
    // both started on an empty database at once: exactly one seeded it
    const banners = [a.output(), b.output()].map((out) => /store: PostgreSQL at .*, (seeded|kept)/.exec(out)?.[1]);
    expect(banners.sort()).toEqual(['kept', 'seeded']);
    // the banner names the server, never its password (a server of your own may need none)
    const { password } = new URL(url);
    if (password) expect(a.output()).toContain(':***@');
    if (password) expect(a.output()).not.toContain(`:${password}@`);

    const created = await call(a, 'POST', '/v2/contacts', { email: 'replica@example.com', full_name: 'Réplica Uno', company: 'Compartida SA' });
    expect(created.status).toBe(201);
    expect((await call(b, 'GET', `/v2/contacts/${created.body.id}`)).body.email).toBe('replica@example.com');
    expect((await call(b, 'GET', '/v2/contacts?search=replica uno')).body.data.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    expect((await call(b, 'GET', '/v2/contacts/autocomplete?q=repl')).body.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    expect((await call(b, 'POST', '/v2/contacts', { email: 'REPLICA@example.com' })).status).toBe(409);
    expect((await call(b, 'DELETE', `/v2/contacts/${created.body.id}`)).status).toBe(200);
    expect((await call(a, 'GET', `/v2/contacts/${created.body.id}`)).status).toBe(404);

    // the same email created on both at once, twenty times over: one 201, the rest 409
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2 ? a : b, 'POST', '/v2/contacts', { email: 'race@example.com' }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);

    // twenty custom-field patches of distinct keys, split between the two: none is lost
    const race = (await call(a, 'GET', '/v2/contacts?search=race@example')).body.data[0].id as string;
    await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2 ? a : b, 'PATCH', `/v2/contacts/${race}/custom-fields`, { set: { [`k${i}`]: i } })));
    expect(Object.keys((await call(b, 'GET', `/v2/contacts/${race}`)).body.customFields).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`).sort());

    // a snapshot taken through one is restored through the other; a reset on one is seen by both
    expect((await fetch(`${a.url}/__admin/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'shared' }) })).status).toBe(201);
    expect((await call(b, 'POST', '/v2/contacts', { email: 'after-snapshot@example.com' })).status).toBe(201);
    expect((await fetch(`${b.url}/__admin/snapshots/shared/restore`, { method: 'POST' })).status).toBe(200);
    expect((await call(a, 'GET', '/v2/contacts?search=after-snapshot')).body.total).toBe(0);
    expect((await fetch(`${b.url}/__admin/reset`, { method: 'POST' })).status).toBe(200);
    expect((await call(a, 'GET', '/v2/contacts')).body.total).toBe(5);
    expect((await call(a, 'GET', `/v2/contacts/${race}`)).status).toBe(404);

    expect(await Promise.all([stop(a), stop(b)])).toEqual([0, 0]);
  }, 60_000);

  it('share tenants: a key made on one works on the other, and stops working there once deleted', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([start(['--database-url', url]), start(['--database-url', url])]);
    const made = await fetch(`${a.url}/__admin/tenants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'worker-1' }) });
    expect(made.status).toBe(201);
    const { apiKey } = (await made.json()) as { apiKey: string };
    const asWorker = (mock: MockProcess, path: string, init: RequestInit = {}) => fetch(mock.url + path, { ...init, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' } });
    // b knows the key now, and keeps it in memory
    expect((await asWorker(b, '/v2/contacts', { method: 'POST', body: JSON.stringify({ email: 'w@example.com' }) })).status).toBe(201);
    expect((await asWorker(b, '/v2/contacts')).status).toBe(200);
    expect((await fetch(`${a.url}/__admin/tenants/worker-1`, { method: 'DELETE' })).status).toBe(200);
    // b hears of the change within moments: the key is refused there too
    const deadline = Date.now() + 2000;
    let status = 200;
    while (Date.now() < deadline && (status = (await asWorker(b, '/v2/contacts')).status) !== 401) await new Promise((r) => setTimeout(r, 20));
    expect(status).toBe(401);
  }, 60_000);
});

/**
 * Writers create contacts as fast as the process answers; at `after` acknowledged writes the
 * process is killed with SIGKILL. Resolves with the ids that were answered 201 before that.
 */
async function writeUntilKilled(mock: MockProcess, after: number): Promise<string[]> {
  const acked: string[] = [];
  let n = 0;
  let killed = false;
  const writer = async (w: number) => {
    while (!killed) {
      const email = `crash-${w}-${++n}@example.com`;
      try {
        const res = await call(mock, 'POST', '/v2/contacts', { email, full_name: 'Carga Antes Del Golpe' });
        if (res.status === 201) acked.push(res.body.id);
        if (acked.length >= after && !killed) {
          killed = true;
          mock.child.kill('SIGKILL');
        }
      } catch {
        // the connection died with the process: this write was never answered
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
  await mock.exited;
  return acked;
}

describe('a write answered 2xx survives SIGKILL', () => {
  it.each([
    ['--data DIR (PGlite)', async () => ['--data', dataDir()]],
    ['--database-url (PostgreSQL)', async () => ['--database-url', await freshDatabase()]],
  ])('%s: after a kill under write load and a restart, every acknowledged create is there', async (_name, store) => {
    const args = await store();
    const acked = await writeUntilKilled(await start(args), 150);
    expect(acked.length).toBeGreaterThanOrEqual(150);
    const again = await start(args);
    expect(again.output()).toMatch(/kept \d+ contacts from an earlier run/);
    const missing: string[] = [];
    for (const id of acked) if ((await call(again, 'GET', `/v2/contacts/${id}`)).status !== 200) missing.push(id);
    expect(missing).toEqual([]);
    expect(await stop(again)).toBe(0);
  }, 90_000);
});
