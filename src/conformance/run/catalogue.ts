import { CHECKS } from '../checks/index.js';
import type { CleanupReport } from './cleanup.js';
import { GENERIC_CHECKS } from '../generic/registry.js';
import type { CatalogueEntry, Check, CheckResult } from '../types.js';

/** Not a rule of the API but of the run: what it created is gone at the end. */
export const CLEANUP: CatalogueEntry = {
  id: 'cleanup.nothing-left',
  title: 'everything the run created is deleted (a final search for the run id finds nothing)',
  origin: 'run',
  operations: ['bulkDeleteContacts', 'listContacts'],
  provenance: 'documented',
  reference: 'DELETE /v2/contacts/bulk — Borra hasta 100 perfiles de contacto.',
  kind: 'positive',
  creates: false,
};

/** The run's own check: a final search for the run id found nothing. */
export function cleanupResult(report: CleanupReport, runId: string): CheckResult {
  const ok = report.leftContacts === 0 && !report.searchFailed;
  const { creates: _creates, needs: _needs, decision: _decision, ...entry } = CLEANUP;
  return {
    ...entry,
    outcome: ok ? 'passed' : 'failed',
    message: ok ? undefined : report.searchFailed ? 'the final search for the run id failed' : `${report.leftContacts} contacts of run ${runId} are left`,
    durationMs: 0,
  };
}

export const entryOf = (check: Check): CatalogueEntry => {
  const { run: _run, ...entry } = check;
  return { ...entry, origin: 'hand-written' };
};

/** Every id a run can report, in the order it reports them: hand-written, generic, then the run's own. */
export function catalogue(checks: Check[] = CHECKS): CatalogueEntry[] {
  return [...checks.map(entryOf), ...GENERIC_CHECKS, CLEANUP];
}

/** One row per check, the same columns for all (--list). */
export function listRow(e: CatalogueEntry): string {
  return [e.id, e.origin, e.provenance, e.kind, e.creates ? 'creates' : 'read-only', e.title].join('\t');
}
