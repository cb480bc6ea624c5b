import { loadContract } from '../../contract/index.js';
import type { CatalogueEntry } from '../types.js';
import type { GenericCheck } from './definition.js';
import { contentType } from './checks/content-type.js';
import { ignoredAuth } from './checks/ignored-auth.js';
import { negativeData } from './checks/negative-data.js';
import { notAServerError } from './checks/not-a-server-error.js';
import { positiveData } from './checks/positive-data.js';
import { responseSchema } from './checks/response-schema.js';
import { statusCode } from './checks/status-code.js';
import { useAfterDelete } from './checks/use-after-delete.js';

/**
 * Checks a list of definitions before it is used: ids are what reports and --only/--skip name, so
 * each is unique and generic; a check without a title or a handler could only ever be skipped.
 */
export function register<C extends GenericCheck>(checks: readonly C[]): readonly C[] {
  const seen = new Set<string>();
  for (const check of checks) {
    if (!/^generic\.[a-z-]+$/.test(check.id)) throw new Error(`generic check id ${JSON.stringify(check.id)}: expected generic.<lowercase-words>`);
    if (seen.has(check.id)) throw new Error(`generic check ${check.id} is defined twice`);
    seen.add(check.id);
    if (!check.title?.trim()) throw new Error(`generic check ${check.id} has no title`);
    if (!Object.values(check.on ?? {}).some((h) => typeof h === 'function')) throw new Error(`generic check ${check.id} handles no event`);
  }
  return checks;
}

/** Every generic check, in the order they run on an event and are reported. */
export const DEFINITIONS = register([notAServerError, statusCode, contentType, responseSchema, negativeData, positiveData, ignoredAuth, useAfterDelete] as const);

export type GenericId = (typeof DEFINITIONS)[number]['id'];

/** The ids by name, for the code that starts or selects a check (each reported under its own id, like Schemathesis's). */
export const GENERIC = {
  serverError: notAServerError.id,
  statusCode: statusCode.id,
  contentType: contentType.id,
  responseSchema: responseSchema.id,
  negativeData: negativeData.id,
  positiveData: positiveData.id,
  ignoredAuth: ignoredAuth.id,
  useAfterDelete: useAfterDelete.id,
} as const;

/** A definition as the catalogue lists it: a generic check sees every operation, and gates where its ground is documented. */
export const catalogueEntry = (check: GenericCheck): CatalogueEntry => ({
  id: check.id,
  title: check.title,
  origin: 'generic',
  operations: loadContract().operations.map((op) => op.operationId),
  provenance: 'documented',
  reference: check.reference,
  kind: check.kind,
  creates: check.creates,
});

export const GENERIC_CHECKS: CatalogueEntry[] = DEFINITIONS.map(catalogueEntry);
