import { contractDocument, type OpenApiDocument } from '../../contract/index.js';
import { escapeKey, nodeAt, type ContractNode } from './pointers.js';

/** A choice the contract made where the reference is silent: `x-inferred` at a JSON pointer. */
export interface Decision {
  pointer: string;
  text: string;
}

export function decisionOf(node: ContractNode | undefined): Decision | undefined {
  const text = node?.value['x-inferred'];
  return typeof text === 'string' ? { pointer: node!.pointer, text } : undefined;
}

/** Every x-inferred of the contract, in document order (examples are values, not decisions). */
export function allDecisions(doc: OpenApiDocument = contractDocument()): Decision[] {
  const found: Decision[] = [];
  const walk = (value: unknown, pointer: string) => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${pointer}/${i}`));
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record['x-inferred'] === 'string') found.push({ pointer, text: record['x-inferred'] });
    for (const [key, child] of Object.entries(record)) if (key !== 'examples' && key !== 'example') walk(child, `${pointer}/${escapeKey(key)}`);
  };
  walk(doc, '#');
  return found;
}

/** The decision written at a pointer; a pointer without one is a mistake in the catalogue, not a run-time event. */
export function inferred(pointer: string): Decision {
  const decision = decisionOf(nodeAt(contractDocument(), pointer));
  if (!decision || decision.pointer !== pointer) throw new Error(`no x-inferred at ${pointer} in the contract`);
  return decision;
}
