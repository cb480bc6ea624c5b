import fc from 'fast-check';
import { nodeAt, type OpenApiDocument } from '../../contract/index.js';

type Schema = Record<string, unknown>;

/**
 * Code points that break naive handling: emoji and astral letters (two UTF-16 units), combining and
 * zero-width marks, right-to-left text, case folding that changes length (İ, ß), quotes, markup.
 * One code point each, so a string of n of them has the length JSON Schema counts.
 */
const ODD = ['😀', '🎉', '𝕏', 'ñ', 'Ñ', 'é', '\u0301', 'İ', 'ß', 'ǅ', '\u200b', '\u200d', '\u202e', 'ע', '中', 'Ж', '\ufeff', '\t', ' ', '"', "'", '\\', '<', '%', '/'];
const oddUnit = fc.constantFrom(...ODD);

/** Properties that hold email addresses: always the run's own, at example.com (nobody is ever emailed). */
export const EMAIL_FIELDS = new Set(['email', 'invitedBy']);

/** WhatsApp numbers get invitations: only the reference's own example numbers, as the hand-written checks use. */
const WHATSAPP = fc.constantFrom('+525512345678', '+525587654321');

export interface ValueContext {
  doc: OpenApiDocument;
  /** addresses tagged with the run id at example.com */
  email: fc.Arbitrary<string>;
}

export function resolve(doc: OpenApiDocument, schema: unknown): Schema {
  const ref = (schema as Schema | undefined)?.$ref;
  return typeof ref === 'string' ? nodeAt(doc, ref)!.value : ((schema ?? {}) as Schema);
}

/** A copy of `base` that also meets `extra` (properties, items, required): the `then` of an if/then. */
function merged(doc: OpenApiDocument, base: Schema, extra: Schema): Schema {
  const out: Schema = { ...base };
  if (extra.required) out.required = [...new Set([...((base.required as string[]) ?? []), ...(extra.required as string[])])];
  if (extra.items) out.items = merged(doc, resolve(doc, base.items), resolve(doc, extra.items));
  if (extra.properties) {
    const props: Record<string, unknown> = { ...(base.properties as Schema) };
    for (const [key, value] of Object.entries(extra.properties as Schema)) props[key] = merged(doc, resolve(doc, props[key]), resolve(doc, value));
    out.properties = props;
  }
  return out;
}

/** Two UTF-16 units each: what breaks code that counts or slices by units. */
const ASTRAL = ['😀', '🎉', '👍', '𝕏'];

export function stringOf(min: number, max: number | undefined): fc.Arbitrary<string> {
  const cap = Math.min(max ?? min + 30, min + 30);
  const side = Math.max(0, Math.floor((cap - 1) / 2));
  // ordinary text with one emoji in it: the commonest way real input breaks a server
  const word = fc.string({ unit: 'grapheme-ascii', maxLength: side });
  const withEmoji = fc.tuple(word, fc.constantFrom(...ASTRAL), word).map(([a, e, b]) => `${a}${e}${b}`);
  const arbs: fc.WeightedArbitrary<string>[] = [
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: cap }) },
    { weight: 3, arbitrary: fc.string({ unit: oddUnit, minLength: Math.max(min, 1), maxLength: Math.max(cap, 1) }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: cap }) },
  ];
  if (cap >= 1 && min <= cap) arbs.push({ weight: 2, arbitrary: withEmoji.filter((s) => [...s].length >= min) });
  if (max !== undefined) arbs.push({ weight: 1, arbitrary: fc.constantFrom(min, max).map((n) => 'ñ'.repeat(n)) });
  return fc.oneof(...arbs);
}

function integerOf(min: number | undefined, max: number | undefined): fc.Arbitrary<number> {
  const lo = min ?? -(2 ** 31);
  const hi = max ?? 2 ** 31 - 1;
  const edges = [lo, hi, lo + 1, hi - 1, 0, 10_001, 65_536, 2 ** 31 - 1].filter((n) => n >= lo && n <= hi);
  return fc.oneof({ weight: 3, arbitrary: fc.integer({ min: lo, max: hi }) }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

function keyOf(schema: Schema): fc.Arbitrary<string> {
  const names = (schema.propertyNames ?? {}) as Schema;
  const min = (names.minLength as number | undefined) ?? 0;
  return fc.oneof(stringOf(min, names.maxLength as number | undefined), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'));
}

function typed(ctx: ValueContext, schema: Schema, type: string, name: string | undefined): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerOf(schema.minimum as number | undefined, schema.maximum as number | undefined);
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum as number | undefined, max: schema.maximum as number | undefined });
    case 'array':
      return fc.array(valueOf(ctx, schema.items ?? {}), {
        minLength: (schema.minItems as number | undefined) ?? 0,
        maxLength: Math.min((schema.maxItems as number | undefined) ?? 4, ((schema.minItems as number | undefined) ?? 0) + 4),
      });
    case 'object':
      return objectOf(ctx, schema);
    default:
      if (schema.format === 'email' || (name && EMAIL_FIELDS.has(name))) return ctx.email;
      if (name === 'whatsapp') return WHATSAPP;
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern));
      return stringOf((schema.minLength as number | undefined) ?? 0, schema.maxLength as number | undefined);
  }
}

function objectOf(ctx: ValueContext, schema: Schema): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Schema;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(properties)) model[key] = valueOf(ctx, value, key);
  const record = fc.record(model, { requiredKeys: ((schema.required as string[]) ?? []).filter((k) => k in model) });
  if (schema.additionalProperties !== true) return record;
  return fc.tuple(record, fc.dictionary(keyOf(schema), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })).map(([known, extra]) => Object.assign(extra, known));
}

/**
 * Values a schema allows (mostly: combinators are left to the contract's validator, which filters).
 * An if/then is drawn both with and without its `then`, so the conditional branch comes up often.
 */
export function valueOf(ctx: ValueContext, raw: unknown, name?: string): fc.Arbitrary<unknown> {
  const schema = resolve(ctx.doc, raw);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if (schema.if && schema.then) {
    const { if: _if, then, ...base } = schema;
    return fc.oneof(valueOf(ctx, base, name), valueOf(ctx, merged(ctx.doc, base, resolve(ctx.doc, then)), name));
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type as string] : schema.properties ? ['object'] : ['string'];
  const arbs = types.map((t) => ({ weight: t === 'null' ? 1 : 4, arbitrary: typed(ctx, schema, t, name) }));
  return arbs.length === 1 ? arbs[0]!.arbitrary : fc.oneof(...arbs);
}
