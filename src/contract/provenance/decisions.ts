import { contractDocument, type OpenApiDocument } from '../load.js';
import { written } from './constraints.js';
import { allMarks, type MarkRef } from './marks.js';

/**
 * A choice the contract made where the reference is silent: the text of an `x-inferred`, and every
 * place it is written (one decision may hold at several places: YAML anchors give them one text).
 * `pointer` is the first place, in document order: the decision's name in reports.
 */
export interface Decision {
  pointer: string;
  text: string;
  places: string[];
}

/** What a constraint, a status or an assertion rests on. */
export type Basis = { provenance: 'documented'; quote: string; place: string } | { provenance: 'inferred'; decision: Decision };

const cache = new WeakMap<object, { list: Decision[]; byPlace: Map<string, Decision>; byNode: Map<string, Decision[]> }>();

function index(doc: OpenApiDocument) {
  let hit = cache.get(doc);
  if (hit) return hit;
  const byText = new Map<string, Decision>();
  const marks = allMarks(doc).filter((m) => m.kind === 'inferred');
  for (const mark of marks) {
    const decision = byText.get(mark.text);
    if (decision) decision.places.push(mark.place);
    else byText.set(mark.text, { pointer: mark.place, text: mark.text, places: [mark.place] });
  }
  const list = [...byText.values()];
  const byPlace = new Map<string, Decision>();
  for (const d of list) for (const p of d.places) byPlace.set(p, d);
  const byNode = new Map<string, Decision[]>();
  for (const mark of marks) {
    const on = byNode.get(mark.node) ?? [];
    const decision = byText.get(mark.text)!;
    if (!on.includes(decision)) on.push(decision);
    byNode.set(mark.node, on);
  }
  hit = { list, byPlace, byNode };
  cache.set(doc, hit);
  return hit;
}

/** Every decision of the contract, in document order of its first place. */
export function allDecisions(doc: OpenApiDocument = contractDocument()): Decision[] {
  return index(doc).list;
}

/** The decision written at a place (any of its places); undefined if none is written there. */
export function decisionAt(place: string, doc: OpenApiDocument = contractDocument()): Decision | undefined {
  return index(doc).byPlace.get(place);
}

/** The decision at a place; a place without one is a mistake in the caller, not a run-time event. */
export function inferred(place: string, doc: OpenApiDocument = contractDocument()): Decision {
  const decision = decisionAt(place, doc);
  if (!decision) throw new Error(`no x-inferred at ${place} in the contract`);
  return decision;
}

/**
 * Every decision marked on a node, whatever its key: those written beside a $ref and those of the
 * node it names. What a value passing through the node agrees with, when it is what the contract says.
 */
export function decisionsMarkedOn(pointer: string, doc: OpenApiDocument = contractDocument()): Decision[] {
  const { byNode } = index(doc);
  const target = written(doc, pointer);
  return [...new Set([...(byNode.get(pointer) ?? []), ...(target === pointer ? [] : (byNode.get(target) ?? []))])];
}

export function basisOf(mark: MarkRef | undefined, doc: OpenApiDocument = contractDocument()): Basis | undefined {
  if (!mark) return undefined;
  if (mark.kind === 'documented') return { provenance: 'documented', quote: mark.text, place: mark.place };
  return { provenance: 'inferred', decision: inferred(mark.place, doc) };
}
