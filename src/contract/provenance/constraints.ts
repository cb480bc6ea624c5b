import { contractDocument, type OpenApiDocument } from '../load.js';
import { joinPointer, valueAt } from '../pointers.js';
import { markFor, type MarkRef } from './marks.js';

/** JSON Schema keywords that refuse something: each is a constraint with a source. */
export const CONSTRAINT_KEYWORDS = [
  'type',
  'format',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
  'additionalProperties',
  'propertyNames',
  'if',
  'not',
  'anyOf',
  'oneOf',
] as const;

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', 'dependentSchemas'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else', 'contains'];
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];

/** One constraint of the contract: a keyword where it is written, and the mark it rests on. */
export interface Constraint {
  /** the keyword as written: …/maxLength, …/required/0 (one entry), …/responses/422 (a declared status) */
  pointer: string;
  /** the node it is written on (for a status, the operation) */
  node: string;
  /** a schema keyword, `required` (a parameter's, a request body's, or one entry of a schema's), or `status` */
  keyword: string;
  /** the property of a `required` entry, the code of a status */
  entry?: string;
  mark: MarkRef | undefined;
}

type Node = Record<string, unknown>;
const asNode = (value: unknown): Node | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined);

/** Where a $ref chain ends: the node whose keywords these are. */
export function written(doc: unknown, pointer: string): string {
  let at = pointer;
  for (let hops = 0; hops < 20; hops++) {
    const ref = asNode(valueAt(doc, at))?.$ref;
    if (typeof ref !== 'string') return at;
    at = ref;
  }
  throw new Error(`$ref chain too long at ${pointer}`);
}

/** Every constraint of the contract: parameters, request bodies, response bodies and declared statuses. */
export function allConstraints(doc: OpenApiDocument = contractDocument()): Constraint[] {
  const out = new Map<string, Constraint>();
  walk(doc, (_op, c) => {
    if (!out.has(c.pointer)) out.set(c.pointer, c);
  });
  return [...out.values()];
}

/**
 * The operations that meet a place of the contract: its constraints, its schemas (through any $ref),
 * its responses. What an alternative choice at that place can change.
 */
export function operationsReaching(places: readonly string[], doc: OpenApiDocument = contractDocument()): string[] {
  const wanted = new Set(places);
  const found = new Set<string>();
  walk(doc, (op, c) => {
    if (c.mark && wanted.has(c.mark.place)) found.add(op);
  }, (op, pointer) => {
    if (wanted.has(pointer)) found.add(op);
  });
  return [...found];
}

/** Walks each operation's statuses, parameters, body and responses: `constraint` for each keyword met, `node` for each node passed. */
function walk(doc: OpenApiDocument, constraint: (operationId: string, c: Constraint) => void, node: (operationId: string, pointer: string) => void = () => {}): void {
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const item = joinPointer('#/paths', path);
    for (const method of METHODS.filter((m) => asNode(rawItem[m]))) {
      const op = joinPointer(item, method);
      const operationId = String(asNode(rawItem[method])?.operationId ?? op);
      const seen = new Set<string>();
      const add = (pointer: string, at: string, keyword: string, mark: MarkRef | undefined, entry?: string) =>
        constraint(operationId, { pointer, node: at, keyword, mark, ...(entry === undefined ? {} : { entry }) });
      const pass = (at: string): string | undefined => {
        node(operationId, at);
        const pointer = written(doc, at);
        if (pointer !== at) node(operationId, pointer);
        if (seen.has(pointer)) return undefined;
        seen.add(pointer);
        return pointer;
      };
      const schema = (at: string) => {
        const pointer = pass(at);
        const value = pointer === undefined ? undefined : asNode(valueAt(doc, pointer));
        if (!pointer || !value) return;
        for (const keyword of CONSTRAINT_KEYWORDS) {
          if (!(keyword in value)) continue;
          if (keyword === 'required' && Array.isArray(value.required)) {
            value.required.forEach((name, i) => add(joinPointer(pointer, 'required', i), pointer, 'required', markFor(doc, pointer, 'required', joinPointer(pointer, 'properties', String(name))), String(name)));
          } else add(joinPointer(pointer, keyword), pointer, keyword, markFor(doc, pointer, keyword));
        }
        for (const key of SUBSCHEMA_MAPS) for (const name of Object.keys(asNode(value[key]) ?? {})) schema(joinPointer(pointer, key, name));
        for (const key of SUBSCHEMA_LISTS) if (Array.isArray(value[key])) value[key].forEach((_, i) => schema(joinPointer(pointer, key, i)));
        for (const key of SUBSCHEMAS) if (asNode(value[key])) schema(joinPointer(pointer, key));
      };
      /** A parameter, a request body or a response: its own `required`, then its schema(s). */
      const part = (at: string, hasRequired: boolean) => {
        const pointer = pass(at);
        if (!pointer) return;
        const value = asNode(valueAt(doc, pointer)) ?? {};
        if (hasRequired && value.required !== undefined) add(joinPointer(pointer, 'required'), pointer, 'required', markFor(doc, pointer, 'required'));
        if (value.schema) schema(joinPointer(pointer, 'schema'));
        for (const media of Object.keys(asNode(value.content) ?? {})) schema(joinPointer(pointer, 'content', media, 'schema'));
      };
      const params = (at: string) => {
        const list = valueAt(doc, at);
        if (Array.isArray(list)) list.forEach((_, i) => part(joinPointer(at, i), true));
      };
      node(operationId, op);
      const responses = Object.keys(asNode(valueAt(doc, joinPointer(op, 'responses'))) ?? {});
      for (const status of responses) add(joinPointer(op, 'responses', status), op, 'status', markFor(doc, op, status), status);
      params(joinPointer(item, 'parameters'));
      params(joinPointer(op, 'parameters'));
      if (valueAt(doc, joinPointer(op, 'requestBody'))) part(joinPointer(op, 'requestBody'), true);
      for (const status of responses) part(joinPointer(op, 'responses', status), false);
    }
  }
}
