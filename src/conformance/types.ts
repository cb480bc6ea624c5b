import type { HttpClient } from './client.js';

export type Provenance = 'documented' | 'inferred';

export interface CheckContext {
  /** client with the main API key (tenant A) */
  api: HttpClient;
  /** client with the second key (tenant B), when given */
  apiB: HttpClient | undefined;
  /** client with no key and one with a made-up key, for auth checks */
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
  contact(id: string | null | undefined): void;
  document(id: string | null | undefined): void;
}

export interface Check {
  /** stable id: area.operation.behaviour */
  id: string;
  title: string;
  /** operationIds the check exercises */
  operations: string[];
  provenance: Provenance;
  /** the sentence of the reference it comes from (documented checks) */
  reference?: string;
  /** positive: the operation works; negative: it refuses what it must refuse */
  kind: 'positive' | 'negative';
  /** false: safe for --read-only (creates and changes nothing, even on a broken server) */
  creates: boolean;
  needs?: 'keyB'[];
  run(ctx: CheckContext): Promise<void>;
}

export type Outcome = 'passed' | 'failed' | 'warned' | 'skipped';

export interface ExchangeRecord {
  request: { method: string; url: string; body?: unknown };
  response?: { status: number; contentType: string | null; body: unknown };
  error?: string;
  durationMs: number;
}

export interface CheckResult {
  id: string;
  title: string;
  provenance: Provenance;
  kind: 'positive' | 'negative';
  operations: string[];
  reference?: string;
  outcome: Outcome;
  /** why it failed, warned or was skipped */
  message?: string;
  /** the requests of a failed or warned check, newest last */
  exchanges?: ExchangeRecord[];
  durationMs: number;
}

export interface RunSummary {
  baseUrl: string;
  runId: string;
  strict: boolean;
  results: CheckResult[];
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
  /** documents the run made and could not delete (the contract has no document delete) */
  leftDocuments: string[];
  durationMs: number;
}
