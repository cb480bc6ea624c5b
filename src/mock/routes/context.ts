import type { MockStore } from '../store/store.js';
import { Errors } from '../errors.js';
import type { ContactFields, Result } from '../store/types.js';

/** What a handler gets: validated input and the caller's tenant. */
export interface HandlerContext {
  store: MockStore;
  tenant: string;
  /** email of the user that owns the API key (the default invitedBy) */
  owner: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface HandlerResult {
  status: number;
  body: unknown;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;

/** A store result as the response, or its failure as the catalogue's error. */
export function respond<T>(result: Result<T>, status = 200): HandlerResult {
  if (!result.ok) throw Errors.fromFailure(result);
  return { status, body: result.value };
}

/** Request bodies accept full_name/fullName and job_title/jobTitle; the store speaks camelCase. */
export function contactFields(body: Record<string, unknown>): ContactFields {
  const fields: ContactFields = {};
  const pick = (snake: string, camel: string) => (Object.hasOwn(body, camel) ? body[camel] : Object.hasOwn(body, snake) ? body[snake] : undefined);
  const fullName = pick('full_name', 'fullName');
  const jobTitle = pick('job_title', 'jobTitle');
  if (fullName !== undefined) fields.fullName = fullName as string;
  if (jobTitle !== undefined) fields.jobTitle = jobTitle as string | null;
  for (const key of ['phone', 'company', 'notes'] as const) if (Object.hasOwn(body, key)) fields[key] = body[key] as string | null;
  if (Object.hasOwn(body, 'tags')) fields.tags = body.tags as string[];
  return fields;
}
