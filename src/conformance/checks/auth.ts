import { loadContract } from '../../contract/index.js';
import { expectEqual, expectStatus, expectTrue } from './expect.js';
import type { Check, CheckContext } from '../types.js';
import { DECIDED, on } from '../contract/decided.js';
import { REF, UNKNOWN_ID } from './fixtures.js';

const contract = loadContract();

/** Every operation of the contract, with dummy ids and a valid-looking body. */
function everyOperation(ctx: CheckContext) {
  return contract.operations.map((op) => ({
    op,
    path: op.path.replace('{contact_id}', UNKNOWN_ID).replace('{document_id}', UNKNOWN_ID).replace('{email}', encodeURIComponent(ctx.email('auth'))) +
      (op.operationId === 'autocompleteContacts' ? '?q=ab' : ''),
    body: op.hasRequestBody ? {} : undefined,
  }));
}

async function rejectsEverywhere(ctx: CheckContext, client: 'none' | 'bad', detail: string) {
  for (const { op, path, body } of everyOperation(ctx)) {
    const res = await ctx.anonymous.request(op.method.toUpperCase(), path, body, client === 'bad' ? { authorization: 'Bearer sk_conformance_not_a_key' } : {});
    const what = `${op.method.toUpperCase()} ${op.path} ${client === 'none' ? 'without a key' : 'with a made-up key'}`;
    // refused is documented (the key is the tenant's credential); that the refusal is exactly 401 is the
    // contract's choice (a 403, or a 405 where an implementation has no such operation, refuses too)
    expectTrue(res.status >= 400 && res.status < 500, `${what} is refused (a 4xx)`, res.status);
    expectStatus(res, 401, what, on('unauthorized'));
    if (detail) expectEqual(res.body, { detail }, `${op.operationId} 401 body`);
  }
}

export const authChecks: Check[] = [
  {
    id: 'auth.missing-key-401',
    title: 'every operation answers 401 without an API key',
    operations: contract.operations.map((op) => op.operationId),
    provenance: 'documented',
    reference: REF.auth,
    kind: 'negative',
    creates: false,
    run: (ctx) => rejectsEverywhere(ctx, 'none', ''),
  },
  {
    id: 'auth.bad-key-401',
    title: 'every operation answers 401 with a made-up API key',
    operations: contract.operations.map((op) => op.operationId),
    provenance: 'documented',
    reference: REF.auth,
    kind: 'negative',
    creates: false,
    run: (ctx) => rejectsEverywhere(ctx, 'bad', ''),
  },
  {
    id: 'auth.error-bodies',
    title: 'the 401 bodies are FastAPI’s: Not authenticated, Invalid API key',
    operations: ['listContacts'],
    provenance: 'inferred',
    decision: DECIDED.unauthorized,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectEqual((await ctx.anonymous.get('/v2/contacts')).body, { detail: 'Not authenticated' }, 'no key');
      expectEqual((await ctx.anonymous.request('GET', '/v2/contacts', undefined, { authorization: 'Bearer sk_conformance_not_a_key' })).body, { detail: 'Invalid API key' }, 'a made-up key');
    },
  },
];
