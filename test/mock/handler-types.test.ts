import { describe, expect, it } from 'vitest';
import { HANDLERS } from '../../src/mock/engine/handlers/index.js';
import type { Handler, Handlers } from '../../src/mock/engine/handlers/types.js';

// The handler table is typed from the contract's generated `operations`: `npm run typecheck` fails
// if any line marked @ts-expect-error below ever compiles.

describe('handlers typed by operation', () => {
  it('cover every operation, each with the contract’s own types', () => {
    const { getContact: _dropped, ...incomplete } = HANDLERS;
    // @ts-expect-error a table without getContact is not a Handlers
    const missing: Handlers = incomplete;

    // @ts-expect-error createContact answers 201, not 200
    const wrongStatus: Handler<'createContact'> = async ({ body }) => ({ status: 200, body: { id: 'x', email: body.email, fullName: null, identityVerified: false, tags: [], documents: [] } });

    // @ts-expect-error getContact's path parameter is contact_id
    const wrongParam: Handler<'getContact'> = async ({ params }) => ({ status: 200, body: params.id });

    // @ts-expect-error the delete answer's message is a string
    const wrongBody: Handler<'deleteContact'> = async () => ({ status: 200, body: { success: true, message: 42 } });

    expect([missing, wrongStatus, wrongParam, wrongBody].every((x) => x !== null)).toBe(true);
    expect(Object.keys(HANDLERS)).toHaveLength(15);
  });
});
