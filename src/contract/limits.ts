import { engineAdminContractDocument, engineContractDocument, type OpenApiDocument } from './load.js';
import { joinPointer, valueAt } from './pointers.js';

/** Limits the contract states, read from it so that the rules and the contract cannot drift apart. */
export interface ContractLimits {
  /** Document.participants maxItems */
  participantsPerDocument: number;
  /** the autocomplete answer's maxItems */
  autocompleteResults: number;
  /** items per bulk request */
  bulkItems: number;
  /** CustomFields maxProperties: keys a contact's custom fields hold at most */
  customFieldsPerContact: number;
}

function at(path: (string | number)[], doc: OpenApiDocument = engineContractDocument()): number {
  const pointer = joinPointer('#', ...path);
  const node = valueAt(doc, pointer);
  if (typeof node !== 'number') throw new Error(`the contract has no number at ${pointer}`);
  return node;
}

let cached: ContractLimits | undefined;

export function contractLimits(): ContractLimits {
  cached ??= {
    participantsPerDocument: at(['components', 'schemas', 'Document', 'properties', 'participants', 'maxItems']),
    autocompleteResults: at(['paths', '/v2/contacts/autocomplete', 'get', 'responses', '200', 'content', 'application/json', 'schema', 'maxItems']),
    bulkItems: at(['components', 'schemas', 'BulkCreateRequest', 'properties', 'contacts', 'maxItems']),
    customFieldsPerContact: at(['components', 'schemas', 'CustomFields', 'maxProperties']),
  };
  return cached;
}

/** Limits the control plane's contract (openapi/admin.yaml) states, read from it. */
export interface AdminLimits {
  /** the journal's entries (GET /__admin/requests?limit at most) */
  journalEntries: number;
  /** the longest delay a fault (or Prefer: delay=) may ask for, in ms */
  faultDelayMs: number;
  /** contacts a throwaway tenant may be seeded with */
  tenantSeed: number;
}

/** A schema of the control plane's contract, by name (its patterns are the rules, in one place). */
export function adminSchema(name: string): Record<string, unknown> {
  const schema = (engineAdminContractDocument().components.schemas as Record<string, Record<string, unknown>>)[name];
  if (!schema) throw new Error(`the control plane's contract has no schema ${name}`);
  return schema;
}

let cachedAdmin: AdminLimits | undefined;

export function adminLimits(): AdminLimits {
  const admin = engineAdminContractDocument();
  cachedAdmin ??= {
    journalEntries: at(['paths', '/__admin/requests', 'get', 'parameters', 0, 'schema', 'maximum'], admin),
    faultDelayMs: at(['components', 'schemas', 'FaultEffect', 'properties', 'delayMs', 'maximum'], admin),
    tenantSeed: at(['components', 'schemas', 'NewTenant', 'properties', 'contacts', 'maximum'], admin),
  };
  return cachedAdmin;
}
