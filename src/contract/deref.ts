import { valueAt } from './pointers.js';

/**
 * Inline every local `$ref` (`#/components/...`) of an OpenAPI document. The contract has no
 * recursive schemas, so a plain recursive copy terminates; a cycle is reported rather than looped on.
 */
export function dereference<T>(root: unknown, node: T, seen: string[] = []): T {
  if (Array.isArray(node)) return node.map((item) => dereference(root, item, seen)) as T;
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const ref = record.$ref;
  if (typeof ref === 'string') {
    if (seen.includes(ref)) throw new Error(`circular $ref ${ref} in the contract`);
    const { $ref: _ignored, ...siblings } = record;
    const target = dereference(root, resolvePointer(root, ref), [...seen, ref]);
    // OpenAPI 3.1 lets description/summary sit beside a $ref; they override the target's.
    return (Object.keys(siblings).length ? { ...(target as object), ...dereference(root, siblings, seen) } : target) as T;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) copy[key] = dereference(root, value, seen);
  return copy as T;
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
  const target = valueAt(root, ref);
  if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return target;
}
