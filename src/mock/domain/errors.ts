import type { ValidationIssue } from '../../contract/index.js';
import type { DocumentStatus } from '../port/records.js';

/** A participant rule broken by the item at `index` of the incoming list (or by the list as a whole). */
export type ParticipantProblem =
  | { kind: 'duplicate'; index: number; email: string; input: string }
  | { kind: 'whatsapp_missing'; index: number; input: unknown }
  | { kind: 'too_many'; max: number; total: number; incoming: number };

/** A custom-fields bound a patch would pass. */
export type CustomFieldsProblem =
  | { kind: 'too_many_keys'; max: number; total: number }
  | { kind: 'value_too_large'; key: string; max: number; size: number }
  | { kind: 'too_large'; max: number; size: number };

/** Everything the rules can refuse, in the domain's terms: no status codes, no wire bodies. */
export type Problem =
  | { kind: 'contact_not_found' }
  | { kind: 'document_not_found' }
  | { kind: 'participant_not_found' }
  | { kind: 'duplicate_email' }
  | { kind: 'document_closed'; status: DocumentStatus }
  | { kind: 'participants_invalid'; problems: ParticipantProblem[] }
  | { kind: 'custom_fields_invalid'; problems: CustomFieldsProblem[] }
  | { kind: 'not_pending'; status: DocumentStatus }
  | { kind: 'already_signed' }
  | { kind: 'step_waiting'; step: number }
  | { kind: 'tenant_exists'; tenant: string }
  | { kind: 'tenant_not_found'; tenant: string }
  | { kind: 'too_many_tenants'; max: number }
  | { kind: 'snapshot_not_found'; name: string }
  /** a control-plane input refused as a whole, each issue at the path of its record */
  | { kind: 'invalid'; issues: ValidationIssue[] };

export class DomainError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.kind);
  }
}

export function refuse(problem: Problem): never {
  throw new DomainError(problem);
}
