import type { ValidateFunction } from 'ajv';
import { childOf, createAjv, loadContract, provenance, written, type ContractNode, type KeywordSite, type Operation } from '../../contract/index.js';
import { schemaChild, type Segment } from '../contract/trail.js';
import { bodySchemaOf, parametersOf, type RequestCase } from './requests.js';
import { EMAIL_FIELDS } from './values.js';

/** One way to make a valid request invalid: a single keyword of the contract broken at one place. */
export interface Mutation {
  location: 'path' | 'query' | 'body';
  at: Segment[];
  keyword: string;
  /** the schema nodes from the request part's root down to the one whose keyword is broken */
  trail: ContractNode[];
  /** the keyword broken, where it is written: what the mutation's verdict rests on */
  site: KeywordSite;
  describe: string;
  apply(c: RequestCase): RequestCase;
}

type Schema = Record<string, unknown>;
type Value = unknown;

const WRONG_TYPES: [string, Value][] = [
  ['string', 'ñ'],
  ['integer', 12],
  ['number', 1.5],
  ['boolean', true],
  ['object', {}],
  ['array', []],
  ['null', null],
];

function allows(types: string[], candidate: string): boolean {
  return types.includes(candidate) || (candidate === 'integer' && types.includes('number'));
}

const REMOVE = Symbol('remove');

/** A copy of `root` with the value at `at` replaced (or removed). */
export function setAt(root: unknown, at: Segment[], value: Value | typeof REMOVE): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const seg of at.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = at.at(-1)!;
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
  return copy;
}

const ifValidators = new WeakMap<object, ValidateFunction>();
// the contract's own validator, as for answers: a condition is checked, never filled with defaults
let conditions: ReturnType<typeof createAjv> | undefined;
function ifHolds(schema: Schema, value: Value): boolean {
  const condition = schema.if as object;
  let validate = ifValidators.get(condition);
  if (!validate) ifValidators.set(condition, (validate = (conditions ??= createAjv('response')).compile(condition)));
  return validate(value);
}

interface Source {
  node: ContractNode;
  trail: ContractNode[];
}

/** Values that break one keyword of `schema` for `value`: [keyword, broken value, what it is]. */
function brokenValues(schema: Schema, value: Value, name: string | undefined, tag: string): [string, Value | typeof REMOVE, string][] {
  const out: [string, Value | typeof REMOVE, string][] = [];
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.length) for (const [type, v] of WRONG_TYPES) if (!allows(types, type)) out.push(['type', v, `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} where the contract says ${types.join(' or ')}`]);
  const emailLike = schema.format === 'email' || (name !== undefined && EMAIL_FIELDS.has(name));
  if (typeof value === 'string') {
    const min = schema.minLength as number | undefined;
    const max = schema.maxLength as number | undefined;
    if (min) out.push(['minLength', 'ñ'.repeat(min - 1), `${min - 1} characters (at least ${min})`]);
    if (max !== undefined) {
      // an address stays the run's own, at example.com, even when it is too long
      const long = emailLike ? `${tag}${'a'.repeat(Math.max(1, max + 1 - tag.length - 12))}@example.com` : 'ñ'.repeat(max + 1);
      out.push(['maxLength', long, `${[...long].length} characters (at most ${max})`]);
    }
    if (schema.format === 'email') out.push(['format', `${tag}-not-an-email`, 'not an email address']);
    if (schema.format === 'uuid') out.push(['format', 'not-a-uuid-ñ', 'not a UUID']);
    if (typeof schema.pattern === 'string') out.push(['pattern', '55 1234 5678', `not matching ${schema.pattern}`]);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number') out.push(['minimum', schema.minimum - 1, `${schema.minimum - 1} (minimum ${schema.minimum})`]);
    if (typeof schema.maximum === 'number') out.push(['maximum', schema.maximum + 1, `${schema.maximum + 1} (maximum ${schema.maximum})`]);
  }
  if (Array.isArray(value)) {
    const min = schema.minItems as number | undefined;
    const max = schema.maxItems as number | undefined;
    if (min) out.push(['minItems', value.slice(0, min - 1), `${min - 1} items (at least ${min})`]);
    if (max !== undefined && value.length) {
      // the smallest item, again and again: one too many items, and a body well under any size bound
      const smallest = value.reduce((a, b) => (JSON.stringify(b).length < JSON.stringify(a).length ? b : a));
      out.push(['maxItems', Array.from({ length: max + 1 }, () => smallest), `${max + 1} items (at most ${max})`]);
    }
  }
  if (Array.isArray(schema.enum)) out.push(['enum', 'ñ-not-listed', `a value outside ${JSON.stringify(schema.enum)}`]);
  if ('const' in schema) out.push(['const', schema.const === true ? false : 'ñ', `not ${JSON.stringify(schema.const)}`]);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    // a `not` that forbids fields together (both spellings of one field): give them together
    const together = ((schema.not as Schema | undefined)?.anyOf as Schema[] | undefined)?.map((b) => b.required as string[] | undefined) ?? [];
    for (const keys of together.filter((k): k is string[] => Array.isArray(k))) {
      const present = keys.find((k) => Object.hasOwn(value, k));
      const filler = present === undefined ? 'ñ' : (value as Record<string, unknown>)[present];
      out.push(['not', { ...(value as object), ...Object.fromEntries(keys.map((k) => [k, filler])) }, `${keys.join(' and ')} together`]);
    }
    const names = schema.propertyNames as Schema | undefined;
    if (names?.minLength) out.push(['propertyNames', { ...(value as object), '': 1 }, 'an empty key']);
    if (schema.minProperties) out.push(['minProperties', {}, 'no fields at all']);
  }
  return out;
}

function walkBody(sources: Source[], value: Value, at: Segment[], name: string | undefined, tag: string, out: Mutation[]): void {
  const { doc } = loadContract();
  // the subschemas that constrain this same value: allOf members, and a `then` whose `if` holds
  const here: Source[] = [...sources];
  for (const s of sources) {
    const members = Array.isArray(s.node.value.allOf) ? (s.node.value.allOf as unknown[]).map((_, i) => childOf(doc, s.node, 'allOf', i)!) : [];
    if (s.node.value.if && s.node.value.then && ifHolds(s.node.value, value)) members.push(childOf(doc, s.node, 'then')!);
    for (const node of members) here.push({ node, trail: [...s.trail, node] });
  }
  for (const s of here) {
    const path = at.length ? `body.${at.join('.')}` : 'the body';
    const node = written(doc, s.node.pointer);
    const via = provenance().useSite(s.trail.map((n) => n.pointer));
    for (const [keyword, broken, what] of brokenValues(s.node.value, value, name, tag)) {
      const site = { node, keyword, via };
      out.push({ location: 'body', at, keyword, trail: s.trail, site, describe: `${path}: ${what}`, apply: (c) => ({ ...c, body: setAt(c.body, at, broken) }) });
    }
    const required = (s.node.value.required as string[] | undefined) ?? [];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const key of required.filter((k) => Object.hasOwn(value, k))) {
        const where = [...at, key];
        const site = { node, keyword: 'required', property: key, via };
        out.push({ location: 'body', at: where, keyword: 'required', trail: s.trail, site, describe: `${path}: without its required ${key}`, apply: (c) => ({ ...c, body: setAt(c.body, where, REMOVE) }) });
      }
    }
  }
  if (value === null || typeof value !== 'object') return;
  const entries: [Segment, Value][] = Array.isArray(value) ? value.slice(0, 2).map((v, i) => [i, v]) : Object.entries(value);
  for (const [segment, child] of entries) {
    const next = here.flatMap((s) => {
      const node = schemaChild(doc, s.node, segment);
      return node ? [{ node, trail: [...s.trail, node] }] : [];
    });
    if (next.length) walkBody(next, child, [...at, segment], typeof segment === 'string' ? segment : name, tag, out);
  }
}

/** Every single-keyword mutation of a valid case, for its path, query and body. */
export function mutationsOf(op: Operation, c: RequestCase, tag: string): Mutation[] {
  const { doc } = loadContract();
  const out: Mutation[] = [];
  for (const p of parametersOf(op)) {
    const part = p.in;
    const current = part === 'path' ? c.path[p.name] : c.query[p.name];
    if (current === undefined) continue;
    const schema = p.schema.value;
    const trail = [p.node, p.schema];
    const set = (v: Value | typeof REMOVE) => (x: RequestCase): RequestCase => {
      const copy = { ...x[part] };
      if (v === REMOVE) delete copy[p.name];
      else copy[p.name] = String(v);
      return { ...x, [part]: copy };
    };
    const typedValue = schema.type === 'integer' ? Number(current) : schema.type === 'boolean' ? current === 'true' : current;
    for (const [keyword, broken, what] of brokenValues(schema, typedValue, p.name, tag)) {
      // in a URL everything is a string: only types a string cannot be parsed as are broken ones
      if (keyword === 'type' && (typeof broken !== 'string' || schema.type === 'string')) continue;
      const site = { node: written(doc, p.schema.pointer), keyword };
      out.push({ location: part, at: [p.name], keyword, trail, site, describe: `${part} ${p.name}: ${what}`, apply: set(broken) });
    }
    if (p.required && part === 'query') {
      const site = { node: written(doc, p.node.pointer), keyword: 'required' };
      out.push({ location: part, at: [p.name], keyword: 'required', trail, site, describe: `query without its required ${p.name}`, apply: set(REMOVE) });
    }
  }
  const body = bodySchemaOf(op);
  if (body && c.body !== undefined) walkBody([{ node: body, trail: [body] }], c.body, [], undefined, tag, out);
  return out;
}
