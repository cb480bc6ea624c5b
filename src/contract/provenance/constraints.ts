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
  const out: Constraint[] = [];
  const seen = new Set<string>();
  const add = (pointer: string, node: string, keyword: string, mark: MarkRef | undefined, entry?: string) =>
    out.push({ pointer, node, keyword, mark, ...(entry === undefined ? {} : { entry }) });

  const schema = (at: string) => {
    const pointer = written(doc, at);
    if (seen.has(pointer)) return;
    seen.add(pointer);
    const node = asNode(valueAt(doc, pointer));
    if (!node) return;
    for (const keyword of CONSTRAINT_KEYWORDS) {
      if (!(keyword in node)) continue;
      if (keyword === 'required' && Array.isArray(node.required)) {
        node.required.forEach((name, i) => add(joinPointer(pointer, 'required', i), pointer, 'required', markFor(doc, pointer, 'required', joinPointer(pointer, 'properties', String(name))), String(name)));
      } else add(joinPointer(pointer, keyword), pointer, keyword, markFor(doc, pointer, keyword));
    }
    for (const key of SUBSCHEMA_MAPS) for (const name of Object.keys(asNode(node[key]) ?? {})) schema(joinPointer(pointer, key, name));
    for (const key of SUBSCHEMA_LISTS) if (Array.isArray(node[key])) node[key].forEach((_, i) => schema(joinPointer(pointer, key, i)));
    for (const key of SUBSCHEMAS) if (asNode(node[key])) schema(joinPointer(pointer, key));
  };

  /** A parameter, a request body or a response: its own `required`, then its schema(s). */
  const part = (at: string, hasRequired: boolean) => {
    const pointer = written(doc, at);
    if (seen.has(pointer)) return;
    seen.add(pointer);
    const node = asNode(valueAt(doc, pointer)) ?? {};
    if (hasRequired && node.required !== undefined) add(joinPointer(pointer, 'required'), pointer, 'required', markFor(doc, pointer, 'required'));
    if (node.schema) schema(joinPointer(pointer, 'schema'));
    for (const media of Object.keys(asNode(node.content) ?? {})) schema(joinPointer(pointer, 'content', media, 'schema'));
  };

  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const item = joinPointer('#/paths', path);
    const params = (at: string) => (Array.isArray(valueAt(doc, at)) ? (valueAt(doc, at) as unknown[]).forEach((_, i) => part(joinPointer(at, i), true)) : undefined);
    params(joinPointer(item, 'parameters'));
    for (const method of METHODS.filter((m) => asNode(rawItem[m]))) {
      const op = joinPointer(item, method);
      for (const status of Object.keys(asNode(valueAt(doc, joinPointer(op, 'responses'))) ?? {})) {
        add(joinPointer(op, 'responses', status), op, 'status', markFor(doc, op, status), status);
      }
      params(joinPointer(op, 'parameters'));
      if (valueAt(doc, joinPointer(op, 'requestBody'))) part(joinPointer(op, 'requestBody'), true);
      for (const status of Object.keys(asNode(valueAt(doc, joinPointer(op, 'responses'))) ?? {})) part(joinPointer(op, 'responses', status), false);
    }
  }
  return out;
}
