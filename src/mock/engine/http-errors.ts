import type { ValidationIssue } from '../../contract/index.js';
import { MAX_BODY_BYTES } from './types.js';

/**
 * Every refusal and failure the mock answers, by a stable code (fastify's FST_ERR_* and Prism's
 * named errors are the models): the journal and the log carry it, tests assert it, and the wording
 * of a message may change without breaking either. The wire body stays FastAPI's `{"detail": …}`.
 */
export const ERROR_CODES = {
  // the transport and the pipeline
  MOCK_ERR_NOT_AUTHENTICATED: 'no Bearer API key',
  MOCK_ERR_INVALID_API_KEY: 'a Bearer key no tenant has',
  MOCK_ERR_ADMIN_TOKEN: 'the X-Admin-Token header is missing or wrong',
  MOCK_ERR_OTHER_ORIGIN: 'a web page of another origin called the control plane',
  MOCK_ERR_ROUTE_NOT_FOUND: 'no operation has this path',
  MOCK_ERR_METHOD_NOT_ALLOWED: 'the path has operations, none for this method',
  MOCK_ERR_PATH_UNDECODABLE: 'a path segment does not percent-decode',
  MOCK_ERR_BODY_TOO_LARGE: 'the body is over the limit',
  MOCK_ERR_BODY_UNDECODABLE: 'the body does not decode as its Content-Encoding says',
  MOCK_ERR_BODY_ABORTED: 'the body could not be read',
  MOCK_ERR_CHARSET: 'a charset or Content-Encoding the mock does not read',
  MOCK_ERR_MEDIA_TYPE: 'a body that is not application/json',
  MOCK_ERR_JSON_INVALID: 'the body is not JSON (or nests too deep)',
  MOCK_ERR_VALIDATION: 'the request does not match its contract',
  MOCK_ERR_PREFER_CODE: 'Prefer: code= names a status the operation does not declare',
  MOCK_ERR_PREFER_FAULT: 'Prefer: fault= names no fault',
  MOCK_ERR_PREFER_DELAY: 'Prefer: delay= is not a delay the mock takes',
  MOCK_ERR_INJECTED: 'a failure asked for (Prefer or /__admin/faults)',
  MOCK_ERR_TOO_MANY_FAULTS: 'the tenant holds as many faults as it may',
  MOCK_ERR_FAULT_NOT_FOUND: 'no fault has this id',
  MOCK_ERR_STORE_FULL: 'the tenant (or the snapshots) hold as much as the store allows',
  MOCK_ERR_INTERNAL: 'a failure of the mock itself',
  // the domain's refusals (domain/errors.ts), one per kind of problem
  MOCK_ERR_CONTACT_NOT_FOUND: 'no contact of the tenant has this id',
  MOCK_ERR_DOCUMENT_NOT_FOUND: 'no document of the tenant has this id',
  MOCK_ERR_PARTICIPANT_NOT_FOUND: 'no participant of the document has this email',
  MOCK_ERR_DUPLICATE_EMAIL: 'the tenant has a contact with this email',
  MOCK_ERR_DOCUMENT_CLOSED: 'the document is in a final state',
  MOCK_ERR_NOT_PENDING: 'only a PENDING document is signed',
  MOCK_ERR_ALREADY_SIGNED: 'the participant has signed',
  MOCK_ERR_STEP_WAITING: 'an earlier step has not signed',
  MOCK_ERR_PARTICIPANTS_INVALID: 'a participant rule the schema cannot say',
  MOCK_ERR_CUSTOM_FIELDS_INVALID: 'custom fields past their bounds',
  MOCK_ERR_TENANT_EXISTS: 'the tenant (or its key) exists',
  MOCK_ERR_TENANT_NOT_FOUND: 'no tenant has this name',
  MOCK_ERR_TOO_MANY_TENANTS: 'the store holds as many tenants as it may',
  MOCK_ERR_SNAPSHOT_NOT_FOUND: 'no snapshot has this name',
  MOCK_ERR_INVALID: 'a control-plane input refused as a whole (a fixture, a name)',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The one error type of the HTTP layer. Its body is FastAPI's: `{"detail": "message"}`, or for
 * validation `{"detail": [{type, loc, msg, input}]}` naming each offending field; its `code` is
 * the catalogue's (ERROR_CODES).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string | ValidationIssue[],
    readonly headers: Record<string, string> = {},
    /** every refusal the mock makes has one; an ApiError made elsewhere may leave it out */
    readonly code?: ErrorCode,
  ) {
    super(typeof detail === 'string' ? detail : detail.map((d) => `${d.loc.join('.')}: ${d.msg}`).join('; '));
  }
}

const size = (bytes: number) => (bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MiB` : `${Math.round(bytes / 1024)} KiB`);

/** The catalogue's refusals of the transport and the pipeline, made in one place (the domain's: problems.ts). */
export const Errors = {
  notAuthenticated: () => new ApiError(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' }, 'MOCK_ERR_NOT_AUTHENTICATED'),
  invalidApiKey: () => new ApiError(401, 'Invalid API key', { 'WWW-Authenticate': 'Bearer' }, 'MOCK_ERR_INVALID_API_KEY'),
  adminTokenRequired: () => new ApiError(401, 'Missing or wrong X-Admin-Token header', {}, 'MOCK_ERR_ADMIN_TOKEN'),
  otherOrigin: (reason: string) => new ApiError(403, reason, {}, 'MOCK_ERR_OTHER_ORIGIN'),
  routeNotFound: () => new ApiError(404, 'Not Found', {}, 'MOCK_ERR_ROUTE_NOT_FOUND'),
  faultNotFound: () => new ApiError(404, 'Fault not found', {}, 'MOCK_ERR_FAULT_NOT_FOUND'),
  methodNotAllowed: (allow: string[]) => new ApiError(405, 'Method Not Allowed', { Allow: allow.join(', ') }, 'MOCK_ERR_METHOD_NOT_ALLOWED'),
  pathUndecodable: (segment: string) => new ApiError(400, `Failed to decode path parameter ${JSON.stringify(segment)}`, {}, 'MOCK_ERR_PATH_UNDECODABLE'),
  validation: (issues: ValidationIssue[]) => new ApiError(422, issues, {}, 'MOCK_ERR_VALIDATION'),
  bodyTooLarge: () => new ApiError(413, `Request body too large (limit ${MAX_BODY_BYTES / 2 ** 20} MB)`, {}, 'MOCK_ERR_BODY_TOO_LARGE'),
  unsupportedMediaType: (type: string) => new ApiError(415, `Unsupported media type ${JSON.stringify(type)}: send application/json`, {}, 'MOCK_ERR_MEDIA_TYPE'),
  unsupportedCharset: (message: string) => new ApiError(415, message, {}, 'MOCK_ERR_CHARSET'),
  undecodableBody: () => new ApiError(400, 'The request body does not decode as its Content-Encoding says', {}, 'MOCK_ERR_BODY_UNDECODABLE'),
  bodyAborted: (message: string) => new ApiError(400, message, {}, 'MOCK_ERR_BODY_ABORTED'),
  jsonInvalid: (position: number, error: string) =>
    new ApiError(422, [{ type: 'json_invalid', loc: ['body', position], msg: 'JSON decode error', input: {}, ctx: { error } }], {}, 'MOCK_ERR_JSON_INVALID'),
  preferNotDeclared: (code: string, operationId: string, declared: string[]) =>
    new ApiError(400, `Prefer: code=${code} is not a status ${operationId} declares; it declares ${declared.join(', ')}`, {}, 'MOCK_ERR_PREFER_CODE'),
  preferFaultInvalid: (fault: string, choices: string) => new ApiError(400, `Prefer: fault=${fault} is not a fault; use ${choices}`, {}, 'MOCK_ERR_PREFER_FAULT'),
  preferDelayInvalid: (delay: string, max: number) => new ApiError(400, `Prefer: delay=${delay} is not a delay; use delay=MS with MS from 0 to ${max}`, {}, 'MOCK_ERR_PREFER_DELAY'),
  injected: (status: number, reason: string, headers: Record<string, string>) => new ApiError(status, reason, headers, 'MOCK_ERR_INJECTED'),
  tooManyFaults: (tenant: string, max: number) => new ApiError(400, `tenant ${tenant} already has ${max} faults: delete some first`, {}, 'MOCK_ERR_TOO_MANY_FAULTS'),
  internal: () => new ApiError(500, 'Internal Server Error', {}, 'MOCK_ERR_INTERNAL'),
  storeFull: (what: string, limitBytes: number) =>
    new ApiError(507, `${what[0]!.toUpperCase()}${what.slice(1)} has used the ${size(limitBytes)} the sandbox gives it: delete some, or reset (POST /__admin/reset)`, {}, 'MOCK_ERR_STORE_FULL'),
};
