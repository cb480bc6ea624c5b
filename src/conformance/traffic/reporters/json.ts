import type { TrafficReport } from '../book.js';

/** The whole report, samples redacted: findings, client requests, coverage, decisions, verdict. */
export const jsonTraffic = (r: TrafficReport): string => JSON.stringify(r, null, 2);
