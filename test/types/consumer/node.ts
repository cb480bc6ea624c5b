// The Node entries: the Express app (typed with Node's own types), the server, the contract, the suite.
import { createServer } from 'node:http';
import { createMockApp, createMockServer, type MockApp } from 'allsign-v2-toolkit/mock';
import { loadContract } from 'allsign-v2-toolkit/contract';
import { runConformance, type RunSummary } from 'allsign-v2-toolkit/conformance';
import type { RequestJournal } from 'allsign-v2-toolkit/mock';
import { assertType, type Equal } from './assert.js';

export function serve(): MockApp {
  const app = createMockApp({ contacts: 0, log: false });
  assertType<Equal<typeof app.locals.mock.journal, RequestJournal>>();
  createServer(app).close();
  createMockServer(app).close();
  return app;
}

export function operationIds(): string[] {
  return loadContract().operations.map((op) => op.operationId);
}

export function gate(baseUrl: string): Promise<RunSummary> {
  return runConformance({ baseUrl, apiKey: 'sk_test_demo_a' });
}
