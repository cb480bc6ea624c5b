// Type tests of the handler table, typed from the contract's generated `operations`: `npm run
// typecheck` fails if any line marked @ts-expect-error ever compiles, or an expectTypeOf fails.
// (That the table holds exactly the contract's operations at run time is handler-types.test.ts's.)
import { expectTypeOf } from 'vitest';
import { HANDLERS } from '../../src/mock/engine/handlers/index.js';
import type { Body, Handler, Handlers, PathParams } from '../../src/mock/engine/handlers/types.js';

expectTypeOf(HANDLERS).toEqualTypeOf<Handlers>();
expectTypeOf<PathParams<'getContact'>>().toEqualTypeOf<{ contact_id: string }>();
expectTypeOf<Body<'deleteContact'>>().toEqualTypeOf<undefined>();

const { getContact: _dropped, ...incomplete } = HANDLERS;
// @ts-expect-error a table without getContact is not a Handlers
export const missing: Handlers = incomplete;

// @ts-expect-error createContact answers 201, not 200
export const wrongStatus: Handler<'createContact'> = async ({ body }) => ({ status: 200, body: { id: 'x', email: body.email, fullName: null, identityVerified: false, tags: [], documents: [] } });

// @ts-expect-error getContact's path parameter is contact_id
export const wrongParam: Handler<'getContact'> = async ({ params }) => ({ status: 200, body: params.id });

// @ts-expect-error the delete answer's message is a string
export const wrongBody: Handler<'deleteContact'> = async () => ({ status: 200, body: { success: true, message: 42 } });
