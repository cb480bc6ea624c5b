import type { RunSummary } from '../types.js';

/** The whole run: results with their notes and decisions, coverage, the inferred-decisions report. */
export function jsonReport(summary: RunSummary): string {
  return JSON.stringify(summary, null, 2);
}
