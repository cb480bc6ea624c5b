// Vitest global setup: one PostgreSQL server for the whole run (the tests of the PostgreSQL store
// and the processes sharing one database), with a migrated template each test database is copied
// from. ALLSIGN_TEST_DATABASE_URL points the run at a server of your own instead (a URL of a
// database on it; the role must be allowed to create databases). A server that does not start
// fails the run: nothing is skipped for want of one.
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabases, startPostgres } from '../../scripts/postgres-server.js';
import { openServer } from '../../src/mock/stores/sql/pg-driver.js';
import { migrate } from '../../src/mock/stores/sql/migrations.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { adminUrl: string; template: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.ALLSIGN_TEST_DATABASE_URL;
  const server = external ? undefined : await startPostgres();
  const adminUrl = external ?? server!.url('postgres');
  const template = `allsign_template_${process.pid}`;
  await dropDatabases(adminUrl, [template]);
  const driver = openServer(await createDatabase(adminUrl, template));
  await migrate(driver);
  await driver.close();
  project.provide('postgres', { adminUrl, template });
  return async () => {
    await dropDatabases(adminUrl, [template]);
    await server?.stop();
  };
}
