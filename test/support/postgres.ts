import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from './postgres-setup.js';

let made = 0;
const mine: string[] = [];

/** A new database on the run's server, migrated already (a copy of the template): its URL. */
export async function freshDatabase(): Promise<string> {
  const { adminUrl, template } = inject('postgres');
  const name = `allsign_test_${process.pid}_${++made}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  mine.push(name);
  return withDatabase(adminUrl, name);
}

/** Drops the databases this test file made (connections still open to them are cut). */
export async function dropDatabases(): Promise<void> {
  const { adminUrl } = inject('postgres');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const name of mine.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
