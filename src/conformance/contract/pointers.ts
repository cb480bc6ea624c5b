import type { OpenApiDocument } from '../../contract/index.js';

/** A node of the contract as written (before $refs are inlined), with the JSON pointer it lives at. */
export interface ContractNode {
  pointer: string;
  value: Record<string, unknown>;
}

export const escapeKey = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeKey = (key: string) => key.replace(/~1/g, '/').replace(/~0/g, '~');

function lookup(doc: OpenApiDocument, pointer: string): unknown {
  let current: unknown = doc;
  for (const raw of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = unescapeKey(raw);
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * The node at a pointer, following $refs so that the pointer is where the node is written. A $ref
 * with its own x-inferred beside it is a decision made there: that node keeps its place, with the
 * target's keywords under its own.
 */
export function nodeAt(doc: OpenApiDocument, pointer: string): ContractNode | undefined {
  // a judge of traffic asks the same few pointers for every exchange; the document never changes
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
    const value = lookup(doc, at);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const { $ref: ref, ...siblings } = value as Record<string, unknown>;
    if (typeof ref !== 'string') return { pointer: at, value: value as Record<string, unknown> };
    if (typeof siblings['x-inferred'] === 'string') {
      const target = resolve(doc, ref);
      return { pointer: at, value: { ...target?.value, ...siblings } };
    }
    at = ref;
  }
  throw new Error(`$ref chain too long at ${pointer}`);
}

export function childOf(doc: OpenApiDocument, node: ContractNode, ...keys: (string | number)[]): ContractNode | undefined {
  return nodeAt(doc, `${node.pointer}/${keys.map(escapeKey).join('/')}`);
}

export const operationPointer = (path: string, method: string) => `#/paths/${escapeKey(path)}/${method}`;
