import type { RequestHandler } from 'express';

export interface JournalEntry {
  at: string;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  tenant: string | null;
  /** the parsed request body, when small; API keys are never recorded */
  body?: unknown;
}

const MAX_BODY_CHARS = 10_000;

/** The last `capacity` requests, newest first: what a frontend sent, for debugging its tests. */
export class RequestJournal {
  private entries: JournalEntry[] = [];

  constructor(readonly capacity = 1000) {}

  add(entry: JournalEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(limit = this.capacity): JournalEntry[] {
    return this.entries.slice(-limit).reverse();
  }

  clear(): void {
    this.entries = [];
  }
}

/** Records every request in the journal and, when asked, logs one concise line for it. */
export function recordRequests(journal: RequestJournal, log: ((line: string) => void) | undefined): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const tenant = (res.locals.tenant as string | undefined) ?? null;
      if (!req.originalUrl.startsWith('/__admin')) {
        const entry: JournalEntry = { at: new Date().toISOString(), method: req.method, url: req.originalUrl, status: res.statusCode, durationMs, tenant };
        if (req.body !== undefined) {
          const text = JSON.stringify(req.body);
          entry.body = text.length <= MAX_BODY_CHARS ? req.body : `[${text.length} characters, not recorded]`;
        }
        journal.add(entry);
      }
      log?.(`${req.method} ${req.originalUrl} ${res.statusCode} ${durationMs.toFixed(1)}ms ${tenant ?? '-'}`);
    });
    next();
  };
}
