import type { Answer } from '../http/client.js';
import { expectTrue, expectStatus, type Basis } from './expect.js';
import { at, isObject } from './read.js';
import type { CheckContext } from '../types.js';
import { on } from '../contract/decided.js';
import { createDocument } from './fixtures.js';

// The reference documents the participant rules but not the document resource that shows them, so
// the rules are read through the contract's inferred shapes: when a shape differs, that read warns
// (naming its decision) and the documented rule behind it is left unchecked, never failed.

export interface ShownParticipant {
  email: string;
  name: string;
  invitedBy: string;
  step?: number | null;
}

/** The participants a document body lists, if it lists them the way the contract says. */
export function participantsIn(res: Answer, what: string, basis: Basis): ShownParticipant[] | undefined {
  const list = at(res.body, 'participants');
  const listed = Array.isArray(list) && list.every((p) => isObject(p) && typeof p.email === 'string');
  return expectTrue(listed, `${what} lists the participants`, res.body, basis) ? (list as ShownParticipant[]) : undefined;
}

/** A document made for the check: created (documented) with the contract's 201 and an id (inferred). */
export async function madeDocument(ctx: CheckContext, participants: Record<string, unknown>[], config?: Record<string, unknown>) {
  const res = await createDocument(ctx, participants, config);
  expectStatus(res, 201, 'POST /v2/documents');
  const id = at(res.body, 'id');
  return { res, id: expectTrue(typeof id === 'string', 'the created document has an id', res.body, on('createDocument')) ? (id as string) : undefined };
}

/** The document as GET /v2/documents/{id} shows it (an inferred operation). */
export async function documentParticipants(ctx: CheckContext, id: string): Promise<ShownParticipant[] | undefined> {
  const got = await ctx.api.get(`/v2/documents/${id}`);
  if (!expectStatus(got, 200, 'GET /v2/documents/{id}', on('getDocument'))) return undefined;
  return participantsIn(got, 'GET /v2/documents/{id}', on('getDocument'));
}
