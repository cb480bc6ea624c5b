import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express } from 'express';
import { createMock, createMockApp, DEFAULT_API_KEYS, DEFAULT_SEED, MemoryRepository, type Mock, type MockApp, type MockOptions } from '../../src/mock/index.js';
import { runConformance, type FetchTarget, type RunOptions } from '../../src/conformance/index.js';
import { fetchHandler } from '../../src/mock/core.js';

export const KEY_A = 'sk_test_demo_a';
export const KEY_B = 'sk_test_demo_b';
export const OWNER_A = 'owner@demo-a.example.com';

export interface RunningMock {
  baseUrl: string;
  mock: Mock;
  /** set when the mock runs in this process without a server: the suite hands it its requests */
  fetch?: FetchTarget;
  close(): Promise<void>;
}

/** A fresh store shaped like the default one (two demo tenants), small enough to seed quickly. */
export function freshRepository(): MemoryRepository {
  return new MemoryRepository({ apiKeys: DEFAULT_API_KEYS, seed: DEFAULT_SEED, contactsPerTenant: 12 });
}

export type Handle = Mock['handle'];

type ComposeOptions = MockOptions & { handle?: (inner: Handle) => Handle };

/** The mock on a fresh store unless given one, and what serves it: `handle` wrapping its one entry. */
function compose({ handle, ...mockOptions }: ComposeOptions): { mock: Mock; served: Mock } {
  const mock = createMock({ ...mockOptions, repository: mockOptions.repository ?? freshRepository() });
  return { mock, served: handle ? { ...mock, handle: handle(mock.handle) } : mock };
}

/**
 * Listens on port 0; `wrap` puts the app behind other middleware (an HTTP-level broken variant),
 * `handle` wraps the engine's one entry (a variant that rewrites requests or answers, transport aside).
 */
export async function startMock(options: ComposeOptions & { wrap?: (app: Express) => Express } = {}): Promise<RunningMock> {
  const { wrap, ...rest } = options;
  const { mock, served } = compose(rest);
  // an Express app inside; its public type (MockApp) shows consumers only what needs no Express types
  const app = createMockApp({ mock: served }) as MockApp & Express;
  const server: Server = await new Promise((resolve) => {
    const s = (wrap ? wrap(app) : app).listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    mock,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The mock in this process, with no server: the suite's requests go to its fetch handler (`handle`
 * as in startMock). For tests about the suite's verdicts, where the transport is not the point.
 */
export function inProcessMock(options: ComposeOptions = {}): RunningMock {
  const { mock, served } = compose(options);
  return { baseUrl: 'http://mock.test', mock, fetch: fetchHandler(served), close: async () => {} };
}

/** Runs the whole catalogue against a mock, both tenants, the key owner known, strict; then shuts the mock down. */
export async function runAgainst(mock: RunningMock, extra: Partial<RunOptions> = {}) {
  try {
    return await runConformance({ baseUrl: mock.baseUrl, ...(mock.fetch ? { fetch: mock.fetch } : {}), apiKey: KEY_A, apiKeyB: KEY_B, keyOwnerEmail: OWNER_A, strict: true, concurrency: 4, ...extra });
  } finally {
    await mock.close();
  }
}

/** Every tenant's contacts, newest first: a snapshot to compare, or to look for what a run left. */
export async function allContacts(mock: Mock): Promise<{ tenant: string; email: string }[]> {
  const tenants = [...new Set((await mock.repository.apiKeys()).map((k) => k.tenant))];
  const pages = await Promise.all(tenants.map(async (t) => (await mock.repository.listContacts(t, { page: 1, pageSize: 1_000_000 })).rows));
  return pages.flat().map((r) => ({ ...r.contact, tenant: r.contact.tenant }));
}

/** Emails in the store that carry a run id: what a run left behind. */
export async function leftovers(mock: Mock, runId: string): Promise<string[]> {
  return (await allContacts(mock)).filter((c) => c.email.includes(runId)).map((c) => c.email);
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
    // read as text, as the mock's own adapter does: the inner app takes the text already read
    // (past the mock's own 1 MB, so that the mock, not the recorder, answers a body too large)
    outer.use(express.text({ type: () => true, limit: '4mb' }));
    outer.use((req, _res, next) => {
      const text = typeof req.body === 'string' && req.body !== '' ? req.body : undefined;
      let body: unknown = text;
      try {
        body = text === undefined ? undefined : JSON.parse(text);
      } catch {
        // recorded as the text it was
      }
      into.push({ method: req.method, url: req.url, key: req.get('authorization')?.replace(/^Bearer\s+/i, ''), body });
      next();
    });
    outer.use(app);
    return outer;
  };
}
