import { parse, protocol, type PGlite } from '@electric-sql/pglite';

const { serialize } = protocol;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Named prepared statements on PGlite, which prepares every query afresh (parse, plan, then five
 * calls into the WASM engine). Here a statement is parsed and planned once; each run is one call:
 * Bind, Describe, Execute and Sync in one message. The locks are PGlite's own: a statement of a
 * transaction holds the query lock only (the transaction holds the other), any other statement
 * both, so nothing runs in the middle of someone else's transaction.
 */
export class PreparedStatements {
  private readonly statements = new Map<string, { name: string; types: number[] }>();
  private static readonly of = new WeakMap<PGlite, PreparedStatements>();

  /** the statements of this database (prepared statements live in its one session) */
  static for(db: PGlite): PreparedStatements {
    let prepared = PreparedStatements.of.get(db);
    if (!prepared) PreparedStatements.of.set(db, (prepared = new PreparedStatements(db)));
    return prepared;
  }

  private constructor(private readonly db: PGlite) {}

  query<R>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<R[]> {
    const run = () => this.db._runExclusiveQuery(() => this.run<R>(sql, params, inTransaction));
    return inTransaction ? run() : this.db._runExclusiveTransaction(run);
  }

  private async run<R>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<R[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      const name = `s${this.statements.size + 1}`;
      const described = await this.db.execProtocolStream(concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]), { syncToFs: false });
      statement = { name, types: parse.parseDescribeStatementResults(described) };
      this.statements.set(sql, statement);
    }
    const { name, types } = statement;
    const values = params.map((value, i) => (value === null || value === undefined ? null : (this.db.serializers[types[i]!] ?? String)(value)));
    const messages = await this.db.execProtocolStream(concat([serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]), { syncToFs: false });
    // outside a transaction the statement is its own commit: its writes go to the files now
    if (!inTransaction) await this.db.syncToFs();
    return (parse.parseResults(messages, this.db.parsers)[0]?.rows ?? []) as R[];
  }
}
