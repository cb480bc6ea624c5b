import { DomainError } from '../domain/errors.js';
import { StoreFullError } from '../port/errors.js';
import { ApiError, Errors } from './http-errors.js';
import { parseJsonBody } from './json-body.js';
import { fromProblem } from './problems.js';
import type { BodyError, MockRequest, MockResponse } from './types.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const INTERNAL_ERROR = JSON.stringify({ detail: 'Internal Server Error' });

/** A JSON answer; a body that cannot be written as JSON is a 500, never a thrown error. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): MockResponse {
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch {
    return { status: 500, headers: { 'Content-Type': JSON_TYPE }, body: INTERNAL_ERROR };
  }
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: text };
}

/** Any refusal or failure as FastAPI's answer; what is not the client's fault is logged and is a 500. */
export function errorResponse(error: unknown, log: ((line: string) => void) | undefined): MockResponse {
  const apiError =
    error instanceof ApiError ? error : error instanceof DomainError ? fromProblem(error.problem) : error instanceof StoreFullError ? Errors.storeFull(error.what, error.limitBytes) : undefined;
  if (apiError) return { ...json(apiError.status, { detail: apiError.detail }, apiError.headers), ...(apiError.code ? { code: apiError.code } : {}) };
  try {
    log?.(`internal error: ${(error as Error)?.stack ?? String(error)}`);
  } catch {
    // logging must not turn one failed request into a failed process
  }
  const internal = Errors.internal();
  return { ...json(internal.status, { detail: internal.detail }), code: internal.code };
}

function bodyRefusal(error: BodyError): ApiError {
  switch (error.kind) {
    case 'too_large':
      return Errors.bodyTooLarge();
    case 'undecodable':
      return Errors.undecodableBody();
    case 'charset':
      return Errors.unsupportedCharset(error.message);
    case 'aborted':
      return Errors.bodyAborted(error.message);
  }
}

function mediaType(req: MockRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export interface RequestJson {
  /** the parsed body, when it says it is JSON (application/json or application/*+json) */
  value: unknown;
  /** the media type is application/json itself (what the operations accept) */
  isJson: boolean;
}

/** The request's body as JSON, its nesting bounded before parsing; a body the transport could not read is refused here. */
export function readJson(req: MockRequest): RequestJson {
  if (req.bodyError) throw bodyRefusal(req.bodyError);
  const type = mediaType(req);
  const parses = type === 'application/json' || /^application\/[^/]+\+json$/.test(type);
  if (req.body === undefined || !parses) return { value: undefined, isJson: type === 'application/json' };
  const parsed = parseJsonBody(req.body);
  if (!parsed.ok) throw Errors.jsonInvalid(parsed.position, parsed.error);
  return { value: parsed.value, isJson: type === 'application/json' };
}
