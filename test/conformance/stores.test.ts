import { afterAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/conformance/index.js';
import { DEFAULT_API_KEYS, DEFAULT_SEED } from '../../src/mock/index.js';
import { SqlRepository } from '../../src/mock/stores/sql/sql-repository.js';
import { dropDatabases } from '../support/postgres.js';
import { SQL_STORES } from '../support/sql-stores.js';
import { inProcessMock, leftovers, runAgainst } from './helpers.js';

// The whole catalogue against the mock on each database store, as suite.test.ts runs it against
// the memory store: every check passes (hand-written and generic), strict, and the run leaves
// nothing behind. The mock runs in this process, its fetch handler the target: the stores are the
// point here (in-process.test.ts holds that the transport changes no verdict).

afterAll(dropDatabases);

describe.each(SQL_STORES)('the conformance suite against the mock on the %s store', (_name, open) => {
  it('passes every check, strict, with nothing skipped, and leaves nothing behind', async () => {
    const repository = new SqlRepository(await open());
    try {
      await repository.reset({ apiKeys: DEFAULT_API_KEYS, seed: DEFAULT_SEED, contactsPerTenant: 12 });
      const mock = inProcessMock({ repository });
      const before = await repository.counts();
      // a small generation: the stores' own rules are the repository contract's; here every check meets them once
      const summary = await runAgainst(mock, { strict: true, generate: 2 });
      expect(summary.results.filter((r) => r.outcome !== 'passed').map((r) => `${r.id}: ${r.outcome} ${r.message ?? ''}`)).toEqual([]);
      // the whole catalogue ran, the generic checks on generated requests included
      expect(summary.results.map((r) => r.id)).toEqual(catalogue().map((e) => e.id));
      expect(summary.generate).toBeGreaterThan(0);
      expect(await leftovers(mock.mock, summary.runId)).toEqual([]);
      expect((await repository.counts()).contacts).toBe(before.contacts);
    } finally {
      await repository.close();
    }
  }, 120_000);
});
