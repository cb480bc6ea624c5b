import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express } from 'express';
import { createMockApp, type MockOptions } from '../../src/mock/index.js';
import { DEFAULT_API_KEYS, DEFAULT_SEED } from '../../src/mock/defaults.js';
import { MockStore } from '../../src/mock/store/store.js';
import { runConformance, type RunOptions } from '../../src/conformance/index.js';

export const KEY_A = 'sk_test_demo_a';
export const KEY_B = 'sk_test_demo_b';
export const OWNER_A = 'owner@demo-a.example.com';

export interface RunningMock {
  baseUrl: string;
  store: MockStore;
  close(): Promise<void>;
}

/** A fresh store shaped like the default one (two demo tenants), small enough to seed quickly. */
export function freshStore<S extends MockStore>(StoreClass: new (o: MockStore['options']) => S = MockStore as never): S {
  return new StoreClass({ apiKeys: DEFAULT_API_KEYS, seed: DEFAULT_SEED, contactsPerTenant: 12 });
}

/** Listens on port 0; `wrap` puts the app behind other middleware (an HTTP-level broken variant). */
export async function startMock(options: MockOptions & { wrap?: (app: Express) => Express } = {}): Promise<RunningMock> {
  const { wrap, ...mockOptions } = options;
  const store = mockOptions.store ?? freshStore();
  const app = createMockApp({ ...mockOptions, store });
  const server: Server = await new Promise((resolve) => {
    const s = (wrap ? wrap(app) : app).listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Runs the whole catalogue against a mock, both tenants, the key owner known, strict; then shuts the mock down. */
export async function runAgainst(mock: RunningMock, extra: Partial<RunOptions> = {}) {
  try {
    return await runConformance({ baseUrl: mock.baseUrl, apiKey: KEY_A, apiKeyB: KEY_B, keyOwnerEmail: OWNER_A, strict: true, concurrency: 4, ...extra });
  } finally {
    await mock.close();
  }
}

/** Emails in the store that carry a run id: what a run left behind. */
export function leftovers(store: MockStore, runId: string): string[] {
  const found: string[] = [];
  for (const tenant of store.tenants.values()) for (const c of tenant.contacts.values()) if (c.email.includes(runId)) found.push(c.email);
  return found;
}

export interface Recorded {
  method: string;
  url: string;
  /** the bearer key, if any */
  key: string | undefined;
  body: unknown;
}

/** An HTTP-level recorder in front of the app: every request, in the order it arrived. */
export function recording(into: Recorded[]) {
  return (app: Express): Express => {
    const outer = express();
    // the inner app sees the parsed body (body-parser skips a request already read)
    outer.use(express.json({ limit: '1mb', strict: false, type: ['application/json', 'application/*+json'] }));
    outer.use((req, _res, next) => {
      into.push({ method: req.method, url: req.url, key: req.get('authorization')?.replace(/^Bearer\s+/i, ''), body: req.body });
      next();
    });
    outer.use(app);
    return outer;
  };
}
