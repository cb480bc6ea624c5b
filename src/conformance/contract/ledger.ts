import type { ExchangeRecord } from '../types.js';
import type { Decision } from '../../contract/index.js';

export type DecisionVerdict = 'agreed' | 'contradicted' | 'not exercised';

export interface Contradiction {
  message: string;
  /** where it was seen: a check id, or a generated case */
  seenIn: string;
  exchange?: ExchangeRecord;
}

export interface DecisionReport extends Decision {
  verdict: DecisionVerdict;
  /** exchanges or assertions that behaved as the decision says */
  agreements: number;
  /** the first few that did not, each with the exchange that shows it */
  contradictions: Contradiction[];
}

const KEEP = 3;

/** What the target said about each x-inferred decision: the evidence for promoting or fixing it. */
export class DecisionLedger {
  private readonly agreed = new Map<string, number>();
  private readonly contradicted = new Map<string, Contradiction[]>();

  agree(decision: Decision): void {
    this.agreed.set(decision.pointer, (this.agreed.get(decision.pointer) ?? 0) + 1);
  }

  contradict(decision: Decision, contradiction: Contradiction): void {
    const list = this.contradicted.get(decision.pointer) ?? [];
    if (list.length < KEEP) list.push(contradiction);
    this.contradicted.set(decision.pointer, list);
  }

  report(decisions: Decision[]): DecisionReport[] {
    return decisions.map((d) => {
      const contradictions = this.contradicted.get(d.pointer) ?? [];
      const agreements = this.agreed.get(d.pointer) ?? 0;
      const verdict: DecisionVerdict = contradictions.length ? 'contradicted' : agreements ? 'agreed' : 'not exercised';
      return { ...d, verdict, agreements, contradictions };
    });
  }
}
