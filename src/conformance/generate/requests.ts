import fc from 'fast-check';
import type { Operation } from '../../contract/index.js';
import { bodySchemaOf, parametersOf, type RequestCase } from './operation-parts.js';
import { valueOf, type ValueContext } from './values.js';

export { bodySchemaOf, parametersOf, type Parameter, type RequestCase } from './operation-parts.js';

export function urlOf(op: Operation, c: RequestCase): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_all, name: string) => encodeURIComponent(c.path[name] ?? ''));
  const query = new URLSearchParams(c.query).toString();
  return query ? `${path}?${query}` : path;
}

/** What the contract's own validators (those the mock uses) say of a request. */
export function isValid(op: Operation, c: RequestCase): boolean {
  if (!op.validatePath(c.path).ok || !op.validateQuery(c.query).ok) return false;
  // the body validator fills defaults in place; the case must stay as generated
  return !op.hasRequestBody || op.validateBody(c.body === undefined ? undefined : structuredClone(c.body)).ok;
}

/**
 * Rules the schema cannot say, applied so that a valid case stays valid: participants of a request
 * have distinct emails after lower-casing (shrinking tends to make them all equal).
 */
function distinctParticipants(body: unknown): unknown {
  const participants = (body as { participants?: { email?: unknown }[] } | undefined)?.participants;
  if (!Array.isArray(participants)) return body;
  const seen = new Set<string>();
  participants.forEach((p, i) => {
    if (typeof p?.email !== 'string') return;
    let email = p.email;
    if (seen.has(email.toLowerCase())) email = email.replace('@', `.${i}@`);
    seen.add(email.toLowerCase());
    p.email = email;
  });
  return body;
}

const asQueryValue = (value: unknown) => String(value);

/** Valid requests for an operation: every parameter and body drawn from the contract's schemas. */
export function validCases(op: Operation, ctx: ValueContext): fc.Arbitrary<RequestCase> {
  const params = parametersOf(op);
  const path: Record<string, fc.Arbitrary<string>> = {};
  const query: Record<string, fc.Arbitrary<string>> = {};
  for (const p of params) {
    const arb = valueOf(ctx, p.schema.value, p.name).map(asQueryValue);
    if (p.in === 'path') path[p.name] = arb;
    else query[p.name] = arb;
  }
  const requiredQuery = params.filter((p) => p.in === 'query' && p.required).map((p) => p.name);
  const bodySchema = bodySchemaOf(op);
  const body = bodySchema ? valueOf(ctx, bodySchema.value).map(distinctParticipants) : fc.constant(undefined);
  return fc
    .record({ path: fc.record(path), query: fc.record(query, { requiredKeys: requiredQuery }), body })
    .map((c) => (c.body === undefined ? { path: c.path, query: c.query } : c))
    .filter((c) => isValid(op, c));
}
