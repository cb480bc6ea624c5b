import { contractLimits, emailKey } from '../../contract/index.js';
import type { DocumentRecord, DocumentStatus, NewContact, ParticipantRecord } from '../port/records.js';
import { refuse, type ParticipantProblem } from './errors.js';

/** A participant as a request names it, already in the domain's terms. */
export interface NewParticipant {
  email: string;
  name: string;
  whatsapp?: string | undefined;
  invitedBy?: string | undefined;
  step?: number | undefined;
}

/** States in which a document's participants can no longer change (and nobody signs). */
export const FINAL_STATES: ReadonlySet<DocumentStatus> = new Set(['SIGNED', 'DECLINED', 'EXPIRED', 'CANCELLED']);
/** Final states a participant change cannot leave; SIGNED is reached and left by signatures. */
const CLOSED_BY_DECISION: ReadonlySet<DocumentStatus> = new Set(['DECLINED', 'EXPIRED', 'CANCELLED']);

/** The documented participant rules a schema cannot express, checked before anything is written. */
export function participantProblems(existing: readonly { email: string }[], incoming: readonly NewParticipant[], sendByWhatsapp: boolean): ParticipantProblem[] {
  const problems: ParticipantProblem[] = [];
  const taken = new Set(existing.map((p) => p.email));
  incoming.forEach((participant, index) => {
    const key = emailKey(participant.email);
    if (taken.has(key)) problems.push({ kind: 'duplicate', index, email: key, input: participant.email });
    taken.add(key);
    if (sendByWhatsapp && !participant.whatsapp) problems.push({ kind: 'whatsapp_missing', index, input: participant });
  });
  const max = contractLimits().participantsPerDocument;
  const total = existing.length + incoming.length;
  if (total > max) problems.push({ kind: 'too_many', max, total, incoming: incoming.length });
  return problems;
}

export function checkParticipants(existing: readonly { email: string }[], incoming: readonly NewParticipant[], sendByWhatsapp: boolean): void {
  const problems = participantProblems(existing, incoming, sendByWhatsapp);
  if (problems.length) refuse({ kind: 'participants_invalid', problems });
}

/** Participants as stored: emails lower-cased, invitedBy defaulting to the owner of the API key. */
export function toParticipants(incoming: readonly NewParticipant[], owner: string): ParticipantRecord[] {
  return incoming.map((input) => ({
    email: emailKey(input.email),
    name: input.name,
    whatsapp: input.whatsapp ?? null,
    invitedBy: input.invitedBy ?? owner,
    step: input.step ?? null,
    signedAt: null,
  }));
}

/** Every participant email gets a contact in the tenant (source invitation) when it has none. */
export function invitations(tenant: string, participants: readonly ParticipantRecord[], now: string, newId: () => string): NewContact[] {
  return participants.map((p) => ({
    id: newId(),
    tenant,
    email: p.email,
    emailKey: p.email,
    fullName: p.name,
    phone: p.whatsapp,
    company: null,
    jobTitle: null,
    notes: null,
    tags: [],
    customFields: null,
    source: 'invitation',
    createdAt: now,
    updatedAt: now,
  }));
}

/** DRAFT without participants, SIGNED once all signed, PENDING otherwise; decided final states stay. */
export function withStatus(document: DocumentRecord): DocumentRecord {
  if (CLOSED_BY_DECISION.has(document.status)) return document;
  const { participants } = document;
  if (participants.length === 0) return { ...document, status: 'DRAFT', signedAt: null };
  if (participants.every((p) => p.signedAt)) {
    return { ...document, status: 'SIGNED', signedAt: participants.map((p) => p.signedAt!).sort().at(-1)! };
  }
  return { ...document, status: 'PENDING', signedAt: null };
}

export function assertOpen(document: DocumentRecord): void {
  if (FINAL_STATES.has(document.status)) refuse({ kind: 'document_closed', status: document.status });
}

/** A participant signs now; in a sequential flow only the lowest unsigned step may sign. */
export function sign(document: DocumentRecord, email: string, now: string): DocumentRecord {
  const key = emailKey(email);
  const participant = document.participants.find((p) => p.email === key);
  if (!participant) refuse({ kind: 'participant_not_found' });
  if (document.status !== 'PENDING') refuse({ kind: 'not_pending', status: document.status });
  if (participant.signedAt) refuse({ kind: 'already_signed' });
  const waitingFor = document.participants.find((p) => !p.signedAt && p.step !== null && participant.step !== null && p.step < participant.step);
  if (waitingFor) refuse({ kind: 'step_waiting', step: waitingFor.step! });
  const participants = document.participants.map((p) => (p === participant ? { ...p, signedAt: now } : p));
  return withStatus({ ...document, participants });
}
