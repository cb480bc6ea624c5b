import { arrayLiteral } from './array-literal.js';

// The columns a table is written through, in one list each: the INSERT's column list and VALUES,
// the UPDATE's SET, the unnest() types of a many-row insert and each row's parameters all come from
// it, so that no statement depends on a parameter's position written out by hand.

/** How a value travels: as itself, or as text the statement casts (json keeps key order; arrays go to unnest as literals). */
export type ColumnType = 'text' | 'boolean' | 'timestamptz' | 'json' | 'text[]';

export interface Column<R, D> {
  name: string;
  type: ColumnType;
  /** an UPDATE changes it (identity columns stay) */
  updatable: boolean;
  value(record: R, derived: D): unknown;
}

export class ColumnTable<R, D = undefined> {
  /** `id, tenant, …` */
  readonly names: string;
  /** `$1, $2, $3::json, …`: one row's VALUES */
  readonly values: string;
  /** `full_name = $2, …`: the updatable columns, after $1 (the row's seq) */
  readonly updateSet: string;
  /** `$1::text[], …, $3::timestamptz[]`: one array per column, for unnest() */
  readonly unnestArrays: string;
  /** the unnest() columns cast back: `tags::text[]`, `custom_fields::json` */
  readonly unnestSelect: string;

  constructor(
    readonly columns: readonly Column<R, D>[],
    /** what several columns derive from a record, computed once per row */
    private readonly derive: (record: R) => D,
  ) {
    const cast = (c: Column<R, D>) => (c.type === 'json' ? '::json' : '');
    this.names = columns.map((c) => c.name).join(', ');
    this.values = columns.map((c, i) => `$${i + 1}${cast(c)}`).join(', ');
    this.updateSet = columns
      .filter((c) => c.updatable)
      .map((c, i) => `${c.name} = $${i + 2}${cast(c)}`)
      .join(', ');
    this.unnestArrays = columns.map((c, i) => `$${i + 1}::${c.type === 'json' || c.type === 'text[]' ? 'text' : c.type}[]`).join(', ');
    this.unnestSelect = columns.map((c) => (c.type === 'json' || c.type === 'text[]' ? `${c.name}::${c.type}` : c.name)).join(', ');
  }

  /** One row's parameters, in the order of `values`. */
  params(record: R): unknown[] {
    const derived = this.derive(record);
    return this.columns.map((c) => c.value(record, derived));
  }

  /** The parameters of `updateSet`: the row's seq, then the updatable columns. */
  updateParams(seq: number, record: R): unknown[] {
    const derived = this.derive(record);
    return [seq, ...this.columns.filter((c) => c.updatable).map((c) => c.value(record, derived))];
  }

  /** Many rows as one array per column (arrays of strings as literals), in the order of `unnestArrays`. */
  unnestParams(records: readonly R[]): unknown[][] {
    const arrays: unknown[][] = this.columns.map(() => new Array(records.length));
    records.forEach((record, row) => {
      const derived = this.derive(record);
      this.columns.forEach((c, column) => {
        const value = c.value(record, derived);
        arrays[column]![row] = c.type === 'text[]' ? arrayLiteral(value as string[]) : value;
      });
    });
    return arrays;
  }
}

/**
 * The fields of a record read back as one JSON array (json_build_array of `sql`): the list gives
 * the statement's expressions and the position each field is read from.
 */
export function jsonRow<F extends string>(fields: readonly (readonly [field: F, sql: string])[]): { sql: string; at: Record<F, number>; length: number } {
  return {
    sql: fields.map(([, sql]) => sql).join(', '),
    at: Object.fromEntries(fields.map(([field], i) => [field, i])) as Record<F, number>,
    length: fields.length,
  };
}
