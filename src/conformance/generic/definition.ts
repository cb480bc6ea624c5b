import type { Basis, Decision, Operation } from '../../contract/index.js';
import type { Answer } from '../http/client.js';
import type { Mutation } from '../generate/mutations.js';
import type { RequestCase } from '../generate/operation-parts.js';
import type { CatalogueEntry, ExchangeRecord } from '../types.js';

/** What every event is about: an operation, and the exchange that shows it. */
interface About {
  op: Operation;
  record: ExchangeRecord;
}

/** An answer to any request of the run (hand-written or generated), or one seen in traffic. */
export interface AnswerEvent extends About {
  status: number;
  body: unknown;
  /** the response the status falls under (its own, a range, or default), if the operation declares one */
  declared: string | undefined;
  /** the status is one the operation declares, or a 4xx that default covers */
  covered: boolean;
  /** the decision the status rests on (see ProvenanceLookup.status): none when it is documented */
  statusDecision: Decision | undefined;
}

/** A valid request the generation made; `exists`: its target was just made by the run. */
export interface ValidEvent extends About {
  case: RequestCase;
  res: Answer;
  exists: boolean;
}

/** A valid request with one keyword of the contract broken. */
export interface InvalidEvent extends About {
  mutation: Mutation;
  res: Answer;
}

/** A request without a key, or with a made-up one. */
export interface KeylessEvent extends About {
  res: Answer;
}

/** An operation on what the run deleted; the status other than 404 rests on `decision`. */
export interface DeletedEvent extends About {
  res: Answer;
  what: string;
  decision: Decision;
}

/** The events a generic check may judge, each by name. */
export interface Events {
  answer: AnswerEvent;
  /** a request that got no answer at all */
  noAnswer: About;
  valid: ValidEvent;
  invalid: InvalidEvent;
  keyless: KeylessEvent;
  deleted: DeletedEvent;
}

/** One fault a check found; the dispatcher makes it a finding keyed by check, operation and `key`. */
export interface Verdict {
  key: string;
  assertion: string;
  message: string;
  /** the x-inferred decision the finding rests on: none, and it gates */
  decision?: Decision;
  /** the reference's words a documented finding rests on */
  reference?: string;
}

/** What a handler concluded from one event: its faults, and the decisions the event agreed with. */
export interface Conclusion {
  findings?: Verdict[];
  agrees?: Decision[];
}

/**
 * A handler returns undefined when the event is not one it applies to (the check has not looked at
 * anything, so it is not counted as evaluated), and a conclusion otherwise, possibly empty.
 */
export type Handlers = { [E in keyof Events]?: (event: Events[E]) => Conclusion | undefined };

/** One generic check, whole: what the catalogue shows of it and what it does with each event. */
export interface GenericCheck<Id extends string = string> {
  id: Id;
  title: string;
  kind: CatalogueEntry['kind'];
  creates: boolean;
  /** the reference's sentence, where one states the rule */
  reference?: string;
  on: Handlers;
}

/** Keeps a definition's id as its literal type, which GENERIC and GenericId are made of. */
export const defineCheck = <Id extends string>(check: GenericCheck<Id>): GenericCheck<Id> => check;

/** The decisions given (those that are) agreed with what was seen, and the faults found. */
export const concluded = (agrees: (Decision | undefined)[], findings: Verdict[] = []): Conclusion => ({ agrees: agrees.filter((d): d is Decision => d !== undefined), findings });
export const passed = (...agrees: (Decision | undefined)[]): Conclusion => concluded(agrees);
export const failed = (...findings: Verdict[]): Conclusion => concluded([], findings);

/** The decision a finding rests on: none when its ground is documented (it gates). */
export const decisionIn = (basis: Basis | undefined): Decision | undefined => (basis?.provenance === 'inferred' ? basis.decision : undefined);

/** What a finding rests on, as a verdict carries it: the decision (it warns), or the reference's words (it gates). */
export const groundsOf = (basis: Basis | undefined): Pick<Verdict, 'decision' | 'reference'> =>
  basis?.provenance === 'inferred' ? { decision: basis.decision } : basis?.provenance === 'documented' ? { reference: basis.quote } : {};

export const line = (r: ExchangeRecord) => `${r.request.method} ${r.request.url} → ${r.response?.status}`;
export const success = (status: number) => status >= 200 && status < 300;
export const refusal = (status: number) => status >= 400 && status < 500;
