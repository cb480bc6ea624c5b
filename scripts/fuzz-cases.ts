// Invalid and hostile requests for every operation of the contract and the control plane, drawn by
// fast-check from a seed, sent over real HTTP, and the invariants every answer must keep. Used by
// the fuzz test in `npm test` (a few thousand requests) and by `npm run fuzz` (a hundred thousand).
import fc from 'fast-check';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { contractDocument, loadContract, type Operation } from '../src/contract/index.js';
import { isImplemented } from '../src/mock/engine/methods.js';

export interface FuzzCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** what the case is made of, to reproduce a failure */
  label: string;
}

const contract = loadContract();
const KEYS = ['sk_test_demo_a', 'sk_test_demo_b'];
const UUID = '00000000-0000-4000-8000-000000000000';

/** `value` with this probability, undefined otherwise. */
function sometimes<T>(value: fc.Arbitrary<T>, probability: number): fc.Arbitrary<T | undefined> {
  const weight = Math.round(probability * 100);
  return fc.oneof({ weight, arbitrary: value }, { weight: 100 - weight, arbitrary: fc.constant(undefined) });
}

/** Strings that have broken parsers and validators before: odd Unicode, escapes, numbers that are not numbers. */
const nasty = fc.oneof(
  fc.constantFrom('', ' ', '0', '-0', '1e309', '-1e309', 'Infinity', 'NaN', '0x10', '1e3', '16.0', '99999999999999999999', '-1', 'null', 'true', '[]', '{}'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '\u0000', '\ud800', '\udfff', '\u202e', '\ufeff', '👩‍👩‍👧‍👦', 'ǅ', 'ﬀ', '%', '%ZZ', '%E0%A4', '../..', '%2F', '<script>', "' OR 1=1 --"),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 3000 }),
);

/** A JSON text: mostly valid values of any shape, sometimes not JSON at all, too deep, or hostile. */
const jsonText = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.dictionary(nasty, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 5000 }).map((d) => '['.repeat(d) + ']'.repeat(d)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => JSON.stringify({ contacts: Array(n).fill({ email: 1 }), contactIds: Array(n).fill(7), remove: Array(n).fill(0), participants: Array(n).fill({}) })) },
  { weight: 1, arbitrary: fc.constantFrom('{"__proto__":{"admin":true},"email":"p@example.com"}', '{"set":{"__proto__":1,"constructor":{"prototype":{}}}}', '1e309', '{"email":"\\ud800@example.com"}', '{', '[1,]', 'nul', '\u0000') },
  { weight: 1, arbitrary: nasty },
);

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  { weight: 3, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=klingon', 'application/merge-patch+json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json;;;') },
);

function pathFor(op: Operation | undefined, segment: string): string {
  if (!op) return `/v2/${segment}`;
  return op.path.replace(/\{[^}]+\}/g, () => segment);
}

/** percent-encoded; lone surrogates (which encodeURIComponent refuses) become U+FFFD first */
const encode = (s: string) => encodeURIComponent(s.toWellFormed());

const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constant(UUID) },
  { weight: 3, arbitrary: nasty.map(encode) },
  { weight: 1, arbitrary: fc.constantFrom('%ZZ', '%', '%E0%A4', 'a%2Fb', '..', 'x'.repeat(5000)) },
);

/** Values for a declared parameter: its type's boundaries, the contract's enums, and the nasty strings. */
function paramValue(schema: Record<string, unknown>): fc.Arbitrary<string> {
  const typed: fc.Arbitrary<string>[] = [nasty];
  if (schema.type === 'integer') typed.push(fc.constantFrom('0', '1', '2', '25', '100', '101', '10001', '2147483648', '9007199254740993', '-1'), fc.integer().map(String));
  if (schema.type === 'boolean') typed.push(fc.constantFrom('true', 'false', 'yes', 'no', '1', '0', 'on'));
  if (schema.type === 'string') typed.push(fc.string({ unit: 'grapheme', minLength: 2, maxLength: 20 }), fc.constantFrom('ma', 'garcia', 'a', 'zz', '@example.com'));
  if (Array.isArray(schema.enum)) typed.push(fc.constantFrom(...(schema.enum as string[])));
  return fc.oneof(...typed);
}

function typedValue(schema: Record<string, unknown>): fc.Arbitrary<string> {
  if (schema.type === 'integer') return fc.constantFrom('1', '2', '25', '100', '10001', '2147483648');
  if (schema.type === 'boolean') return fc.constantFrom('true', 'false');
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]));
  return fc.oneof(fc.string({ unit: 'grapheme', minLength: 2, maxLength: 12 }), fc.constantFrom('ma', 'garcia', '👩‍👩‍👧', 'ǅ'));
}

/** A query that validates: what reaches the handler with unusual but legal values. */
function validQueryFor(op: Operation): fc.Arbitrary<string> {
  const declared = op.queryParameters;
  const names = Object.keys(declared);
  if (names.length === 0) return fc.constant('');
  return fc.subarray(names).chain((picked) => fc.tuple(...picked.map((n) => typedValue(declared[n]!).map((v) => `${n}=${encode(v)}`)))).map((pairs) => pairs.join('&'));
}

/** The objects of a JSON value: itself, then those nested in it (a bulk item, a participant, custom fields). */
function objectsIn(value: unknown): Record<string, unknown>[] {
  if (value === null || typeof value !== 'object') return [];
  const nested = Object.values(value).flatMap(objectsIn);
  return Array.isArray(value) ? nested : [value as Record<string, unknown>, ...nested];
}

/**
 * The contract's own request example for an operation, with one field changed or dropped at any
 * depth: a participant's name as well as the document's.
 */
function bodyNear(op: Operation): fc.Arbitrary<string | undefined> {
  const raw = (contractDocument().paths[op.path]?.[op.method] as { requestBody?: { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> } } | undefined)?.requestBody;
  const examples = Object.values(raw?.content?.['application/json']?.examples ?? {})
    .map((e) => e.value)
    .filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v));
  if (examples.length === 0) return fc.constant(undefined);
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), nasty);
  return fc.tuple(fc.constantFrom(...examples), fc.integer({ min: 0, max: 3 }), value, fc.string({ unit: 'grapheme', maxLength: 30 }), fc.nat()).map(([example, how, value, text, at]) => {
    const copy = structuredClone(example);
    const objects = objectsIn(copy);
    const target = objects[at % objects.length]!;
    const keys = Object.keys(target);
    const key = keys.length ? keys[text.length % keys.length]! : undefined;
    if (how === 1 && key !== undefined) target[key] = value;
    if (how === 2 && key !== undefined) delete target[key];
    if (how === 3) target[text || '_'] = value;
    if (typeof copy.email === 'string') copy.email = `${text.length}.${copy.email}`;
    return JSON.stringify(copy);
  });
}

function queryFor(op: Operation | undefined): fc.Arbitrary<string> {
  const declared = op?.queryParameters ?? {};
  const names = Object.keys(declared);
  const pair = names.length
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names).chain((n) => paramValue(declared[n]!).map((v) => [n, v] as const)) }, { weight: 1, arbitrary: fc.tuple(nasty, nasty) })
    : fc.tuple(fc.constantFrom('page', 'q', 'limit', 'tenant'), nasty);
  return fc.array(pair, { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));
}

const auth = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KEYS.map((k) => `Bearer ${k}`)) },
  { weight: 2, arbitrary: fc.constantFrom('', 'Bearer', 'Bearer  ', 'Basic Zm9vOmJhcg==', 'bearer sk_test_demo_a', 'Bearer sk_nope', 'Bearer sk_test_demo_a extra') },
  { weight: 1, arbitrary: nasty.map((s) => `Bearer ${s.replace(/[^\x21-\x7e]/g, 'x')}`) },
);

// no preference that asks for a failure: a 5xx the client asked for is not a failure of the mock
const prefer = sometimes(fc.constantFrom('code=200', 'code=201', 'code=404', 'code=409', 'code=422', 'code=418', 'code=abc', 'example=x', 'return=minimal', 'wait=5'), 0.15);

const operationOrNot = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...contract.operations) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const adminPath = fc.constantFrom('/__admin/health', '/__admin/reset', '/__admin/requests', '/__admin/faults', `/__admin/faults/f1`, `/__admin/contacts/${UUID}/verify-identity`, '/__admin/contacts/%ZZ/verify-identity', `/__admin/documents/${UUID}/sign`, '/__admin/tenants', '/__admin/nothing');

/** A request of one operation that is right but for one thing, or for nothing: it reaches the handler. */
const nearlyValid: fc.Arbitrary<FuzzCase> = fc.constantFrom(...contract.operations).chain((op) =>
  fc.record({ query: validQueryFor(op), body: bodyNear(op), key: fc.constantFrom(...KEYS), segment: fc.constantFrom(UUID, encode('nadie@example.com')) }).map(({ query, body, key, segment }) => {
    const path = `${pathFor(op, segment)}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const method = op.method.toUpperCase();
    return { method, path, headers, body: body === undefined ? undefined : Buffer.from(body), label: `${method} ${path.slice(0, 120)}${body ? ` ${body.slice(0, 80)}` : ''}` };
  }),
);

const hostile: fc.Arbitrary<FuzzCase> = operationOrNot
  .chain((op) => fc.record({
    admin: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
    op: fc.constant(op),
    adminPath,
    methodSwap: sometimes(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE'), 0.1),
    segment,
    query: queryFor(op),
    auth,
    prefer,
    contentType,
    body: sometimes(jsonText, 0.9),
    gzip: fc.constantFrom('none', 'none', 'none', 'none', 'gzip', 'garbage-gzip', 'br-garbage'),
    origin: sometimes(fc.constantFrom('http://evil.example', 'http://localhost:5173', 'null'), 0.1),
  }))
  .map((c) => {
    const method = c.methodSwap ?? (c.admin ? 'POST' : (c.op?.method.toUpperCase() ?? 'GET'));
    const base = c.admin && !c.adminPath.includes('reset') ? c.adminPath : pathFor(c.op, c.segment);
    const path = c.query ? `${base}?${c.query}` : base;
    const headers: Record<string, string> = {};
    if (c.auth) headers.authorization = c.auth;
    if (c.prefer) headers.prefer = c.prefer;
    if (c.origin) headers.origin = c.origin;
    let body: Buffer | undefined;
    if (c.body !== undefined && method !== 'GET' && method !== 'HEAD') {
      if (c.contentType) headers['content-type'] = c.contentType;
      body = Buffer.from(c.body, 'utf8');
      if (c.gzip === 'gzip') body = gzipSync(body);
      if (c.gzip !== 'none') headers['content-encoding'] = c.gzip === 'br-garbage' ? 'br' : 'gzip';
    }
    return { method, path, headers, body, label: `${method} ${path.slice(0, 120)}${body ? ` (${body.length} bytes ${headers['content-type'] ?? 'no type'}${headers['content-encoding'] ? `, ${headers['content-encoding']}` : ''})` : ''}` };
  });

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof({ weight: 2, arbitrary: hostile }, { weight: 1, arbitrary: nearlyValid });

export interface Exchange {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request over a fresh connection; rejects only when no answer came at all. */
export function send(port: number, c: FuzzCase, timeoutMs = 10_000): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: c.method, path: c.path, headers: { ...c.headers, connection: 'close', ...(c.body ? { 'content-length': String(c.body.length) } : {}) }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(c.body);
  });
}

function isErrorBody(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const detail = (body as { detail?: unknown }).detail;
  if (typeof detail === 'string') return true;
  return (
    Array.isArray(detail) &&
    detail.length > 0 &&
    detail.every((d) => d !== null && typeof d === 'object' && typeof d.type === 'string' && typeof d.msg === 'string' && Array.isArray(d.loc) && d.loc.every((l: unknown) => typeof l === 'string' || typeof l === 'number'))
  );
}

/** What is wrong with an answer, or undefined: no 5xx, errors are JSON in FastAPI's shape, successes match the contract. */
export function violation(c: FuzzCase, res: Exchange): string | undefined {
  // RFC 9110: a method no resource here has is a 501, and every 405 names the methods in Allow
  if (res.status === 501 && !isImplemented(c.method)) return undefined;
  if (res.status >= 500) return `a ${res.status}`;
  if (res.status === 405 && !res.headers.allow) return 'a 405 without Allow';
  if (c.method === 'HEAD' || res.status === 204 || res.status === 304) return undefined;
  const type = String(res.headers['content-type'] ?? '');
  if (res.status >= 400) {
    if (!type.startsWith('application/json')) return `a ${res.status} with content type ${type || '(none)'}`;
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      return `a ${res.status} whose body is not JSON: ${res.text.slice(0, 200)}`;
    }
    if (!isErrorBody(body)) return `a ${res.status} not in FastAPI's shape: ${res.text.slice(0, 200)}`;
    return undefined;
  }
  const path = c.path.split('?')[0]!;
  const match = contract.match(c.method, path);
  if (match.operation && type.startsWith('application/json')) {
    const check = match.operation.validateResponse(res.status, JSON.parse(res.text));
    if (!check.ok) return `a ${res.status} that does not match the contract: ${check.errors.join('; ')}`;
  }
  return undefined;
}

export interface FuzzReport {
  requests: number;
  statuses: Record<string, number>;
  failures: { label: string; problem: string }[];
  ms: number;
}

/** Sends `count` cases drawn from `seed`, `concurrency` at a time, and collects every violation. */
export async function fuzz(port: number, { count, seed, concurrency = 8, onProgress }: { count: number; seed: number; concurrency?: number; onProgress?: (done: number) => void }): Promise<FuzzReport> {
  const started = Date.now();
  const statuses: Record<string, number> = {};
  const failures: FuzzReport['failures'] = [];
  const batch = 500;
  let done = 0;
  for (let from = 0; from < count; from += batch) {
    const cases = fc.sample(fuzzCase, { seed: seed + from, numRuns: Math.min(batch, count - from) });
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < cases.length) {
          const c = cases[next++]!;
          try {
            const res = await send(port, c);
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            const problem = violation(c, res);
            if (problem) failures.push({ label: c.label, problem });
          } catch (error) {
            failures.push({ label: c.label, problem: `no answer: ${(error as Error).message}` });
          }
          done++;
        }
      }),
    );
    onProgress?.(done);
  }
  return { requests: done, statuses, failures, ms: Date.now() - started };
}
