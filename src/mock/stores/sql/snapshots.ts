import type { SnapshotInfo } from '../../port/records.js';
import type { Queryable } from './driver.js';
import { analyzeAfterLoad, DATA_TABLES } from './seeding.js';

// Snapshots are copies of the store's rows in tables of their own, made and restored by the
// database (INSERT … SELECT): no row travels to the application and back.

const COPIES: [table: string, columns: string][] = [
  ['tenants', 'name, position'],
  ['api_keys', 'key, tenant, email, position'],
  ['users', 'email_key, identity_verified, position'],
  ['contacts', 'seq, id, tenant, email, email_key, full_name, phone, company, job_title, notes, tags, custom_fields, source, created_at, updated_at, search_text, company_text, words'],
  ['documents', 'seq, id, tenant, name, status, send_by_whatsapp, participants, created_at, signed_at'],
];

// sequences and identities that restored rows bring their own values of: they go on past them
const COUNTERS: [table: string, column: string][] = [
  ['tenants', 'position'],
  ['api_keys', 'position'],
  ['users', 'position'],
  ['contacts', 'seq'],
  ['documents', 'seq'],
];

interface SnapshotRow {
  name: string;
  created_at: Date;
  tenants: number;
  contacts: number;
  documents: number;
}

const info = (row: SnapshotRow): SnapshotInfo => ({ name: row.name, createdAt: row.created_at.toISOString(), tenants: row.tenants, contacts: row.contacts, documents: row.documents });

async function drop(tx: Queryable, name: string): Promise<boolean> {
  for (const [table] of COPIES) await tx.query(`DELETE FROM snapshot_${table} WHERE snapshot = $1`, [name]);
  return (await tx.query('DELETE FROM snapshots WHERE name = $1 RETURNING name', [name])).length > 0;
}

export async function saveSnapshot(tx: Queryable, name: string): Promise<SnapshotInfo> {
  await drop(tx, name);
  const [row] = await tx.query<SnapshotRow>(
    `INSERT INTO snapshots (name, created_at, tenants, contacts, documents)
     VALUES ($1, now(), (SELECT count(*) FROM tenants), (SELECT count(*) FROM contacts), (SELECT count(*) FROM documents))
     RETURNING name, created_at, tenants, contacts, documents`,
    [name],
  );
  for (const [table, columns] of COPIES) await tx.query(`INSERT INTO snapshot_${table} (snapshot, ${columns}) SELECT $1, ${columns} FROM ${table}`, [name]);
  return info(row!);
}

/** The whole store becomes the snapshot; the triggers rebuild words, participants and counts. */
export async function restoreSnapshot(tx: Queryable, name: string): Promise<boolean> {
  if ((await tx.query('SELECT 1 FROM snapshots WHERE name = $1 FOR SHARE', [name])).length === 0) return false;
  await tx.exec(`TRUNCATE ${DATA_TABLES}`);
  for (const [table, columns] of COPIES) {
    const order = columns.startsWith('seq') ? 'seq' : 'position';
    await tx.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM snapshot_${table} WHERE snapshot = $1 ORDER BY ${order}`, [name]);
  }
  await analyzeAfterLoad(tx, Number((await tx.query<{ n: number }>('SELECT count(*) AS n FROM contacts'))[0]!.n));
  for (const [table, column] of COUNTERS) {
    await tx.query(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), (SELECT coalesce(max(${column}), 0) + 1 FROM ${table}), false)`);
  }
  return true;
}

export async function listSnapshots(q: Queryable): Promise<SnapshotInfo[]> {
  return (await q.query<SnapshotRow>('SELECT name, created_at, tenants, contacts, documents FROM snapshots ORDER BY created_at, name')).map(info);
}

export { drop as deleteSnapshot };
