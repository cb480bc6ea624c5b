#!/usr/bin/env node
import { CommanderError } from 'commander';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { SonicBoom as SonicBoomClass } from 'sonic-boom';
import { createMockApp } from './app.js';
import { parseCliOptions } from './cli-options.js';

// a CommonJS module whose types describe an ES default: require gives the class itself
const SonicBoom = createRequire(import.meta.url)('sonic-boom') as typeof SonicBoomClass;

function main(): void {
  let options;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are exit 0; anything else is bad usage
      process.exit(error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2);
    }
    throw error;
  }
  const started = Date.now();
  // request lines go out in batches: a synchronous write per request costs a busy mock ~7% of its
  // throughput; light traffic still shows within the flush interval
  const requestLog = new SonicBoom({ fd: 1, minLength: 8 * 1024 });
  setInterval(() => requestLog.flush(), 250).unref();
  process.on('exit', () => requestLog.flushSync());
  const app = createMockApp({
    apiKeys: options.apiKeys,
    seed: options.seed,
    contacts: options.contacts,
    latency: options.latency,
    adminToken: options.adminToken,
    log: (line) => requestLog.write(`${line}\n`),
  });
  const server = app.listen(options.port, options.host, () => {
    const { port } = server.address() as AddressInfo;
    const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const lines = [
      `AllSign v2 mock listening on ${url} (ready in ${Date.now() - started} ms, ${options.contacts} contacts per tenant, seed ${options.seed})`,
      ...options.apiKeys.map((k) => `  tenant ${k.tenant}: Authorization: Bearer ${k.key}  (user ${k.email})`),
      `  API reference: ${url}/docs   contract: ${url}/openapi.yaml   health: ${url}/__admin/health`,
    ];
    if (options.adminToken) lines.push('  /__admin requires the X-Admin-Token header (health excepted)');
    console.log(lines.join('\n'));
  });
  server.on('error', (error) => {
    console.error(`allsign-mock: cannot listen on ${options.host}:${options.port}: ${error.message}`);
    process.exit(2);
  });
  const stop = (signal: string) => {
    console.log(`${signal} received, closing`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main();
