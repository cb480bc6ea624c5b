// The control plane's wire types (/__admin), generated from openapi/admin.yaml
// (admin.generated.ts, never edited) and named here for the admin client and the journal. Where the
// control plane names something of the API (an operation, a contact's profile, a document), the
// alias takes the API's own type; a fault names its tenant or a key, never both.
import type { components, operations as AdminGeneratedOperations } from './admin.generated.js';
import type { ContactDetailResponse, OperationId, SigningDocument } from './index.js';

type Schemas = components['schemas'];
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** Every operation of the control plane, as generated. */
export type AdminOperations = AdminGeneratedOperations;
export type AdminOperationId = keyof AdminOperations;

export type AdminCounts = Schemas['Counts'];
/** GET /__admin/health */
export type AdminHealth = Schemas['Health'];
/** One entry of GET /__admin/tenants */
export type AdminTenant = Schemas['Tenant'];
/** POST /__admin/tenants: the options of a throwaway tenant */
export type AdminNewTenant = Schemas['NewTenant'];
/** POST /__admin/reset */
export type AdminResetResult = Schemas['ResetResult'];
/** POST /__admin/tenants/{tenant}/reset */
export type AdminTenantResetResult = Schemas['TenantResetResult'];
/** DELETE of a tenant, a snapshot or a fault */
export type AdminDeleted = Schemas['Deleted'];
/**
 * GET /__admin/export, and what POST /__admin/fixtures and snapshots take: the whole store. Contacts
 * and documents are the store's records (see docs/mock.md); fixtures may leave most fields out.
 */
export type AdminState = Schemas['State'];
/** POST /__admin/fixtures */
export type AdminFixturesLoaded = Schemas['FixturesLoaded'];
/** A snapshot kept by POST /__admin/snapshots */
export type AdminSnapshot = Schemas['Snapshot'];
/** POST /__admin/snapshots/{name}/restore */
export type AdminSnapshotRestored = Schemas['SnapshotRestored'];
/** What a fault does to a request: a status (5xx or 429) or a broken connection, and/or a delay. */
export type AdminFaultEffect = Schemas['FaultEffect'];
/** POST /__admin/faults: which requests (a tenant, or the tenant of a key; one operation or all), how often, and the effect */
export type AdminFaultSpec = ({ tenant: string; apiKey?: never } | { apiKey: string; tenant?: never }) &
  Omit<Schemas['FaultSpec'], 'tenant' | 'apiKey' | 'operationId'> & { operationId?: OperationId };
/** A fault as the mock keeps it */
export type AdminFault = Omit<Schemas['Fault'], 'operationId'> & { operationId?: OperationId };
/** One request the mock answered, newest first in the journal. */
export type JournalEntry = Schemas['JournalEntry'];
/** GET /__admin/requests: the filters (`since` may be a Date) */
export type AdminJournalQuery = Omit<NonNullable<AdminOperations['adminListRequests']['parameters']['query']>, 'operation' | 'since'> & {
  operation?: OperationId;
  since?: string | Date;
};
/** GET /__admin/requests */
export type AdminJournal = Schemas['Journal'];
/** DELETE /__admin/requests */
export type AdminCleared = Json<AdminOperations['adminClearRequests']['responses'][200]>;
/** POST /__admin/contacts/{id}/verify-identity answers the contact's profile */
export type AdminVerifiedContact = ContactDetailResponse;
/** POST /__admin/documents/{id}/sign answers the document */
export type AdminSignedDocument = SigningDocument;
