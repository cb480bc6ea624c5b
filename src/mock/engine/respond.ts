import { DomainError } from '../domain/errors.js';
import { StoreFullError, StoreUnavailableError, UnknownTenantError } from '../port/errors.js';
import { ApiError, Errors } from './http-errors.js';
import { parseJsonBody } from './json-body.js';
import { fromProblem } from './problems.js';
import type { BodyError, MockRequest, MockResponse } from './types.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const INTERNAL_ERROR = JSON.stringify({ detail: 'Internal Server Error' });

/** A JSON answer; a body that cannot be written as JSON is a 500, never a thrown error. */
export function json(status: number, body: unknown, headers?: Record<string, string>): MockResponse {
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch {
    return { status: 500, headers: { 'Content-Type': JSON_TYPE }, body: INTERNAL_ERROR };
  }
  return jsonText(status, text, headers);
}

/** A JSON answer whose body is already written. */
export function jsonText(status: number, text: string, headers?: Record<string, string>): MockResponse {
  return { status, headers: headers ? { 'Content-Type': JSON_TYPE, ...headers } : { 'Content-Type': JSON_TYPE }, body: text };
}

/** Any refusal or failure as FastAPI's answer; what is not the client's fault is logged and is a 500. */
export function errorResponse(error: unknown, log: ((line: string) => void) | undefined): MockResponse {
  const apiError =
    error instanceof ApiError ? error : error instanceof DomainError ? fromProblem(error.problem) : error instanceof StoreFullError ? Errors.storeFull(error.what, error.limitBytes) : storeRefusal(error);
  if (apiError) {
    const res = json(apiError.status, { detail: apiError.detail }, apiError.headers);
    if (apiError.code) res.code = apiError.code;
    return res;
  }
  try {
    log?.(`internal error: ${(error as Error)?.stack ?? String(error)}`);
  } catch {
    // logging must not turn one failed request into a failed process
  }
  const internal = Errors.internal();
  const res = json(internal.status, { detail: internal.detail });
  res.code = internal.code;
  return res;
}

/** The store's own refusals: an outage is no bug (503, or 507 for a full disk); a tenant deleted since the key was checked, an invalid key. */
function storeRefusal(error: unknown): ApiError | undefined {
  if (error instanceof StoreUnavailableError) return error.full ? Errors.storeDiskFull(error.detail) : Errors.storeUnavailable(error.detail);
  if (error instanceof UnknownTenantError) return Errors.invalidApiKey();
  return undefined;
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
const NO_BODY: RequestJson = { value: undefined, isJson: false };

export function readJson(req: MockRequest): RequestJson {
  if (req.bodyError) throw bodyRefusal(req.bodyError);
  // most requests (every GET) have none: nothing to look at
  if (req.body === undefined) return NO_BODY;
  const type = mediaType(req);
  const parses = type === 'application/json' || /^application\/[^/]+\+json$/.test(type);
  if (req.body === undefined || !parses) return { value: undefined, isJson: type === 'application/json' };
  const parsed = parseJsonBody(req.body);
  if (!parsed.ok) throw Errors.jsonInvalid(parsed.position, parsed.error);
  return { value: parsed.value, isJson: type === 'application/json' };
}
