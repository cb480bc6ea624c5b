import { joinPointer, pointerKeys, valueAt } from '../pointers.js';

/**
 * How the contract says where each constraint comes from. Two extensions, on any node that carries
 * constraints (a schema, a parameter, a request body, an operation for its statuses):
 *
 *   x-documented: "<the reference's words>"      every keyword written on this node
 *   x-documented: { <key>: "<words>", … }          the keys named
 *   x-inferred:   "<why>"                         every keyword written on this node
 *   x-inferred:   { <key>: "<why>", … }            the keys named
 *
 * A key is a keyword of the node (`maxLength`, `type`, …), a status code on an operation (`'422'`,
 * `default`), or `beneath`: every keyword of this node and of every node written beneath it ($refs
 * are not followed: what a $ref names carries its own marks). A key naming a keyword the node does
 * not have marks an absence: the contract decided not to constrain (an empty list is accepted).
 * A property's presence (its entry in the parent's `required`) is the property's own key `presence`
 * when it has one, the parent's `required` otherwise.
 */
export const DOCUMENTED = 'x-documented';
export const INFERRED = 'x-inferred';
export const BENEATH = 'beneath';
export const PRESENCE = 'presence';

export type Mark = string | Record<string, string>;

export interface MarkRef {
  kind: 'documented' | 'inferred';
  /** the quote (documented) or the reason (inferred) */
  text: string;
  /** where the mark is written: the node (string form, beneath) or the node and key */
  place: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Where a keyed mark lives: a status is the response's own pointer, a keyword its own. */
export function keyedPlace(node: string, key: string, onOperation: boolean): string {
  if (key === BENEATH) return node;
  return onOperation ? joinPointer(node, 'responses', key) : joinPointer(node, key);
}

const isOperation = (pointer: string) => /^#\/paths\/[^/]+\/(get|put|post|patch|delete|head|options|trace)$/.test(pointer);

/** The marks of one kind on a node, one for the key (a map entry), for the whole node (a string), or beneath it. */
function markOf(node: Record<string, unknown> | undefined, pointer: string, scope: 'key' | 'whole' | 'beneath', key: string): MarkRef | undefined {
  if (!node) return undefined;
  const found: MarkRef[] = [];
  for (const [name, kind] of [[DOCUMENTED, 'documented'], [INFERRED, 'inferred']] as const) {
    const mark = node[name];
    if (scope === 'whole' && typeof mark === 'string') found.push({ kind, text: mark, place: pointer });
    const entries = record(mark);
    const wanted = scope === 'beneath' ? BENEATH : scope === 'key' ? key : undefined;
    if (wanted && entries && typeof entries[wanted] === 'string') {
      found.push({ kind, text: entries[wanted] as string, place: keyedPlace(pointer, wanted, isOperation(pointer)) });
    }
  }
  // both kinds at once is a contradiction the audit reports; the documented one is not trusted over it
  return found.find((m) => m.kind === 'inferred') ?? found[0];
}

/** The pointers above a node, nearest first (`#/a/b/c` → `#/a/b`, `#/a`, `#`). */
export function ancestors(pointer: string): string[] {
  const keys = pointerKeys(pointer);
  const out: string[] = [];
  for (let n = keys.length - 1; n >= 0; n--) out.push(joinPointer('#', ...keys.slice(0, n)));
  return out;
}

/**
 * The mark a constraint rests on: the keyword `key` written on `node` (a pointer as written), or
 * for a `required` entry, the presence of the property written at `property`. Nearest first: the
 * property's own `presence`; the node's key, the node's whole mark, the node's `beneath`; then the
 * `beneath` of each node above it.
 */
export function markFor(doc: unknown, node: string, key: string, property?: string): MarkRef | undefined {
  if (property !== undefined) {
    const own = markOf(record(valueAt(doc, property)), property, 'key', PRESENCE);
    if (own) return own;
  }
  const here = record(valueAt(doc, node));
  const direct = markOf(here, node, 'key', key) ?? markOf(here, node, 'whole', key) ?? markOf(here, node, 'beneath', key);
  if (direct) return direct;
  for (const above of ancestors(node)) {
    const mark = markOf(record(valueAt(doc, above)), above, 'beneath', key);
    if (mark) return mark;
  }
  return undefined;
}

/** Every mark written in the contract, in document order (examples are values, never marks). */
export function allMarks(doc: unknown): (MarkRef & { node: string; key: string | undefined })[] {
  const found: (MarkRef & { node: string; key: string | undefined })[] = [];
  const walk = (value: unknown, pointer: string) => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${pointer}/${i}`));
    const node = record(value);
    if (!node) return;
    for (const [name, kind] of [[DOCUMENTED, 'documented'], [INFERRED, 'inferred']] as const) {
      const mark = node[name];
      if (typeof mark === 'string') found.push({ kind, text: mark, place: pointer, node: pointer, key: undefined });
      for (const [key, text] of Object.entries(record(mark) ?? {})) {
        found.push({ kind, text: String(text), place: keyedPlace(pointer, key, isOperation(pointer)), node: pointer, key });
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'examples' && key !== 'example' && key !== DOCUMENTED && key !== INFERRED) walk(child, joinPointer(pointer, key));
    }
  };
  walk(doc, '#');
  return found;
}
