import { afterEach } from 'vitest';
import { openEmbeddedInMemory } from '../../../src/mock/stores/sql/pglite-driver.js';
import { SqlRepository } from '../../../src/mock/stores/sql/sql-repository.js';
import { runRepositoryContract } from '../../support/repository-contract.js';

const open: SqlRepository[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

runRepositoryContract('embedded (PGlite)', async (seed) => {
  const repository = new SqlRepository(await openEmbeddedInMemory());
  open.push(repository);
  // as the CLI runs it: keys kept in memory, forgotten on every change heard of
  await repository.cacheKeys();
  await repository.reset(seed);
  return repository;
});
