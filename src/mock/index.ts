// The mock for Node: everything of the core, plus the Express app and a hardened HTTP server.
export * from './core.js';
export { createMockApp, send } from './adapters/express/app.js';
export type { MockApp } from './adapters/express/app.js';
export { createMockServer, listen, drain, DEFAULT_LIMITS } from './adapters/node/server.js';
export type { ServerLimits } from './adapters/node/server.js';
