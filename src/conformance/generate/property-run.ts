import fc from 'fast-check';
import { loadContract, type Operation } from '../../contract/index.js';
import { NetworkFailure, type HttpClient, type Answer } from '../http/client.js';
import { FindingBook, type Finding } from '../generic/findings.js';
import type { Tracker } from '../types.js';
import { urlOf, type RequestCase } from './requests.js';
import type { ValueContext } from './values.js';
import type { Dispatcher } from '../generic/dispatcher.js';

export interface GenerationOptions {
  /** key A, every answer shown to the response checks */
  api: HttpClient;
  /** no key, for ignored-auth */
  anonymous: HttpClient;
  runId: string;
  seed: number;
  /** generated requests per operation */
  perOperation: number;
  /** the operations to generate requests to (default every one) */
  operations?: ReadonlySet<string>;
  readOnly: boolean;
  strict: boolean;
  concurrency: number;
  signal?: AbortSignal;
  /** the generic checks the generated answers go to */
  judge: Dispatcher;
  track: Tracker;
}

// built once: making a stringMatching arbitrary compiles its pattern (~5 ms), and every property
// (several an operation, each run) needs the same one, tagged its own way
const EMAIL_LOCAL_PART = fc.stringMatching(/^[a-z0-9]{1,10}$/);

/** A hash of a label, so each property has its own seed and adding one does not move the others. */
function spread(seed: number, label: string): number {
  let h = seed | 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  return h | 0;
}

/** What one property of the generation shares: its seed, its request budget, the clients and the judge. */
export class PropertyRun {
  readonly values: ValueContext;
  readonly tag: string;
  private sent = 0;

  constructor(
    readonly options: GenerationOptions,
    readonly label: string,
    readonly runs: number,
    index: number,
  ) {
    // a tag of its own: properties run side by side, and an email two of them drew alike would make
    // what each sends depend on which ran first (a 201 or a 409), not on the seed alone
    this.tag = `${options.runId}g${index}x`;
    this.values = {
      doc: loadContract().doc,
      email: EMAIL_LOCAL_PART.map((local) => `${this.tag}${local}@example.com`),
    };
  }

  get seed(): number {
    return spread(this.options.seed, this.label);
  }

  /**
   * Shrinking replays a failure many times over; past the budget a case passes without a request,
   * which ends the shrinking with the smallest failure found so far.
   */
  spent(): boolean {
    return Boolean(this.options.signal?.aborted) || this.sent >= this.runs * 6 + 60;
  }

  gates(findings: Finding[]): boolean {
    return findings.some((f) => FindingBook.gates(f, this.options.strict));
  }

  async send(op: Operation, c: RequestCase, client: HttpClient = this.options.api, headers: Record<string, string> = {}): Promise<Answer> {
    this.sent++;
    const res = await client.withLog([], `generated: ${this.label} (seed ${this.options.seed})`).request(op.method.toUpperCase(), urlOf(op, c), c.body, headers);
    this.trackCreated(op, res);
    return res;
  }

  /** Whatever a 2xx made is deleted at the end, even when the input should have been refused. */
  private trackCreated(op: Operation, res: Answer): void {
    if (res.status < 200 || res.status >= 300 || !res.body || typeof res.body !== 'object') return;
    const body = res.body as { id?: string; details?: { contactId?: string | null; success?: boolean }[] };
    if (op.operationId === 'createContact') this.options.track.contact(body.id);
    if (op.operationId === 'createDocument') this.options.track.document(body.id);
    if (op.operationId === 'bulkCreateContacts' && Array.isArray(body.details)) for (const d of body.details) if (d?.success) this.options.track.contact(d.contactId);
  }

  /**
   * Runs a property; a case holds unless it has a gating finding. A request without an answer is a
   * finding of its own, once: after it (the server may be down) cases pass unsent, which ends the
   * shrinking. Any other error is a bug of the suite and is thrown after the property.
   */
  async check<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<boolean>): Promise<void> {
    let unexpected: unknown;
    let unanswered = false;
    await fc.check(
      fc.asyncProperty(arb, async (value) => {
        if (this.spent() || unanswered || unexpected) return true;
        try {
          return await predicate(value);
        } catch (error) {
          if (!(error instanceof NetworkFailure)) unexpected = error;
          else {
            unanswered = true;
            const op = loadContract().operation(error.exchange.operationId ?? '');
            return !this.gates(this.options.judge.noAnswer(op, error.exchange));
          }
          return true;
        }
      }),
      { seed: this.seed, numRuns: this.runs },
    );
    if (unexpected) throw unexpected;
  }
}
