import { afterAll, afterEach } from 'vitest';
import { openServer } from '../../../src/mock/stores/sql/pg-driver.js';
import { SqlRepository } from '../../../src/mock/stores/sql/sql-repository.js';
import { dropDatabases, freshDatabase } from '../../support/postgres.js';
import { runRepositoryContract } from '../../support/repository-contract.js';

const open: SqlRepository[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});
afterAll(dropDatabases);

runRepositoryContract('PostgreSQL', async (seed) => {
  const repository = new SqlRepository(openServer(await freshDatabase()));
  open.push(repository);
  // as the CLI runs it: keys kept in memory, forgotten on every change heard of
  await repository.cacheKeys();
  await repository.reset(seed);
  return repository;
});
