import type { ValidationIssue } from '../../contract/index.js';
import type { CustomFieldsProblem, ParticipantProblem, Problem } from '../domain/errors.js';
import { ApiError, type ErrorCode } from './http-errors.js';

function participantIssue(problem: ParticipantProblem): ValidationIssue {
  switch (problem.kind) {
    case 'duplicate':
      return {
        type: 'value_error',
        loc: ['body', 'participants', problem.index, 'email'],
        msg: `Value error, duplicate participant: ${problem.email} is already on the document`,
        input: problem.input,
      };
    case 'whatsapp_missing':
      return {
        type: 'missing',
        loc: ['body', 'participants', problem.index, 'whatsapp'],
        msg: 'Field required: whatsapp is required when config.sendByWhatsapp is true',
        input: problem.input,
      };
    case 'too_many':
      return {
        type: 'too_long',
        loc: ['body', 'participants'],
        msg: `A document can have at most ${problem.max} participants, this would make ${problem.total}`,
        input: problem.incoming,
        ctx: { max_length: problem.max, actual_length: problem.total },
      };
  }
}

function customFieldsIssue(problem: CustomFieldsProblem): ValidationIssue {
  switch (problem.kind) {
    case 'too_many_keys':
      return {
        type: 'too_long',
        loc: ['body', 'set'],
        msg: `A contact can have at most ${problem.max} custom fields, this would make ${problem.total}`,
        input: problem.total,
        ctx: { max_length: problem.max, actual_length: problem.total },
      };
    case 'value_too_large':
      return {
        type: 'value_error',
        loc: ['body', 'set', problem.key],
        msg: `Value error, a custom field value takes at most ${problem.max} characters as JSON, this one takes ${problem.size}`,
        input: `[a value of ${problem.size} characters, not echoed]`,
        ctx: { max_length: problem.max, actual_length: problem.size },
      };
    case 'too_large':
      return {
        type: 'value_error',
        loc: ['body', 'set'],
        msg: `Value error, a contact's custom fields take at most ${problem.max} characters as JSON, these would take ${problem.size}`,
        input: problem.size,
        ctx: { max_length: problem.max, actual_length: problem.size },
      };
  }
}

/** The catalogue's code of a domain refusal: one per kind of problem. */
export function problemCode(problem: Problem): ErrorCode {
  return `MOCK_ERR_${problem.kind.toUpperCase() as Uppercase<Problem['kind']>}`;
}

/** A domain refusal as the HTTP answer a FastAPI service would give, `loc` naming the field. */
export function fromProblem(problem: Problem): ApiError {
  const [status, detail] = answerOf(problem);
  return new ApiError(status, detail, {}, problemCode(problem));
}

function answerOf(problem: Problem): [number, string | ValidationIssue[]] {
  switch (problem.kind) {
    case 'contact_not_found':
      return [404, 'Contact not found'];
    case 'document_not_found':
      return [404, 'Document not found'];
    case 'participant_not_found':
      return [404, 'Participant not found'];
    case 'duplicate_email':
      return [409, 'Contact with this email already exists'];
    case 'document_closed':
      return [409, `Document is ${problem.status}; its participants can no longer change`];
    case 'not_pending':
      return [409, `Document is ${problem.status}, not PENDING`];
    case 'already_signed':
      return [409, 'Participant has already signed'];
    case 'step_waiting':
      return [409, `Step ${problem.step} has not signed yet`];
    case 'participants_invalid':
      return [422, problem.problems.map(participantIssue)];
    case 'custom_fields_invalid':
      return [422, problem.problems.map(customFieldsIssue)];
    case 'tenant_exists':
      return [409, `Tenant ${problem.tenant} already exists (or the key is taken)`];
    case 'tenant_not_found':
      return [404, `Tenant ${problem.tenant} not found`];
    case 'too_many_tenants':
      return [409, `The sandbox holds at most ${problem.max} tenants: delete some first`];
    case 'snapshot_not_found':
      return [404, `Snapshot ${problem.name} not found`];
    case 'invalid':
      return [422, problem.issues];
  }
}
