import express, { type Router } from 'express';
import { Errors } from './errors.js';
import type { RequestJournal } from './journal.js';
import type { MockStore } from './store/store.js';

function intOrUndefined(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw Errors.validation([{ type: 'int_type', loc: ['body', field], msg: `Input should be an integer from ${min} to ${max}`, input: value }]);
  }
  return value;
}

/**
 * The control plane under /__admin (WireMock's convention): what a frontend needs to drive states
 * the public API cannot reach. With a token, every route but health needs `X-Admin-Token`.
 */
export function adminRouter(store: MockStore, journal: RequestJournal, adminToken: string | undefined): Router {
  const router = express.Router();
  const started = Date.now();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000), ...store.counts() });
  });

  router.use((req, _res, next) => {
    if (adminToken && req.get('x-admin-token') !== adminToken) return next(Errors.adminTokenRequired());
    next();
  });

  router.get('/tenants', (_req, res) => {
    res.json(
      store.apiKeys().map((k) => ({ tenant: k.tenant, apiKey: k.key, email: k.email, contacts: store.tenant(k.tenant).contacts.size })),
    );
  });

  router.post('/reset', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const contacts = intOrUndefined(body.contacts, 'contacts', 0, 1_000_000);
    store.reset(contacts);
    journal.clear();
    res.json({ status: 'reset', ...store.counts() });
  });

  router.get('/requests', (req, res) => {
    const limit = req.query.limit === undefined ? undefined : Number(req.query.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw Errors.validation([{ type: 'int_parsing', loc: ['query', 'limit'], msg: 'Input should be a positive integer', input: req.query.limit }]);
    }
    res.json({ requests: journal.list(limit), capacity: journal.capacity });
  });

  router.delete('/requests', (_req, res) => {
    journal.clear();
    res.json({ status: 'cleared' });
  });

  router.post('/contacts/:id/verify-identity', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.verified !== undefined && typeof body.verified !== 'boolean') {
      throw Errors.validation([{ type: 'bool_type', loc: ['body', 'verified'], msg: 'Input should be a valid boolean', input: body.verified }]);
    }
    const result = store.setIdentityVerified(req.params.id, body.verified ?? true);
    if (!result.ok) throw Errors.fromFailure(result);
    res.json(result.value);
  });

  router.post('/documents/:id/sign', (req, res) => {
    const email = ((req.body ?? {}) as Record<string, unknown>).email;
    if (typeof email !== 'string' || !email) {
      throw Errors.validation([{ type: 'missing', loc: ['body', 'email'], msg: 'Field required: the email of the participant who signs', input: req.body ?? null }]);
    }
    const result = store.signDocument(req.params.id, email);
    if (!result.ok) throw Errors.fromFailure(result);
    res.json(result.value);
  });

  return router;
}
