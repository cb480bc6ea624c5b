import type { FaultEffect } from './faults.js';

/** One answered request, as the log and the metrics see it. */
export interface Exchange {
  /** when it was answered */
  at: Date;
  method: string;
  /** the path as sent, without the query */
  path: string;
  /** the path and the query, as sent */
  url: string;
  status: number;
  durationMs: number;
  tenant: string | null;
  operationId: string | null;
  /** what a fault (Prefer, /__admin/faults) did to it */
  fault: FaultEffect | undefined;
  /** a refusal's code in the error catalogue (engine/http-errors.ts) */
  code: string | undefined;
  /** under /__admin */
  admin: boolean;
}

/** human: a short line per request (the default); json: one JSON object a line, for log pipelines */
export type LogFormat = 'human' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['human', 'json'];

export type LogLevel = 'info' | 'warn' | 'error';

/** A fault in a few characters: `503`, `reset`, `delay=200,503`; null when none applied. */
export function faultLabel(fault: FaultEffect | undefined): string | null {
  if (!fault) return null;
  const parts = [fault.delayMs ? `delay=${fault.delayMs}` : '', fault.status ? String(fault.status) : '', fault.fault ?? ''].filter(Boolean);
  return parts.length ? parts.join(',') : null;
}

/**
 * A request's line. JSON carries the path without its query (a search holds names and emails)
 * and never a key: the tenant says whose request it was.
 */
export function requestLine(format: LogFormat, e: Exchange): string {
  if (format === 'json') {
    return JSON.stringify({
      time: e.at.toISOString(),
      level: 'info',
      method: e.method,
      path: e.path,
      status: e.status,
      durationMs: Math.round(e.durationMs * 100) / 100,
      tenant: e.tenant,
      operation: e.operationId,
      fault: faultLabel(e.fault),
      code: e.code ?? null,
    });
  }
  const fault = faultLabel(e.fault);
  return `${e.method} ${e.url} ${e.status} ${e.durationMs.toFixed(1)}ms ${e.tenant ?? '-'}${e.code ? ` ${e.code}` : ''}${fault ? ` fault=${fault}` : ''}`;
}

/** Anything else the process says (an outage, an internal error, the banner): one line either way. */
export function eventLine(format: LogFormat, level: LogLevel, message: string, fields: Record<string, unknown> = {}): string {
  if (format === 'json') return JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields });
  return message;
}
