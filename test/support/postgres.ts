import { inject } from 'vitest';
import { createDatabase, dropDatabases as drop } from '../../scripts/postgres-server.js';

let made = 0;
const mine: string[] = [];

/** A new database on the run's server, migrated already (a copy of the template): its URL. */
export async function freshDatabase(): Promise<string> {
  return newDatabase(true);
}

/** A new database with no schema at all (for the migrations themselves): its URL. */
export async function blankDatabase(): Promise<string> {
  return newDatabase(false);
}

async function newDatabase(migrated: boolean): Promise<string> {
  const { adminUrl, template } = inject('postgres');
  const name = `allsign_test_${process.pid}_${++made}`;
  const url = await createDatabase(adminUrl, name, migrated ? template : undefined);
  mine.push(name);
  return url;
}

/** Drops the databases this test file made (connections still open to them are cut). */
export async function dropDatabases(): Promise<void> {
  await drop(inject('postgres').adminUrl, mine.splice(0));
}
