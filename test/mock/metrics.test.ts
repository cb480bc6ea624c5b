import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, createMockApp } from '../../src/mock/index.js';
import { startMockProcess, type MockProcess } from '../../scripts/mock-process.js';
import { dropDatabases, freshDatabase } from '../support/postgres.js';
import { parsePrometheus, type Scrape } from '../support/prometheus.js';

// What operators look at, from the mock as it runs: /__admin/metrics scraped and parsed as
// Prometheus would, and the log as a pipeline reads it (--log-format json). One process for the
// memory store, one for PostgreSQL's pool.

const KEY = 'sk_test_demo_a';
const TOKEN = 'operator-token';
let mock: MockProcess;
let pg: MockProcess | undefined;

async function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<number> {
  const res = await fetch(mock.url + path, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  await res.arrayBuffer();
  return res.status;
}

async function scrape(target: MockProcess): Promise<Scrape> {
  const res = await fetch(`${target.url}/__admin/metrics`, { headers: { 'x-admin-token': TOKEN } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await res.text());
}

beforeAll(async () => {
  mock = await startMockProcess(['-p', '0', '--contacts', '5', '--admin-token', TOKEN], { env: { ALLSIGN_MOCK_LOG_FORMAT: 'json' } });
});
afterAll(async () => {
  for (const p of [mock, pg]) if (p && p.child.exitCode === null) p.child.kill('SIGKILL');
  await dropDatabases();
});

describe('GET /__admin/metrics', () => {
  let metrics: Scrape;
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) expect(await call('/v2/contacts?search=garc%C3%ADa')).toBe(200);
    expect(await call('/v2/contacts/00000000-0000-4000-8000-000000000000')).toBe(404);
    expect(await call('/v2/contacts', { method: 'POST', body: { email: 'metrics@example.com', full_name: 'Métrica Uno' } })).toBe(201);
    expect(await call('/v2/contacts', { headers: { prefer: 'code=503' } })).toBe(503);
    expect(await call('/v2/contacts', { headers: { prefer: 'fault=empty, delay=5' } })).toBe(200);
    expect(await call('/v2/nowhere')).toBe(404);
    metrics = await scrape(mock);
  });

  it('is behind the admin token when one is set, like the rest of /__admin', async () => {
    expect((await fetch(`${mock.url}/__admin/metrics`)).status).toBe(401);
    expect((await fetch(`${mock.url}/__admin/metrics`, { method: 'POST', headers: { 'x-admin-token': TOKEN } })).headers.get('allow')).toBe('GET, HEAD');
  });

  it('counts requests by operation and status, and times them', () => {
    const requests = (operation: string, status: number) => metrics.value('allsign_mock_requests_total', { operation, status: String(status) });
    expect(metrics.types.get('allsign_mock_requests_total')).toBe('counter');
    expect([requests('listContacts', 200), requests('getContact', 404), requests('createContact', 201), requests('listContacts', 503), requests('none', 404)]).toEqual([4, 1, 1, 1, 1]);
    expect(metrics.types.get('allsign_mock_request_duration_seconds')).toBe('histogram');
    expect(metrics.value('allsign_mock_request_duration_seconds_count', { operation: 'listContacts' })).toBe(5);
    expect(metrics.value('allsign_mock_request_duration_seconds_bucket', { operation: 'listContacts', le: '+Inf' })).toBe(5);
    expect(metrics.value('allsign_mock_request_duration_seconds_sum', { operation: 'listContacts' })).toBeGreaterThan(0.005);
  });

  it('counts the faults injected, by kind', () => {
    expect(['status', 'empty', 'delay', 'reset'].map((kind) => metrics.value('allsign_mock_faults_injected_total', { kind }))).toEqual([1, 1, 1, undefined]);
  });

  it("gives the journal's size, each tenant's bytes against the bound, and the store's state", () => {
    expect(metrics.value('allsign_mock_journal_entries')).toBe(8);
    expect(metrics.value('allsign_mock_journal_bytes')).toBeGreaterThan(8 * 200);
    expect(metrics.value('allsign_mock_tenant_bytes', { tenant: 'demo-a' })).toBeGreaterThan(100);
    expect(metrics.value('allsign_mock_tenant_limit_bytes')).toBe(256 * 2 ** 20);
    expect(metrics.value('allsign_mock_store_up')).toBe(1);
    expect(metrics.value('allsign_mock_store_errors_total', { kind: 'unavailable' })).toBe(0);
    expect(metrics.value('allsign_mock_store_outage_seconds_total')).toBe(0);
  });

  it("and the process's own: CPU, memory, event loop", () => {
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) expect(metrics.value(name), name).toBeGreaterThanOrEqual(0);
  });

  it("on PostgreSQL, the pool's connections", async () => {
    pg = await startMockProcess(['-p', '0', '--contacts', '3', '--admin-token', TOKEN, '--database-url', await freshDatabase()]);
    const res = await fetch(`${pg.url}/v2/contacts`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(200);
    const scraped = await scrape(pg);
    expect(scraped.value('allsign_mock_db_pool_connections', { state: 'max' })).toBe(20);
    expect(scraped.value('allsign_mock_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(scraped.value('allsign_mock_db_pool_connections', { state: 'waiting' })).toBe(0);
    expect(scraped.value('allsign_mock_tenant_bytes', { tenant: 'demo-a' })).toBeUndefined();
  });
});

describe('in process', () => {
  it('the Express app serves the same route with metrics of its own', async () => {
    const metrics = createMetrics({ process: false });
    const app = createMockApp({ contacts: 1, metrics, observe: metrics.observe });
    metrics.watch(app.locals.mock);
    await request(app).get('/v2/contacts').set('Authorization', `Bearer ${KEY}`).expect(200);
    const scraped = parsePrometheus((await request(app).get('/__admin/metrics').expect(200)).text);
    expect(scraped.value('allsign_mock_requests_total', { operation: 'listContacts', status: '200' })).toBe(1);
    expect(scraped.value('process_resident_memory_bytes')).toBeUndefined();
    // without metrics, no such route
    expect((await request(createMockApp({ contacts: 0 })).get('/__admin/metrics')).status).toBe(404);
  });
});

describe('the strict reader the scrapes go through', () => {
  it.each([
    ['a sample of no declared family', 'x_total 1'],
    ['broken labels', '# TYPE x_total counter\nx_total{a="1",b} 1'],
    ['a value that is not a number', '# TYPE x gauge\nx{a="1"} one'],
  ])('refuses %s', (_what, text) => {
    expect(() => parsePrometheus(text)).toThrow();
  });

  it('reads escaped label values and a histogram by its parts', () => {
    const scrape = parsePrometheus('# TYPE h histogram\nh_bucket{le="+Inf",op="a\\"b"} 2\nh_count{op="a\\"b"} 2\n');
    expect(scrape.value('h_count', { op: 'a"b' })).toBe(2);
    expect(scrape.value('h_bucket', { op: 'a"b', le: '+Inf' })).toBe(2);
  });
});

describe('--log-format json (ALLSIGN_MOCK_LOG_FORMAT)', () => {
  it('writes one JSON object a line: method, path without the query, status, duration, tenant, operation, fault, code; never a key', async () => {
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
    const lines = mock.output().trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records[0]).toMatchObject({ level: 'info', msg: expect.stringMatching(/^AllSign v2 mock listening on /), tenants: ['demo-a', 'demo-b'] });
    const requests = records.filter((r) => 'status' in r);
    expect(requests).toContainEqual({ time: expect.any(String), level: 'info', method: 'GET', path: '/v2/contacts', status: 200, durationMs: expect.any(Number), tenant: 'demo-a', operation: 'listContacts', fault: null, code: null });
    expect(requests).toContainEqual(expect.objectContaining({ status: 503, operation: 'listContacts', fault: '503', code: 'MOCK_ERR_INJECTED' }));
    expect(requests).toContainEqual(expect.objectContaining({ status: 200, fault: 'delay=5,empty' }));
    expect(requests).toContainEqual(expect.objectContaining({ method: 'GET', path: '/v2/nowhere', status: 404, tenant: null, operation: null, code: 'MOCK_ERR_ROUTE_NOT_FOUND' }));
    expect(requests.every((r) => !String(r.path).includes('?'))).toBe(true);
    expect(records.at(-1)).toMatchObject({ level: 'info', msg: 'SIGTERM received: finishing requests in flight, then exiting' });
    expect(mock.output()).not.toContain(KEY);
    expect(mock.output()).not.toContain('garc');
  });
});
