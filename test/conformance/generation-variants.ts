import express, { type Express, type Request } from 'express';
import { KEY_A, KEY_B } from './helpers.js';

// The mock with a bug that only generated requests reach: each an outer Express app around
// createMockApp(...), altering requests or answers at the HTTP level, so they keep working however
// the mock is built inside. generation-variants.test.ts proves each is caught by a named generic
// check, and that the hand-written checks alone let it through.

const EMOJI = /\p{Extended_Pictographic}/u;
const NAME_KEYS = new Set(['full_name', 'fullName', 'name']);
const TEXT_KEYS = new Set(['full_name', 'fullName', 'phone', 'company', 'job_title', 'jobTitle', 'notes']);

/** Values under the given keys anywhere in a body. */
function valuesUnder(body: unknown, keys: Set<string>): unknown[] {
  if (Array.isArray(body)) return body.flatMap((item) => valuesUnder(item, keys));
  if (body === null || typeof body !== 'object') return [];
  return Object.entries(body).flatMap(([key, value]) => (keys.has(key) ? [value] : valuesUnder(value, keys)));
}

function outside(app: Express, middleware: express.RequestHandler): Express {
  const outer = express();
  // the inner app sees the parsed body (body-parser skips a request already read)
  outer.use(express.json({ limit: '1mb', strict: false, type: ['application/json', 'application/*+json'] }));
  outer.use(middleware);
  outer.use(app);
  return outer;
}

const serverError = (res: express.Response) => res.status(500).json({ detail: 'Internal Server Error' });

/** A name with an emoji crashes the server (a column in a 3-byte charset, say). */
export function emojiNameCrashes(app: Express): Express {
  return outside(app, (req, res, next) => {
    if (valuesUnder(req.body, NAME_KEYS).some((v) => typeof v === 'string' && EMOJI.test(v))) return void serverError(res);
    next();
  });
}

/** A search with an emoji takes the worker down: the connection closes without an answer. */
export function emojiSearchHangsUp(app: Express): Express {
  return outside(app, (req, _res, next) => {
    if (req.method === 'GET' && req.path === '/v2/contacts' && EMOJI.test(String(req.query.search ?? ''))) return void req.socket.destroy();
    next();
  });
}

/** A page past 10,000 crashes the list (an offset overflow). */
export function deepPageCrashes(app: Express): Express {
  return outside(app, (req, res, next) => {
    if (req.method === 'GET' && req.path === '/v2/contacts' && Number(req.query.page) > 10_000) return void serverError(res);
    next();
  });
}

/** Numbers and booleans in a contact's text fields are turned into strings instead of refused (lenient parsing). */
export function coercesScalarsToText(app: Express): Express {
  const coerce = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(coerce);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, TEXT_KEYS.has(k) && (typeof v === 'number' || typeof v === 'boolean') ? String(v) : coerce(v)]));
  };
  return outside(app, (req, _res, next) => {
    if (req.path.startsWith('/v2/contacts') && req.body && typeof req.body === 'object') req.body = coerce(req.body);
    next();
  });
}

/** A deleted contact is only hidden from reads: updates to it still answer 200 (a soft delete). */
export function softDelete(app: Express): Express {
  const deleted = new Set<string>();
  const contactId = (req: Request) => /^\/v2\/contacts\/([0-9a-f-]{36})(\/custom-fields)?$/.exec(req.path)?.[1];
  return outside(app, (req, res, next) => {
    const id = contactId(req);
    if (id && deleted.has(id) && (req.method === 'PUT' || req.method === 'PATCH')) {
      return void res.status(200).json({ id, email: 'deleted@example.com', fullName: null, identityVerified: false, tags: [], documents: [] });
    }
    if (id && req.method === 'DELETE' && !req.path.endsWith('/custom-fields')) res.on('finish', () => res.statusCode === 200 && deleted.add(id));
    next();
  });
}

/** Bulk create without a key falls back to a service account (tenant A) when the body is a real import. */
export function anonymousBulkImport(app: Express): Express {
  return outside(app, (req, _res, next) => {
    const contacts = (req.body as { contacts?: unknown } | undefined)?.contacts;
    if (req.method === 'POST' && req.path === '/v2/contacts/bulk' && !req.get('authorization') && Array.isArray(contacts) && contacts.length > 0) {
      req.headers.authorization = `Bearer ${KEY_A}`;
    }
    next();
  });
}

/** Participant names outside Latin-1 are refused as invalid (a legacy encoding), though the contract allows any. */
export function latinOnlyParticipantNames(app: Express): Express {
  return outside(app, (req, res, next) => {
    const participants = (req.body as { participants?: unknown } | undefined)?.participants;
    // only for a valid key: refusing before authenticating would be a second bug
    const known = [KEY_A, KEY_B].some((key) => req.get('authorization') === `Bearer ${key}`);
    if (req.method !== 'POST' || !req.path.startsWith('/v2/documents') || !Array.isArray(participants) || !known) return next();
    const i = participants.findIndex((p) => typeof p?.name === 'string' && [...(p.name as string)].some((ch) => ch.codePointAt(0)! > 0xff));
    if (i < 0) return next();
    res.status(422).json({ detail: [{ type: 'value_error', loc: ['body', 'participants', i, 'name'], msg: 'Value error, only Latin-1 names', input: participants[i].name }] });
  });
}
