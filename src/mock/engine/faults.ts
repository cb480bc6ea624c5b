import { Errors, type ApiError } from './http-errors.js';
import type { FaultKind, MockResponse } from './types.js';

/** What a fault does to one request. */
export interface FaultEffect {
  /** answer this status (5xx or 429) in FastAPI's shape instead of running the operation */
  status?: number;
  /** seconds, for a 429 or 503 */
  retryAfter?: number;
  /** break the connection (before answering), or answer an empty body or half of it (after the operation ran) */
  fault?: FaultKind;
  /** wait this long first, in ms */
  delayMs?: number;
}

export interface FaultSpec extends FaultEffect {
  tenant: string;
  /** the operation it applies to; every operation when absent */
  operationId?: string;
  /** the next N matching requests; every one when neither times nor rate is given */
  times?: number;
  /** each matching request with this probability */
  rate?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  createdAt: string;
  /** requests it has applied to */
  applied: number;
}

export const MAX_FAULTS_PER_TENANT = 100;

const REASONS: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A failing status the real API could answer: any 5xx, or 429. */
export function isFailureStatus(status: number): boolean {
  return Number.isInteger(status) && (status === 429 || (status >= 500 && status <= 599));
}

/** The answer of an injected failure: FastAPI's body, Retry-After where a client is meant to retry. */
export function failure(status: number, retryAfter?: number): ApiError {
  const headers: Record<string, string> = {};
  if (status === 429 || status === 503) headers['Retry-After'] = String(retryAfter ?? 1);
  return Errors.injected(status, REASONS[status] ?? 'Server Error', headers);
}

/** An answer with a fault applied: the one place a fault kind becomes what the transport does. */
export function withFault(res: MockResponse, fault: FaultKind | undefined): MockResponse {
  switch (fault) {
    case undefined:
      return res;
    case 'reset':
      return { status: 0, headers: {}, body: '', fault: 'reset' };
    case 'empty':
      return { ...res, body: '' };
    case 'truncate':
      return { ...res, fault: 'truncate' };
  }
}

/**
 * Faults asked for through /__admin/faults (WireMock's model), per tenant: a status, a delay, a
 * broken connection, for the next N requests or at a rate. Bounded per tenant; held by this process.
 */
export class FaultRegistry {
  private faults: Fault[] = [];
  private seq = 0;

  add(spec: FaultSpec): Fault {
    if (this.faults.filter((f) => f.tenant === spec.tenant).length >= MAX_FAULTS_PER_TENANT) {
      throw Errors.tooManyFaults(spec.tenant, MAX_FAULTS_PER_TENANT);
    }
    const fault: Fault = { ...spec, id: `f${++this.seq}`, createdAt: new Date().toISOString(), applied: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(tenant?: string): Fault[] {
    return this.faults.filter((f) => tenant === undefined || f.tenant === tenant).map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(tenant?: string): number {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => tenant !== undefined && f.tenant !== tenant);
    return before - this.faults.length;
  }

  /** The first fault that takes this request, counted and spent; undefined when none does. */
  take(tenant: string, operationId: string, random: () => number = Math.random): FaultEffect | undefined {
    for (const fault of this.faults) {
      if (fault.tenant !== tenant || (fault.operationId !== undefined && fault.operationId !== operationId)) continue;
      if (fault.rate !== undefined && random() >= fault.rate) continue;
      fault.applied++;
      if (fault.times !== undefined && fault.applied >= fault.times) this.remove(fault.id);
      return { status: fault.status, retryAfter: fault.retryAfter, fault: fault.fault, delayMs: fault.delayMs };
    }
    return undefined;
  }
}
