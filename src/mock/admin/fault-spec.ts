import type { ValidationIssue } from '../../contract/index.js';
import { isFailureStatus, MAX_FAULT_DELAY_MS, type FaultSpec } from '../engine/faults.js';
import { Errors } from '../engine/http-errors.js';
import { FAULT_KINDS } from '../engine/types.js';

const FIELDS = new Set(['tenant', 'apiKey', 'operationId', 'status', 'fault', 'delayMs', 'retryAfter', 'times', 'rate']);

/**
 * A fault as POST /__admin/faults describes it, checked field by field: `tenant` (or `apiKey`),
 * optionally `operationId`; `status` (5xx or 429) or `fault` (reset, empty, truncate), and/or
 * `delayMs`; `retryAfter` for 429 and 503; `times` or `rate`.
 */
export function parseFaultSpec(
  body: Record<string, unknown>,
  known: { tenantOfKey(key: string): string | undefined; tenants: ReadonlySet<string>; operations: ReadonlySet<string> },
): FaultSpec {
  const issues: ValidationIssue[] = [];
  const issue = (field: string, msg: string, type = 'value_error') => issues.push({ type, loc: ['body', field], msg, input: body[field] });
  const integer = (field: string, min: number, max: number): number | undefined => {
    const v = body[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return void issue(field, `Input should be an integer from ${min} to ${max}`, 'int_type');
    return v;
  };
  for (const key of Object.keys(body)) if (!FIELDS.has(key)) issue(key, 'Extra inputs are not permitted', 'extra_forbidden');

  let tenant: string | undefined;
  if (typeof body.apiKey === 'string') tenant = known.tenantOfKey(body.apiKey) ?? void issue('apiKey', 'Value error, no tenant has this API key');
  else if (typeof body.tenant === 'string') tenant = known.tenants.has(body.tenant) ? body.tenant : void issue('tenant', `Value error, no tenant ${JSON.stringify(body.tenant)}`);
  else issues.push({ type: 'missing', loc: ['body', 'tenant'], msg: 'Field required: the tenant (or apiKey) the fault applies to', input: body });

  const operationId = body.operationId;
  if (operationId !== undefined && (typeof operationId !== 'string' || !known.operations.has(operationId))) {
    issue('operationId', `Value error, not an operation of the contract (one of ${[...known.operations].join(', ')})`);
  }
  const status = integer('status', 100, 599);
  if (status !== undefined && !isFailureStatus(status)) issue('status', 'Value error, a fault status is a 5xx or 429');
  const fault = body.fault;
  if (fault !== undefined && !(FAULT_KINDS as readonly unknown[]).includes(fault)) issue('fault', `Input should be ${FAULT_KINDS.map((k) => `'${k}'`).join(', ').replace(/, ([^,]*)$/, ' or $1')}`, 'enum');
  if (status !== undefined && fault !== undefined) issue('fault', 'Value error, give status or fault, not both');
  const delayMs = integer('delayMs', 0, MAX_FAULT_DELAY_MS);
  if (status === undefined && fault === undefined && delayMs === undefined) issues.push({ type: 'missing', loc: ['body', 'status'], msg: 'Field required: status, fault or delayMs', input: body });
  const retryAfter = integer('retryAfter', 0, 3600);
  if (retryAfter !== undefined && status !== 429 && status !== 503) issue('retryAfter', 'Value error, retryAfter goes with status 429 or 503');
  const times = integer('times', 1, 1_000_000);
  const rate = body.rate;
  if (rate !== undefined && (typeof rate !== 'number' || !(rate > 0 && rate <= 1))) issue('rate', 'Input should be a number greater than 0 and at most 1', 'float_type');
  if (times !== undefined && rate !== undefined) issue('rate', 'Value error, give times or rate, not both');
  if (issues.length) throw Errors.validation(issues);

  const spec: FaultSpec = { tenant: tenant! };
  if (typeof operationId === 'string') spec.operationId = operationId;
  if (status !== undefined) spec.status = status;
  if (fault !== undefined) spec.fault = fault as FaultSpec['fault'];
  if (delayMs !== undefined) spec.delayMs = delayMs;
  if (retryAfter !== undefined) spec.retryAfter = retryAfter;
  if (times !== undefined) spec.times = times;
  if (typeof rate === 'number') spec.rate = rate;
  return spec;
}
