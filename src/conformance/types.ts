import type { HttpClient } from './http/client.js';
import type { Decision } from '../contract/index.js';
import type { DecisionReport } from './contract/ledger.js';

export type Provenance = 'documented' | 'inferred';

/** hand-written: a rule of the reference; generic: applies to every answer or generated request; run: about the run itself */
export type Origin = 'hand-written' | 'generic' | 'run';

/** positive: the operation works; negative: it refuses what it must refuse; response: every answer is well-formed */
export type Kind = 'positive' | 'negative' | 'response';

export interface CheckContext {
  /** client with the main API key (tenant A) */
  api: HttpClient;
  /** client with the second key (tenant B), when given */
  apiB: HttpClient | undefined;
  /** client with no key, for auth checks */
  anonymous: HttpClient;
  /** the user that owns the main key, when the caller knows it (--key-owner-email) */
  keyOwnerEmail: string | undefined;
  /** unique to this check in this run: put it in every email, search by it */
  tag: string;
  /** a fresh example.com address carrying the tag */
  email(label?: string): string;
  /** record what the check created, so the run deletes it at the end */
  track: Tracker;
}

export interface Tracker {
  /** an id a target answered (anything but a non-empty string is ignored) */
  contact(id: unknown): void;
  document(id: unknown): void;
}

/** What --list shows and --only/--skip select: every id a run can report. */
export interface CatalogueEntry {
  /** stable id: area.operation.behaviour */
  id: string;
  title: string;
  origin: Origin;
  /** operationIds the check exercises */
  operations: string[];
  /** documented: its assertions gate unless one names an x-inferred decision; inferred: the whole check rests on `decision` */
  provenance: Provenance;
  /** the sentence of the reference it comes from (documented checks) */
  reference?: string;
  /** JSON pointer of the x-inferred decision an inferred check rests on */
  decision?: string;
  kind: Kind;
  /** false: safe for --read-only (creates and changes nothing, even on a broken server) */
  creates: boolean;
  needs?: 'keyB'[];
}

/** A hand-written check. */
export interface Check extends Omit<CatalogueEntry, 'origin'> {
  run(ctx: CheckContext): Promise<void>;
}

/**
 * errored: the check could not judge the target, for a reason apart from what the target answered:
 * no answer at all (the network), or the suite's own bug. Reported apart from failures, as
 * Schemathesis reports errors apart; a run with one does not pass.
 */
export type Outcome = 'passed' | 'failed' | 'warned' | 'skipped' | 'errored';

export interface ExchangeRecord {
  request: { method: string; url: string; body?: unknown; auth?: 'none' | 'made-up' };
  response?: { status: number; contentType: string | null; body: unknown };
  error?: string;
  durationMs: number;
  /** the contract operation the request addressed, if any */
  operationId?: string;
  /** the check or generated case that sent it */
  seenIn?: string;
}

/**
 * One assertion that did not hold: in a hand-written check, an inferred assertion (a warning unless
 * --strict); in a generic check, one finding.
 */
export interface Note {
  /** what was asserted ("POST participants status", "a 5xx for createContact") */
  assertion: string;
  message: string;
  /** the x-inferred decision it rests on; none: documented, it gates */
  decision?: Decision;
  /** documented: the reference's own words it rests on, where the contract quotes them */
  reference?: string;
  exchange?: ExchangeRecord;
  /** where it was seen: a check id, or a generated case with its seed */
  seenIn?: string;
}

export interface CheckResult {
  id: string;
  title: string;
  origin: Origin;
  provenance: Provenance;
  kind: Kind;
  operations: string[];
  reference?: string;
  decision?: Decision;
  outcome: Outcome;
  /** why it failed, warned or was skipped */
  message?: string;
  /** assertions that did not hold, each with the decision it rests on */
  notes?: Note[];
  /** the requests of a failed or warned check, newest last */
  exchanges?: ExchangeRecord[];
  durationMs: number;
}

export interface CoverageRow {
  operationId: string;
  method: string;
  path: string;
  /** declared status ("200", "422", "default") → answers seen with it */
  statuses: Record<string, number>;
}

export interface RunSummary {
  baseUrl: string;
  runId: string;
  strict: boolean;
  /** seed of the generated requests (--seed reproduces them) */
  seed: number;
  /** generated requests per operation (--generate); 0 when generation was off */
  generate: number;
  results: CheckResult[];
  passed: number;
  failed: number;
  warned: number;
  /** checks that could not judge (no answer, or the suite's own error) */
  errored: number;
  skipped: number;
  coverage: CoverageRow[];
  decisions: DecisionReport[];
  /** documents the run made and could not delete (the contract has no document delete) */
  leftDocuments: string[];
  durationMs: number;
}
