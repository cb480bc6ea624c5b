/** A request as every transport hands it to the engine: no server objects in it. */
export interface MockRequest {
  method: string;
  /** the path as sent, still percent-encoded, without the query */
  path: string;
  /** each query parameter's value, or values when given more than once */
  query: Record<string, string | string[]>;
  /** lower-case header names */
  headers: Record<string, string | undefined>;
  /** the body as text, already decoded from its charset and Content-Encoding; undefined when none was sent */
  body?: string | undefined;
  /** the transport could not read the body: the engine answers with the matching error */
  bodyError?: BodyError | undefined;
}

/** The largest request body a transport reads (1 MiB); past it the answer is a 413. */
export const MAX_BODY_BYTES = 2 ** 20;

/** Why a transport could not read a body. */
export type BodyError =
  | { kind: 'too_large' }
  | { kind: 'undecodable' }
  | { kind: 'charset'; message: string }
  | { kind: 'aborted'; message: string };

/**
 * What a fault may do to an answer, the one list of them (Prefer: fault=…, POST /__admin/faults):
 * break the connection before answering, answer an empty body, or cut the body halfway.
 */
export const FAULT_KINDS = ['reset', 'empty', 'truncate'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The faults a transport carries out itself (an empty body is an ordinary answer). */
export type TransportFault = Exclude<FaultKind, 'empty'>;

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  /** the body as text (JSON unless a content-type header says otherwise); '' for none */
  body: string;
  /** the transport breaks the connection: before answering (reset) or halfway through the body (truncate) */
  fault?: TransportFault;
  /** a refusal's code in the error catalogue (engine/http-errors.ts): journaled and logged, never sent */
  code?: string;
}
