import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { MetricsEndpoint } from '../../engine/metrics.js';
import type { Exchange } from '../../engine/request-log.js';
import type { Mock } from '../../mock.js';

/** Metrics of a mock: fed by every answered request (`observe`), read from the mock at each scrape (`watch`). */
export interface MockMetrics extends MetricsEndpoint {
  /** one answered request (the mock's `observe` option) */
  observe(exchange: Exchange): void;
  /** the mock whose journal and store are read at each scrape */
  watch(mock: Mock): void;
  readonly registry: Registry;
}

export interface MetricsOptions {
  /** the process's own metrics too (CPU, memory, event loop, GC: prom-client's defaults; default true) */
  process?: boolean;
}

// from a fraction of a millisecond (the memory store) to the seconds a latency setting or a slow database adds
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics in a registry of the mock's own (two mocks in one process keep theirs apart).
 * Labels are bounded: operations are the contract's (`admin` for the control plane, `none` for no
 * route), statuses the few HTTP ones, tenants at most the store's.
 */
export function createMetrics(options: MetricsOptions = {}): MockMetrics {
  const registry = new Registry();
  if (options.process ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let mock: Mock | undefined;

  // every request counts here, in plain maps (a prom-client child hashes its labels at each call);
  // the registry reads them when scraped
  const answered = new Map<string, Map<number, number>>();
  const latency = new Map<string, { buckets: number[]; sum: number; count: number }>();
  new Counter({
    name: 'allsign_mock_requests_total',
    help: 'Requests answered, by operation (the contract\'s operationId; "admin" for /__admin; "none" when no route matched) and status',
    labelNames: ['operation', 'status'],
    registers,
    collect() {
      this.reset();
      for (const [operation, byStatus] of answered) for (const [status, count] of byStatus) this.inc({ operation, status: String(status) }, count);
    },
  });
  const durationName = 'allsign_mock_request_duration_seconds';
  const durationHelp = 'Time from the request read to the answer, by operation';
  registry.registerMetric({
    name: durationName,
    help: durationHelp,
    type: 'histogram',
    aggregator: 'sum',
    reset: () => latency.clear(),
    get: async () => ({
      name: durationName,
      help: durationHelp,
      type: 'histogram',
      aggregator: 'sum',
      values: [...latency].flatMap(([operation, h]) => [
        ...LATENCY_BUCKETS.map((le, i) => ({ metricName: `${durationName}_bucket`, labels: { le, operation }, value: h.buckets[i]! })),
        { metricName: `${durationName}_bucket`, labels: { le: '+Inf', operation }, value: h.count },
        { metricName: `${durationName}_sum`, labels: { operation }, value: h.sum },
        { metricName: `${durationName}_count`, labels: { operation }, value: h.count },
      ]),
    }),
  } as unknown as Metric);
  const faults = new Counter({
    name: 'allsign_mock_faults_injected_total',
    help: 'Faults applied to requests (Prefer or /__admin/faults), by kind: status (an injected 5xx or 429), reset, empty, truncate, delay',
    labelNames: ['kind'],
    registers,
  });

  // store and journal: read when scraped
  new Gauge({
    name: 'allsign_mock_store_up',
    help: '1 while the store answers, 0 during an outage',
    registers,
    collect() {
      this.set(mock?.repository.health?.stats().up === false ? 0 : 1);
    },
  });
  new Counter({
    name: 'allsign_mock_store_errors_total',
    help: 'Statements the store refused because it was unavailable (503) or its disk full (507)',
    labelNames: ['kind'],
    registers,
    collect() {
      const stats = mock?.repository.health?.stats();
      this.reset();
      this.inc({ kind: 'unavailable' }, stats?.refused.unavailable ?? 0);
      this.inc({ kind: 'full' }, stats?.refused.full ?? 0);
    },
  });
  new Counter({
    name: 'allsign_mock_store_outage_seconds_total',
    help: 'Time the store spent unavailable, the ongoing outage included',
    registers,
    collect() {
      this.reset();
      this.inc(mock?.repository.health?.stats().downSeconds ?? 0);
    },
  });
  new Gauge({
    name: 'allsign_mock_journal_entries',
    help: 'Requests kept in the journal (/__admin/requests)',
    registers,
    collect() {
      this.set(mock?.journal.size() ?? 0);
    },
  });
  new Gauge({
    name: 'allsign_mock_journal_bytes',
    help: 'Memory the journal holds for its entries (bounded)',
    registers,
    collect() {
      this.set(2 * (mock?.journal.characters() ?? 0));
    },
  });
  new Gauge({
    name: 'allsign_mock_tenant_bytes',
    help: 'Bytes each tenant added beyond its seeded data (memory store; past allsign_mock_tenant_limit_bytes its writes get 507)',
    labelNames: ['tenant'],
    registers,
    collect() {
      this.reset();
      const usage = mock?.repository.usage?.().tenantBytes;
      for (const [tenant, bytes] of Object.entries(usage?.byTenant ?? {})) this.set({ tenant }, bytes);
    },
  });
  new Gauge({
    name: 'allsign_mock_tenant_limit_bytes',
    help: 'Bytes a tenant may add beyond its seeded data (memory store)',
    registers,
    collect() {
      this.reset();
      const limit = mock?.repository.usage?.().tenantBytes?.limit;
      if (limit !== undefined) this.set(limit);
    },
  });
  new Gauge({
    name: 'allsign_mock_db_pool_connections',
    help: 'PostgreSQL connections of the pool: open (total), idle, and callers waiting for one (waiting); max, the pool size',
    labelNames: ['state'],
    registers,
    collect() {
      this.reset();
      const pool = mock?.repository.usage?.().pool;
      if (!pool) return;
      for (const state of ['total', 'idle', 'waiting', 'max'] as const) this.set({ state }, pool[state]);
    },
  });

  return {
    registry,
    watch(m) {
      mock = m;
    },
    observe(e) {
      const operation = e.operationId ?? (e.admin ? 'admin' : 'none');
      let byStatus = answered.get(operation);
      if (!byStatus) answered.set(operation, (byStatus = new Map()));
      byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
      let h = latency.get(operation);
      if (!h) latency.set(operation, (h = { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 }));
      const seconds = e.durationMs / 1000;
      // buckets are cumulative: each bound the duration fits under counts it
      for (let i = LATENCY_BUCKETS.length - 1; i >= 0 && seconds <= LATENCY_BUCKETS[i]!; i--) h.buckets[i]!++;
      h.sum += seconds;
      h.count++;
      const fault = e.fault;
      if (fault) {
        if (fault.status) faults.inc({ kind: 'status' });
        if (fault.fault) faults.inc({ kind: fault.fault });
        if (fault.delayMs) faults.inc({ kind: 'delay' });
      }
    },
    async render() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}
