// The mock for Node: everything of the core, plus the Express app and a hardened HTTP server.
export * from './core.js';
export { createMockApp } from './adapters/express/app.js';
export { nodeHandler, send } from './adapters/node/handler.js';
export { createMetrics } from './adapters/node/metrics.js';
export type { MockMetrics, MetricsOptions } from './adapters/node/metrics.js';
export type { MockApp } from './adapters/express/app.js';
export { createMockServer, listen, drain, DEFAULT_LIMITS } from './adapters/node/server.js';
export type { ServerLimits } from './adapters/node/server.js';
// the database stores (their drivers load only when one is opened)
export { openDataDir, openDatabaseUrl, SqlRepository, DataDirInUseError } from './stores/sql/index.js';
export type { OpenedStore } from './stores/sql/index.js';
