import { StoreFullError } from '../../port/errors.js';
import type { SnapshotInfo, StoreState } from '../../port/records.js';
import { contactBytes, documentBytes } from './footprint.js';

/** What the snapshots of one process may hold, in bytes. */
export const DEFAULT_SNAPSHOT_BYTES = 512 * 2 ** 20;
export const MAX_SNAPSHOTS = 20;

function footprint(state: StoreState): number {
  let bytes = 0;
  for (const t of state.tenants) {
    for (const c of t.contacts) bytes += contactBytes(c);
    for (const d of t.documents) bytes += documentBytes(d);
  }
  return bytes;
}

/** Named copies of the whole store, bounded in number and in bytes. */
export class SnapshotShelf {
  private readonly shelf = new Map<string, { info: SnapshotInfo; state: StoreState; bytes: number }>();

  constructor(private readonly maxBytes = DEFAULT_SNAPSHOT_BYTES) {}

  /** keeps a copy of `state` (it may be live data: nothing is shared with it) */
  save(name: string, state: StoreState): SnapshotInfo {
    const bytes = footprint(state);
    const others = [...this.shelf].filter(([n]) => n !== name);
    if (others.length >= MAX_SNAPSHOTS) throw new StoreFullError(`the ${MAX_SNAPSHOTS} snapshots`, this.maxBytes);
    if (others.reduce((sum, [, s]) => sum + s.bytes, 0) + bytes > this.maxBytes) throw new StoreFullError('the snapshots', this.maxBytes);
    const info: SnapshotInfo = {
      name,
      createdAt: new Date().toISOString(),
      tenants: state.tenants.length,
      contacts: state.tenants.reduce((n, t) => n + t.contacts.length, 0),
      documents: state.tenants.reduce((n, t) => n + t.documents.length, 0),
    };
    this.shelf.set(name, { info, state: structuredClone(state), bytes });
    return { ...info };
  }

  /** a copy to restore from, or undefined */
  take(name: string): StoreState | undefined {
    const kept = this.shelf.get(name);
    return kept ? structuredClone(kept.state) : undefined;
  }

  list(): SnapshotInfo[] {
    return [...this.shelf.values()].map((s) => ({ ...s.info }));
  }

  delete(name: string): boolean {
    return this.shelf.delete(name);
  }
}
