import { loadContract, type Operation } from '../../contract/index.js';
import { childOf, nodeAt, operationPointer, type ContractNode } from '../contract/pointers.js';
import { schemaChild } from '../contract/trail.js';

const MAX_DEPTH = 12;
const MAX_ITEMS = 100;
const MAX_FOUND = 20;

/**
 * Properties an answer carries that its schema does not list, where the schema leaves extra ones
 * open (no `additionalProperties: false`, which would make them a schema finding instead): what the
 * contract does not speak to. Paths with `*` for array items; bounded in depth, items and results.
 */
export function extraProperties(op: Operation, status: string, body: unknown): string[] {
  const { doc } = loadContract();
  const declared = op.responses.some((r) => r.status === status) ? status : op.responseFor(Number(status))?.status;
  if (!declared) return [];
  const response = nodeAt(doc, `${operationPointer(op.path, op.method)}/responses/${declared}`);
  const schema = response ? childOf(doc, response, 'content', 'application/json', 'schema') : undefined;
  const found = new Set<string>();
  if (schema) walk(schema, body, [], found, 0);
  return [...found];
}

function walk(node: ContractNode, value: unknown, at: string[], found: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || found.size >= MAX_FOUND || value === null || typeof value !== 'object') return;
  const { doc } = loadContract();
  if (Array.isArray(value)) {
    const items = schemaChild(doc, node, 0);
    if (items) for (const item of value.slice(0, MAX_ITEMS)) walk(items, item, [...at, '*'], found, depth + 1);
    return;
  }
  const v = node.value;
  // a union or a free-form dictionary: which branch a value meant is the schema check's business
  if (v.oneOf || v.anyOf || v.allOf) return;
  const properties = v.properties as Record<string, unknown> | undefined;
  const open = v.additionalProperties === undefined || v.additionalProperties === true;
  for (const key of Object.keys(value)) {
    if (properties && Object.hasOwn(properties, key)) {
      const child = schemaChild(doc, node, key);
      if (child) walk(child, (value as Record<string, unknown>)[key], [...at, key], found, depth + 1);
    } else if (properties && open) {
      found.add([...at, key].join('/'));
    } else if (v.additionalProperties && typeof v.additionalProperties === 'object') {
      const child = schemaChild(doc, node, key);
      if (child) walk(child, (value as Record<string, unknown>)[key], [...at, '*'], found, depth + 1);
    }
  }
}
