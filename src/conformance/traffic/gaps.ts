import { childOf, type ContractNode, loadContract, nodeAt, type Operation, operationPointer } from '../../contract/index.js';

const MAX_DEPTH = 12;
const MAX_ITEMS = 100;
const MAX_FOUND = 20;

/**
 * Properties an answer carries that its schema does not list, where the schema leaves extra ones
 * open (no `additionalProperties: false`, which would make them a schema finding instead): what the
 * contract does not speak to. Paths with `*` for array items; bounded in depth, items and results.
 */
export function extraProperties(op: Operation, status: string, body: unknown): string[] {
  const declared = op.responses.some((r) => r.status === status) ? status : op.responseFor(Number(status))?.status;
  if (!declared) return [];
  const schema = responseSchema(op, declared);
  const found = new Set<string>();
  if (schema) walk(schema, body, [], found, 0);
  return [...found];
}

const schemas = new Map<string, ContractNode | null>();
function responseSchema(op: Operation, declared: string): ContractNode | undefined {
  const key = `${op.operationId} ${declared}`;
  let found = schemas.get(key);
  if (found === undefined) {
    const { doc } = loadContract();
    const response = nodeAt(doc, `${operationPointer(op.path, op.method)}/responses/${declared}`);
    schemas.set(key, (found = (response && childOf(doc, response, 'content', 'application/json', 'schema')) ?? null));
  }
  return found ?? undefined;
}

// The walk asks the same few schema nodes for the same children on every answer: resolved once.
// Keys are the contract's own (property names it lists, items, additionalProperties), so the cache is bounded.
const children = new Map<string, ContractNode | null>();
function child(node: ContractNode, ...keys: string[]): ContractNode | undefined {
  const key = `${node.pointer}\u0000${keys.join('\u0000')}`;
  let found = children.get(key);
  if (found === undefined) children.set(key, (found = childOf(loadContract().doc, node, ...keys) ?? null));
  return found ?? undefined;
}

function walk(node: ContractNode, value: unknown, at: string[], found: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || found.size >= MAX_FOUND || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const items = node.value.items && typeof node.value.items === 'object' ? child(node, 'items') : undefined;
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
      const next = child(node, 'properties', key);
      if (next) walk(next, (value as Record<string, unknown>)[key], [...at, key], found, depth + 1);
    } else if (properties && open) {
      found.add([...at, key].join('/'));
    } else if (v.additionalProperties && typeof v.additionalProperties === 'object') {
      const next = child(node, 'additionalProperties');
      if (next) walk(next, (value as Record<string, unknown>)[key], [...at, '*'], found, depth + 1);
    }
  }
}
