import type { ValidationIssue } from '../../contract/index.js';
import type { AdminOperations } from '../../types/admin.js';
import { isFailureStatus, type FaultSpec } from '../engine/faults.js';
import { Errors } from '../engine/http-errors.js';
import type { ApiKeySpec } from '../port/records.js';

type FaultBody = AdminOperations['adminAddFault']['requestBody']['content']['application/json'];

/**
 * The rules of POST /__admin/faults that its schema (openapi/admin.yaml, FaultSpec) cannot say:
 * across fields (status or fault, not both; one of status, fault and delayMs; retryAfter only with
 * 429 or 503; times or rate, not both) and against state (the tenant or the key exists). Each is
 * looked at only when the fields it reads have the schema's types, so no field is named twice for
 * one fault.
 */
export function faultRules(input: unknown, keys: readonly ApiKeySpec[]): ValidationIssue[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return [];
  const body = input as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const issue = (field: string, msg: string) => issues.push({ type: 'value_error', loc: ['body', field], msg: `Value error, ${msg}`, input: body[field] });
  if (typeof body.apiKey === 'string') {
    if (!keys.some((k) => k.key === body.apiKey)) issue('apiKey', 'no tenant has this API key');
  } else if (typeof body.tenant === 'string') {
    if (!keys.some((k) => k.tenant === body.tenant)) issue('tenant', `no tenant ${JSON.stringify(body.tenant)}`);
  } else if (body.tenant === undefined && body.apiKey === undefined) {
    issues.push({ type: 'missing', loc: ['body', 'tenant'], msg: 'Field required: the tenant (or apiKey) the fault applies to', input: body });
  }
  const { status, fault, delayMs, retryAfter, times, rate } = body;
  if (typeof status === 'number' && status >= 429 && status <= 599 && !isFailureStatus(status)) issue('status', 'a fault status is a 5xx or 429');
  if (status !== undefined && fault !== undefined) issue('fault', 'give status or fault, not both');
  if (status === undefined && fault === undefined && delayMs === undefined) issues.push({ type: 'missing', loc: ['body', 'status'], msg: 'Field required: status, fault or delayMs', input: body });
  if (retryAfter !== undefined && status !== 429 && status !== 503) issue('retryAfter', 'retryAfter goes with status 429 or 503');
  if (times !== undefined && rate !== undefined) issue('rate', 'give times or rate, not both');
  return issues;
}

/**
 * A fault as the registry keeps it, from a body the schema and the rules above have passed; a key
 * deleted since the rules looked is refused as they would refuse it.
 */
export function toFaultSpec(body: FaultBody, keys: readonly ApiKeySpec[]): FaultSpec {
  const tenant = body.apiKey !== undefined ? keys.find((k) => k.key === body.apiKey)?.tenant : body.tenant;
  if (tenant === undefined) throw Errors.validation(faultRules(body, keys));
  const spec: FaultSpec = { tenant };
  // the fields in one order, whatever the body's: the fault's answer always lists them so
  for (const key of ['operationId', 'status', 'fault', 'delayMs', 'retryAfter', 'times', 'rate'] as const) {
    if (body[key] !== undefined) (spec as unknown as Record<string, unknown>)[key] = body[key];
  }
  return spec;
}
