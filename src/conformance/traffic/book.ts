import { allDecisions, type Decision } from '../../contract/index.js';
import { DecisionLedger, type DecisionReport } from '../contract/ledger.js';
import { Coverage } from '../run/coverage.js';
import type { CoverageRow, ExchangeRecord } from '../types.js';
import { sampleOf, type Exchange } from './exchange.js';
import { TrafficJudge, type Judgement, type TrafficCheck, type TrafficFinding } from './judge.js';

export type FailOn = 'documented' | 'any' | 'none';
export const FAIL_ON: readonly FailOn[] = ['documented', 'any', 'none'];

/** One fault, however often seen: operation × status × field, with its provenance and one sample. */
export interface FindingGroup {
  /** short and stable (the same fault has the same id in every run): what annotate mode sends */
  id: string;
  check: TrafficCheck;
  operationId: string | undefined;
  status: number | undefined;
  field: string;
  provenance: TrafficFinding['provenance'];
  decision?: Decision;
  /** documented: the reference's words it rests on */
  reference?: string;
  assertion: string;
  /** the first occurrence's message */
  message: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** the first exchange that showed it, bodies clipped (and, in a report, redacted) */
  sample: Exchange;
}

export interface TrafficReport {
  source: string;
  startedAt: string;
  endedAt: string;
  exchanges: number;
  /** exchanges that reached an operation of the contract */
  judged: number;
  /** exchanges left out, by reason (not the API, a CORS preflight) */
  skipped: Record<string, number>;
  /** answers whose body was past the bound: status and content type checked, the schema not */
  bodiesNotValidated: number;
  /** requests that got no answer */
  unanswered: number;
  /** contract findings: documented, inferred and gaps, most important first */
  findings: FindingGroup[];
  /** requests that broke the contract and were refused (the client's mistakes) */
  clientRequests: FindingGroup[];
  /** distinct faults past the bound, counted but not kept */
  droppedGroups: number;
  /** exchanges the validator could not judge (a bug of ours, never the traffic's) */
  validatorErrors: number;
  /** exchanges forwarded but not judged: the proxy's validator was that far behind */
  notJudged?: number;
  coverage: CoverageRow[];
  unexercised: { operations: string[]; statuses: { operationId: string; status: string }[] };
  /** every x-inferred decision: agreed, contradicted (with the exchange) or not exercised by the traffic */
  decisions: DecisionReport[];
  failOn: FailOn;
  /** findings that match --fail-on */
  failing: number;
}

export interface Redaction {
  exchange(exchange: Exchange): Exchange;
  record(record: ExchangeRecord): ExchangeRecord;
  text(line: string): string;
}

const MAX_GROUPS = 2000;
const ORDER: Record<FindingGroup['provenance'], number> = { documented: 0, inferred: 1, difference: 2, gap: 3, client: 4 };

/** FNV-1a, 32 bits: a short id that stays the same for the same fault across runs. */
function shortId(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `F${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

export function matchesFailOn(group: Pick<FindingGroup, 'provenance'>, failOn: FailOn): boolean {
  if (failOn === 'none' || group.provenance === 'client') return false;
  return failOn === 'any' || group.provenance === 'documented';
}

/**
 * What a stream of exchanges showed, kept bounded: findings grouped by their fault (a count, first
 * and last seen, one sample), coverage of the contract, the inferred decisions' evidence.
 */
export class TrafficBook {
  private readonly ledger = new DecisionLedger();
  private readonly judge: TrafficJudge;
  private readonly coverage = new Coverage();
  private readonly groups = new Map<string, FindingGroup>();
  private readonly startedAt = new Date().toISOString();
  private counts = { exchanges: 0, judged: 0, bodiesNotValidated: 0, unanswered: 0, droppedGroups: 0, validatorErrors: 0 };
  private readonly skipped: Record<string, number> = {};

  constructor(
    readonly source: string,
    options: { basePath?: string } = {},
  ) {
    this.judge = new TrafficJudge(this.ledger, options);
  }

  /** Judges one exchange and files what it shows; the groups it touched come back (annotate and enforce use them). */
  add(exchange: Exchange): FindingGroup[] {
    this.counts.exchanges++;
    let judgement: Judgement;
    try {
      judgement = this.judge.judge(exchange, `exchange ${this.counts.exchanges} at ${exchange.startedAt}`);
    } catch {
      this.counts.validatorErrors++;
      return [];
    }
    if (judgement.skipped) {
      this.skipped[judgement.skipped] = (this.skipped[judgement.skipped] ?? 0) + 1;
      return [];
    }
    this.counts.judged++;
    if (!exchange.response) this.counts.unanswered++;
    if (judgement.bodyNotValidated) this.counts.bodiesNotValidated++;
    if (judgement.record) this.coverage.see(judgement.record);
    const touched: FindingGroup[] = [];
    for (const finding of judgement.findings) {
      const group = this.file(finding, exchange);
      if (group) touched.push(group);
    }
    return touched;
  }

  /** A finding from outside the judge (a replay's difference), grouped like the others. */
  note(finding: TrafficFinding, exchange: Exchange): FindingGroup | undefined {
    return this.file(finding, exchange);
  }

  private file(finding: TrafficFinding, exchange: Exchange): FindingGroup | undefined {
    const seen = this.groups.get(finding.key);
    if (seen) {
      seen.count++;
      seen.lastSeen = exchange.startedAt;
      return seen;
    }
    if (this.groups.size >= MAX_GROUPS) {
      this.counts.droppedGroups++;
      return undefined;
    }
    const group: FindingGroup = {
      id: shortId(finding.key),
      check: finding.check,
      operationId: finding.operationId,
      status: finding.status,
      field: finding.field,
      provenance: finding.provenance,
      ...(finding.decision ? { decision: finding.decision } : {}),
      ...(finding.reference ? { reference: finding.reference } : {}),
      assertion: finding.assertion,
      message: finding.message,
      count: 1,
      firstSeen: exchange.startedAt,
      lastSeen: exchange.startedAt,
      sample: sampleOf(exchange),
    };
    this.groups.set(finding.key, group);
    return group;
  }

  /** Counts for a live line: exchanges, and findings by provenance. */
  tally(): { exchanges: number; documented: number; inferred: number; gap: number; client: number; difference: number; unanswered: number } {
    const by = { documented: 0, inferred: 0, gap: 0, client: 0, difference: 0 };
    for (const g of this.groups.values()) by[g.provenance]++;
    return { exchanges: this.counts.exchanges, unanswered: this.counts.unanswered, ...by };
  }

  failing(failOn: FailOn): number {
    return [...this.groups.values()].filter((g) => matchesFailOn(g, failOn)).length;
  }

  report(failOn: FailOn, redaction: Redaction): TrafficReport {
    const groups = [...this.groups.values()]
      .map((g) => {
        // the sample first: the secrets it carries are then known wherever else they appear
        const sample = redaction.exchange(g.sample);
        return { ...g, sample, message: redaction.text(g.message) };
      })
      .sort((a, b) => ORDER[a.provenance] - ORDER[b.provenance] || b.count - a.count);
    const coverage = this.coverage.rows();
    const decisions = this.ledger.report(allDecisions()).map((d) => ({
      ...d,
      contradictions: d.contradictions.map((c) => ({ ...c, message: redaction.text(c.message), seenIn: redaction.text(c.seenIn), ...(c.exchange ? { exchange: redaction.record(c.exchange) } : {}) })),
    }));
    return {
      source: redaction.text(this.source),
      startedAt: this.startedAt,
      endedAt: new Date().toISOString(),
      exchanges: this.counts.exchanges,
      judged: this.counts.judged,
      skipped: { ...this.skipped },
      bodiesNotValidated: this.counts.bodiesNotValidated,
      unanswered: this.counts.unanswered,
      findings: groups.filter((g) => g.provenance !== 'client'),
      clientRequests: groups.filter((g) => g.provenance === 'client'),
      droppedGroups: this.counts.droppedGroups,
      validatorErrors: this.counts.validatorErrors,
      coverage,
      unexercised: {
        operations: coverage.filter((r) => Object.entries(r.statuses).every(([s, n]) => s === 'undeclared' || n === 0)).map((r) => r.operationId),
        statuses: coverage.flatMap((r) => Object.entries(r.statuses).filter(([s, n]) => s !== 'undeclared' && n === 0).map(([status]) => ({ operationId: r.operationId, status }))),
      },
      decisions,
      failOn,
      failing: groups.filter((g) => matchesFailOn(g, failOn)).length,
    };
  }
}
