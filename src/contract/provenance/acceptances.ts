import { contractDocument, type OpenApiDocument } from '../load.js';
import { joinPointer, valueAt } from '../pointers.js';
import { written } from './constraints.js';
import { basisOf, type Decision } from './decisions.js';
import { markFor } from './marks.js';

type Node = Record<string, unknown>;
type Segment = string | number;
const asNode = (value: unknown): Node | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined);

/**
 * The values a decision not to constrain lets through, which a stricter implementation would
 * refuse: an empty list where no minimum is set, an empty string, an empty object.
 */
const EDGES: Record<string, { test(value: unknown): boolean; value: unknown }> = {
  minItems: { test: (v) => Array.isArray(v) && v.length === 0, value: [] },
  minLength: { test: (v) => v === '', value: '' },
  minProperties: { test: (v) => asNode(v) !== undefined && Object.keys(v as object).length === 0, value: {} },
};

/** An acceptance the contract decided: what a value there may be that the reference never says. */
export interface Acceptance {
  /** where in the instance */
  at: Segment[];
  /** the value that exercises it */
  value: unknown;
  decision: Decision;
}

function typesOf(node: Node): string[] {
  return Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === 'string' ? [node.type] : [];
}

/** The inferred acceptances a schema node makes: absences it marks, and a null its inferred type allows. */
function acceptancesAt(doc: OpenApiDocument, pointer: string): { edge: (typeof EDGES)[string]; decision: Decision }[] {
  const node = asNode(valueAt(doc, pointer)) ?? {};
  const out: { edge: (typeof EDGES)[string]; decision: Decision }[] = [];
  for (const [keyword, edge] of Object.entries(EDGES)) {
    if (keyword in node) continue;
    const mark = markFor(doc, pointer, keyword);
    const basis = basisOf(mark, doc);
    // an absence is marked by naming the keyword on the node itself, never inherited
    if (basis?.provenance === 'inferred' && mark!.place === joinPointer(pointer, keyword)) out.push({ edge, decision: basis.decision });
  }
  if (typesOf(node).includes('null')) {
    const basis = basisOf(markFor(doc, pointer, 'type'), doc);
    if (basis?.provenance === 'inferred') out.push({ edge: { test: (v) => v === null, value: null }, decision: basis.decision });
  }
  return out;
}

/** The subschemas that describe one instance value at a written node: itself and its allOf members. */
function alike(doc: OpenApiDocument, pointer: string): string[] {
  const node = asNode(valueAt(doc, pointer)) ?? {};
  const members = Array.isArray(node.allOf) ? node.allOf.map((_, i) => written(doc, joinPointer(pointer, 'allOf', i))) : [];
  return [pointer, ...members];
}

function childOf(doc: OpenApiDocument, pointer: string, segment: Segment): string | undefined {
  for (const at of alike(doc, pointer)) {
    const node = asNode(valueAt(doc, at)) ?? {};
    if (typeof segment === 'string' && asNode(node.properties) && Object.hasOwn(node.properties as object, segment)) return written(doc, joinPointer(at, 'properties', segment));
    if (typeof segment === 'number' && asNode(node.items)) return written(doc, joinPointer(at, 'items'));
  }
  return undefined;
}

/**
 * Walks a value down a written schema: at every node it reaches, the inferred acceptances there,
 * both those the value exercises (`exercised`) and the places it could (`places`, with the value
 * that would: the edges a generator may try).
 */
export function acceptancesIn(root: string, value: unknown, doc: OpenApiDocument = contractDocument()): { exercised: Acceptance[]; places: Acceptance[] } {
  const exercised: Acceptance[] = [];
  const places: Acceptance[] = [];
  const walk = (pointer: string, v: unknown, at: Segment[], depth: number) => {
    for (const { edge, decision } of acceptancesAt(doc, pointer)) {
      (edge.test(v) ? exercised : places).push({ at, value: edge.value, decision });
    }
    if (depth > 12 || v === null || typeof v !== 'object') return;
    const entries: [Segment, unknown][] = Array.isArray(v) ? v.slice(0, 3).map((item, i) => [i, item]) : Object.entries(v);
    for (const [segment, child] of entries) {
      const next = childOf(doc, pointer, segment);
      if (next) walk(next, child, [...at, segment], depth + 1);
    }
  };
  walk(written(doc, root), value, [], 0);
  return { exercised, places };
}
