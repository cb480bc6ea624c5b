import type { OpenApiDocument } from './load.js';

/** A node of the contract as written (before $refs are inlined), with the JSON pointer it lives at. */
export interface ContractNode {
  pointer: string;
  value: Record<string, unknown>;
}

export const escapeKey = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');
export const unescapeKey = (key: string) => key.replace(/~1/g, '/').replace(/~0/g, '~');

/** The keys of a pointer (`#/a/b~1c` → ['a', 'b/c']). */
export const pointerKeys = (pointer: string): string[] => pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map(unescapeKey);

export const joinPointer = (pointer: string, ...keys: (string | number)[]) => [pointer, ...keys.map(escapeKey)].join('/');

/** The value at a pointer as written, $refs not followed. */
export function valueAt(doc: unknown, pointer: string): unknown {
  let current: unknown = doc;
  for (const key of pointerKeys(pointer)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * The node at a pointer, following $refs so that the pointer is where the node is written. A $ref
 * with its own marks beside it (x-inferred, x-documented) is a decision made there: that node keeps
 * its place, with the target's keywords under its own.
 */
export function nodeAt(doc: OpenApiDocument, pointer: string): ContractNode | undefined {
  // a judge of traffic asks the same few pointers for every exchange; a document is never changed
  let known = resolved.get(doc);
  if (!known) resolved.set(doc, (known = new Map()));
  let node = known.get(pointer);
  if (node === undefined) known.set(pointer, (node = resolve(doc, pointer) ?? null));
  return node ?? undefined;
}

const resolved = new WeakMap<OpenApiDocument, Map<string, ContractNode | null>>();

function resolve(doc: OpenApiDocument, pointer: string): ContractNode | undefined {
  let at = pointer;
  for (let hops = 0; hops < 20; hops++) {
    const value = valueAt(doc, at);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const { $ref: ref, ...siblings } = value as Record<string, unknown>;
    if (typeof ref !== 'string') return { pointer: at, value: value as Record<string, unknown> };
    if (siblings['x-inferred'] !== undefined || siblings['x-documented'] !== undefined) {
      const target = resolve(doc, ref);
      return { pointer: at, value: { ...target?.value, ...siblings } };
    }
    at = ref;
  }
  throw new Error(`$ref chain too long at ${pointer}`);
}

export function childOf(doc: OpenApiDocument, node: ContractNode, ...keys: (string | number)[]): ContractNode | undefined {
  return nodeAt(doc, joinPointer(node.pointer, ...keys));
}

export const operationPointer = (path: string, method: string) => `#/paths/${escapeKey(path)}/${method}`;
