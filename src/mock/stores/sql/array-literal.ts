/** A PostgreSQL array literal of strings: every element quoted, so nothing in it is syntax. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
