import { loadContract } from '../../contract/index.js';
import { GENERIC, type GenericId } from '../generic/registry.js';
import { PropertyRun, type GenerationOptions } from './property-run.js';
import { CONTACT_LIFECYCLE, DOCUMENT_LIFECYCLE, contactLifecycle, documentLifecycle } from './stateful.js';
import { eachConstraintOnce } from './each-constraint.js';
import { negativeProperty, positiveProperty } from './stateless.js';

export type { GenerationOptions } from './property-run.js';

const RESPONSE_CHECKS: GenericId[] = [GENERIC.serverError, GENERIC.statusCode, GENERIC.contentType, GENERIC.responseSchema];

interface Task {
  label: string;
  runs: number;
  work(run: PropertyRun): Promise<void>;
}

/**
 * The generative mode: per operation, a deterministic pass (every keyword broken once, every
 * decided acceptance exercised once), valid and invalid requests drawn from its schemas (half each),
 * then stateful sequences over contacts and documents. Only what a selected check looks at is sent.
 */
export async function generate(options: GenerationOptions): Promise<void> {
  const wanted = (...ids: GenericId[]) => [...RESPONSE_CHECKS, ...ids].some((id) => options.judge.selected(id));
  const n = options.perOperation;
  const tasks: Task[] = [];
  const chosen = (...ids: string[]) => !options.operations || ids.some((id) => options.operations!.has(id));
  for (const op of loadContract().operations.filter((o) => chosen(o.operationId))) {
    if (options.readOnly && op.method !== 'get') continue;
    if (wanted(GENERIC.positiveData, GENERIC.ignoredAuth)) tasks.push({ label: `${op.operationId} valid`, runs: Math.ceil(n / 2), work: (s) => positiveProperty(s, op) });
    if (wanted(GENERIC.negativeData, GENERIC.positiveData)) tasks.push({ label: `${op.operationId} each constraint`, runs: 1, work: (s) => eachConstraintOnce(s, op) });
    if (wanted(GENERIC.negativeData) && n > 1) tasks.push({ label: `${op.operationId} invalid`, runs: Math.floor(n / 2), work: (s) => negativeProperty(s, op) });
  }
  if (!options.readOnly && wanted(GENERIC.positiveData, GENERIC.useAfterDelete)) {
    const runs = Math.max(1, Math.round(n / 5));
    if (chosen(...CONTACT_LIFECYCLE)) tasks.push({ label: 'contact lifecycle', runs, work: contactLifecycle });
    if (chosen(...DOCUMENT_LIFECYCLE)) tasks.push({ label: 'document lifecycle', runs, work: documentLifecycle });
  }
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && !options.signal?.aborted) {
      const index = next++;
      const task = tasks[index]!;
      await task.work(new PropertyRun(options, task.label, task.runs, index));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
}
