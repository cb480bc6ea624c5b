import { CHECKS } from './checks/index.js';
import { GENERIC_CHECKS } from './generic/catalogue.js';
import type { CatalogueEntry, Check } from './types.js';

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
