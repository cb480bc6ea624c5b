import type { CatalogueEntry, CheckResult, Note } from '../types.js';
import type { GenericId } from './registry.js';

export interface Finding extends Note {
  check: GenericId;
  /** one finding per key: the same fault seen again keeps the smaller example (see FindingBook.add) */
  key: string;
}

const SHOWN = 10;

const requestSize = (f: Finding) => (f.exchange ? JSON.stringify(f.exchange.request).length : Infinity);

/** The generic checks' findings over the whole run, one per distinct fault, and how much each check saw. */
export class FindingBook {
  private readonly counts = new Map<string, number>();
  private readonly byKey = new Map<string, Finding>();

  evaluated(check: string, n = 1): void {
    this.counts.set(check, (this.counts.get(check) ?? 0) + n);
  }

  /**
   * One finding per fault, shown by the smallest request that shows it: a property's shrinking ends
   * on its smallest, and the deterministic pass, running beside it, must not replace that with its
   * larger request.
   */
  add(finding: Finding): Finding {
    const kept = this.byKey.get(finding.key);
    if (!kept || requestSize(finding) <= requestSize(kept)) this.byKey.set(finding.key, finding);
    return finding;
  }

  addAll(findings: Finding[]): Finding[] {
    for (const f of findings) this.add(f);
    return findings;
  }

  /** A finding gates unless it rests on an x-inferred decision (then it warns, or fails with --strict). */
  static gates(finding: Finding, strict: boolean): boolean {
    return strict || !finding.decision;
  }

  result(entry: CatalogueEntry, strict: boolean, notExercised: string): CheckResult {
    const base = { id: entry.id, title: entry.title, origin: entry.origin, provenance: entry.provenance, kind: entry.kind, operations: entry.operations, reference: entry.reference };
    const seen = this.counts.get(entry.id) ?? 0;
    if (seen === 0) return { ...base, outcome: 'skipped', message: notExercised, durationMs: 0 };
    const findings = [...this.byKey.values()].filter((f) => f.check === entry.id);
    findings.sort((a, b) => Number(FindingBook.gates(b, false)) - Number(FindingBook.gates(a, false)));
    const gating = findings.filter((f) => FindingBook.gates(f, strict));
    const outcome = gating.length ? 'failed' : findings.length ? 'warned' : 'passed';
    const what = `${seen} ${entry.kind === 'response' ? 'answers' : 'cases'} checked`;
    const message = findings.length
      ? `${findings.length} distinct finding${findings.length === 1 ? '' : 's'} in ${what}: ${findings[0]!.message}`
      : `${what}, no finding`;
    const shown = findings.slice(0, SHOWN);
    const first = gating[0] ?? findings[0];
    return { ...base, outcome, message, notes: shown, exchanges: first?.exchange ? [first.exchange] : undefined, durationMs: 0 };
  }
}
