import { afterAll, describe, expect, it } from 'vitest';
import { fuzz, send } from '../../../scripts/fuzz-cases.js';
import { createMockApp, createMockServer, DEFAULT_API_KEYS, DEFAULT_SEED, listen } from '../../../src/mock/index.js';
import { SqlRepository } from '../../../src/mock/stores/sql/sql-repository.js';
import { dropDatabases } from '../../support/postgres.js';
import { SQL_STORES } from '../../support/sql-stores.js';

// The fuzz test's requests against the database stores: what a database refuses that memory takes
// (U+0000, lone surrogates, huge numbers, odd keys) must still be a 2xx or a clear 4xx, never a 5xx.


afterAll(dropDatabases);

describe.each(SQL_STORES)('fuzzing the mock on the %s store', (_name, open) => {
  it('keeps every invariant over 1,500 seeded requests', async () => {
    const repository = new SqlRepository(await open());
    await repository.reset({ apiKeys: DEFAULT_API_KEYS, seed: DEFAULT_SEED, contactsPerTenant: 20 });
    const server = createMockServer(createMockApp({ repository }));
    const { port } = await listen(server, 0, '127.0.0.1');
    try {
      const report = await fuzz(port, { count: 1500, seed: 20261128, concurrency: 8 });
      expect(report.failures.slice(0, 10)).toEqual([]);
      const health = await send(port, { method: 'GET', path: '/__admin/health', headers: {}, label: 'health' });
      expect(health.status).toBe(200);
    } finally {
      server.closeAllConnections();
      server.close();
      await repository.close();
    }
  }, 180_000);
});
