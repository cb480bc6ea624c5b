import { loadContract } from '../../contract/index.js';
import type { CatalogueEntry } from '../types.js';

/** The ids of the generic checks: each reported under its own name, like Schemathesis's. */
export const GENERIC = {
  serverError: 'generic.not-a-server-error',
  statusCode: 'generic.status-code-conformance',
  contentType: 'generic.content-type-conformance',
  responseSchema: 'generic.response-schema-conformance',
  negativeData: 'generic.negative-data-rejection',
  positiveData: 'generic.positive-data-acceptance',
  ignoredAuth: 'generic.ignored-auth',
  useAfterDelete: 'generic.use-after-delete',
} as const;

export type GenericId = (typeof GENERIC)[keyof typeof GENERIC];

const every = () => loadContract().operations.map((op) => op.operationId);

const entry = (id: GenericId, title: string, kind: CatalogueEntry['kind'], creates: boolean, reference?: string): CatalogueEntry => ({
  id,
  title,
  origin: 'generic',
  operations: every(),
  provenance: 'documented',
  reference,
  kind,
  creates,
});

export const GENERIC_CHECKS: CatalogueEntry[] = [
  entry(GENERIC.serverError, 'no answer, to a hand-written or a generated request, is a 5xx', 'response', false),
  entry(GENERIC.statusCode, 'every status is one the operation declares (a 4xx may fall under default)', 'response', false),
  entry(GENERIC.contentType, 'every answer with a body is application/json', 'response', false),
  entry(GENERIC.responseSchema, 'every answer matches the contract’s schema for its operation and status', 'response', false),
  entry(GENERIC.negativeData, 'generated invalid input is refused with a 4xx and a FastAPI body, never a 2xx', 'negative', false),
  entry(GENERIC.positiveData, 'generated valid input is not refused as invalid (400/422)', 'positive', false),
  entry(GENERIC.ignoredAuth, 'generated requests without a key or with a made-up key are refused with 401', 'negative', false),
  entry(
    GENERIC.useAfterDelete,
    'after a generated contact is deleted (or a participant removed), every operation on it is 404',
    'negative',
    true,
    'Elimina el perfil CRM de un contacto. … un contacto de otro tenant reporta Contact not found.',
  ),
];
