// The browser-facing entries: MSW handlers, the engine's core, the admin client. Compiles with the
// DOM's types and no Node types.
import { setupWorker } from 'msw/browser';
import { createHandlers, type MockHandlers } from 'allsign-v2-toolkit/msw';
import { createMock, fetchHandler } from 'allsign-v2-toolkit/mock/core';
import { AdminError, createAdminClient, type AdminJournal, type JournalEntry } from 'allsign-v2-toolkit/admin';
import { assertType, type Equal } from './assert.js';

export async function startMocking(): Promise<MockHandlers> {
  const handlers = createHandlers({ contacts: 5, seed: 7, baseUrl: 'https://api.allsign.io', apiKeys: [{ tenant: 'web', key: 'sk_test_web', email: 'owner@web.example.com' }] });
  await setupWorker(...handlers).start({ quiet: true });
  await handlers.mock.control.reset();
  return handlers;
}

export async function journal(): Promise<JournalEntry[]> {
  const call = fetchHandler(createMock({ contacts: 0 }));
  const admin = createAdminClient({ baseUrl: 'http://mock.test', fetch: call });
  const page = await admin.requests({ limit: 10 });
  assertType<Equal<typeof page, AdminJournal>>();
  try {
    await admin.signDocument('id', 'a@example.com');
  } catch (error) {
    if (error instanceof AdminError) return [{ at: '', method: error.method, url: error.path, status: error.status, durationMs: 0, tenant: null, operationId: null }];
  }
  return page.requests;
}
