import { adminLimits } from '../../contract/index.js';
import type { JournalEntry } from '../../types/admin.js';
import { parseJsonBody } from './json-body.js';

// the entry's shape is the control plane's wire type: the admin client reads the same one
export type { JournalEntry };

/** What is kept per entry: the body stays text, so an entry costs what the client sent, not a parsed tree. */
interface StoredEntry extends Omit<JournalEntry, 'body'> {
  bodyText?: string;
  bytes: number;
}

export interface JournalFilter {
  limit?: number | undefined;
  tenant?: string | undefined;
  operationId?: string | undefined;
  /** ISO 8601 time: entries at or after it */
  since?: string | undefined;
}

export const JOURNAL_MAX_BODY_CHARS = 10_000;
const ENTRY_OVERHEAD = 200;

export interface JournalLimits {
  /** entries kept at most */
  capacity: number;
  /** UTF-16 code units kept at most over all entries (two bytes each in memory) */
  maxChars: number;
}

/**
 * The last requests, newest first: what a frontend sent, for debugging its tests. Bounded by count
 * and by size: a flood of large bodies pushes old entries out instead of growing the heap.
 */
export class RequestJournal {
  private entries: StoredEntry[] = [];
  private head = 0;
  private chars = 0;

  /** by default as many entries as the control plane's contract lets GET /__admin/requests ask for */
  constructor(readonly limits: JournalLimits = { capacity: adminLimits().journalEntries, maxChars: 4 * 1024 * 1024 }) {}

  get capacity(): number {
    return this.limits.capacity;
  }

  add(entry: Omit<JournalEntry, 'body'>, bodyText: string | undefined): void {
    const stored: StoredEntry = { ...entry, bytes: ENTRY_OVERHEAD + entry.url.length, ...(bodyText === undefined ? {} : clipBody(bodyText)) };
    stored.bytes += stored.bodyText?.length ?? 0;
    this.entries.push(stored);
    this.chars += stored.bytes;
    while (this.size() > this.limits.capacity || (this.chars > this.limits.maxChars && this.size() > 1)) {
      this.chars -= this.entries[this.head]!.bytes;
      this.head++;
    }
    // drop the evicted prefix once it is half of the array, so eviction stays O(1) on average
    if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  size(): number {
    return this.entries.length - this.head;
  }

  /** newest first; narrowed to a tenant, an operation, or what came at or after `since` (an ISO time) */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const limit = filter.limit ?? this.limits.capacity;
    const out: JournalEntry[] = [];
    for (let i = this.entries.length - 1; i >= this.head && out.length < limit; i--) {
      const e = this.entries[i]!;
      if (filter.since !== undefined && e.at < filter.since) break;
      if (filter.tenant !== undefined && e.tenant !== filter.tenant) continue;
      if (filter.operationId !== undefined && e.operationId !== filter.operationId) continue;
      out.push(view(e));
    }
    return out;
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
    this.chars = 0;
  }
}

function clipBody(text: string): { bodyText: string } {
  if (text.length <= JOURNAL_MAX_BODY_CHARS) return { bodyText: text };
  return { bodyText: JSON.stringify(`[${text.length} characters, not recorded]`) };
}

function view({ bodyText, bytes: _bytes, ...entry }: StoredEntry): JournalEntry {
  if (bodyText === undefined) return entry;
  // what was refused as JSON (bad, or nested too deep to answer with) is shown as the text it was
  const parsed = parseJsonBody(bodyText);
  return { ...entry, body: parsed.ok ? parsed.value : bodyText };
}
