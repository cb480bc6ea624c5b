import { loadContract } from '../../contract/index.js';
import type { CoverageRow, ExchangeRecord } from '../types.js';

/** Operations × declared statuses: which answers of the contract the run actually saw. */
export class Coverage {
  private readonly seen = new Map<string, Map<string, number>>();

  see(record: ExchangeRecord): void {
    const status = record.response?.status;
    if (!record.operationId || status === undefined) return;
    const op = loadContract().operation(record.operationId);
    const declared = op.responses.some((r) => r.status === String(status)) ? String(status) : op.responseFor(status) ? 'default' : 'undeclared';
    const counts = this.seen.get(op.operationId) ?? new Map<string, number>();
    counts.set(declared, (counts.get(declared) ?? 0) + 1);
    this.seen.set(op.operationId, counts);
  }

  rows(): CoverageRow[] {
    return loadContract().operations.map((op) => {
      const counts = this.seen.get(op.operationId) ?? new Map<string, number>();
      const statuses: Record<string, number> = {};
      for (const r of op.responses) statuses[r.status] = counts.get(r.status) ?? 0;
      if (counts.has('undeclared')) statuses.undeclared = counts.get('undeclared')!;
      return { operationId: op.operationId, method: op.method.toUpperCase(), path: op.path, statuses };
    });
  }
}
