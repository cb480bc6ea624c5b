import { childOf, type ContractNode, type Decision, decisionsMarkedOn, type OpenApiDocument } from '../../contract/index.js';

export type Segment = string | number;

/** The schema node an instance segment leads to: a property, an array item, or a free-form value. */
export function schemaChild(doc: OpenApiDocument, node: ContractNode, segment: Segment): ContractNode | undefined {
  const v = node.value;
  const properties = v.properties as Record<string, unknown> | undefined;
  if (typeof segment === 'string' && properties && Object.hasOwn(properties, segment)) return childOf(doc, node, 'properties', segment);
  if (typeof segment === 'number' && v.items && typeof v.items === 'object') return childOf(doc, node, 'items');
  if (v.additionalProperties && typeof v.additionalProperties === 'object') return childOf(doc, node, 'additionalProperties');
  return undefined;
}

/** The schema nodes from `root` down an instance path, as far as the schema describes it. */
export function schemaTrail(doc: OpenApiDocument, root: ContractNode, path: Segment[]): ContractNode[] {
  const trail = [root];
  for (const segment of path) {
    const next = schemaChild(doc, trail.at(-1)!, segment);
    if (!next) break;
    trail.push(next);
  }
  return trail;
}

/** The decisions marked along a trail, outermost first. */
export function decisionsOn(trail: (ContractNode | undefined)[], doc?: OpenApiDocument): Decision[] {
  return [...new Set(trail.flatMap((node) => (node ? decisionsMarkedOn(node.pointer, doc) : [])))];
}

/**
 * Every decision an instance actually passes through: those marked on the nodes its present values
 * reach. A value that is what the contract says agrees with these; a decision on a property the
 * value leaves out is not exercised.
 */
export function decisionsVisited(doc: OpenApiDocument, node: ContractNode, value: unknown, into: Map<string, Decision>, depth = 0): void {
  for (const decision of decisionsMarkedOn(node.pointer, doc)) into.set(decision.pointer, decision);
  if (depth > 12 || value === null || typeof value !== 'object') return;
  const entries: [Segment, unknown][] = Array.isArray(value) ? value.slice(0, 5).map((item, i) => [i, item]) : Object.entries(value);
  for (const [segment, child] of entries) {
    const next = schemaChild(doc, node, segment);
    if (next) decisionsVisited(doc, next, child, into, depth + 1);
  }
}
