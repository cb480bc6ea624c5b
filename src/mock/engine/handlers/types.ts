import type { OperationId, operations } from '../../../types/index.js';
import type { Service } from '../../domain/service.js';
import type { ItemJsonCache } from '../list-json.js';

// Handler types derived from the generated `operations`: a handler receives the contract's own
// types for its path parameters, query and body, and answers one of the contract's success shapes.

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Present<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;
type Responses<K extends OperationId> = operations[K]['responses'];
type SuccessStatus<K extends OperationId> = Extract<keyof Responses<K>, 200 | 201 | 204>;

export type PathParams<K extends OperationId> = Present<operations[K]['parameters']['path']>;
export type Query<K extends OperationId> = Present<operations[K]['parameters']['query']>;
export type Body<K extends OperationId> = operations[K] extends { requestBody: infer R } ? Json<NonNullable<R>> : undefined;
declare const jsonOf: unique symbol;
/** JSON text already written, of a value of type T (what `JSON.stringify` would have written for it). */
export type JsonText<T> = string & { readonly [jsonOf]?: T };

/** A success of the contract: its body, or that body already written as JSON (`text`). */
export type Reply<K extends OperationId> = {
  [S in SuccessStatus<K>]: { status: S; body: Json<Responses<K>[S]> } | { status: S; text: JsonText<Json<Responses<K>[S]>> };
}[SuccessStatus<K>];

/** Who calls: the tenant of the API key, and the user that owns the key (the default `invitedBy`). */
export interface Caller {
  tenant: string;
  owner: string;
}

export interface HandlerContext<K extends OperationId, Q = Query<K>> {
  service: Service;
  /** list items already written as JSON, kept across requests (engine/list-json.ts) */
  listItems: ItemJsonCache;
  caller: Caller;
  params: PathParams<K>;
  query: Q;
  body: Body<K>;
}

export interface Handler<K extends OperationId> {
  (ctx: HandlerContext<K>): Promise<Reply<K>>;
  /** query parameters the contract gives a default, so the validated query always has them */
  defaulted?: readonly string[];
}

/** Every operation of the contract has its handler: a missing one does not compile. */
export type Handlers = { [K in OperationId]: Handler<K> };

/**
 * A handler whose query has these parameters filled in (the contract's defaults, applied by the
 * validation); the engine checks at start that the contract does give them defaults.
 */
export function withDefaults<K extends OperationId, D extends keyof Query<K> & string>(
  defaulted: readonly D[],
  handler: (ctx: HandlerContext<K, Query<K> & Required<Pick<Query<K>, D>>>) => Promise<Reply<K>>,
): Handler<K> {
  const typed = handler as Handler<K>;
  typed.defaulted = defaulted;
  return typed;
}
