import { contractDocument } from './load.js';

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

function at(path: (string | number)[]): number {
  let node: unknown = contractDocument();
  for (const key of path) node = (node as Record<string | number, unknown> | undefined)?.[key];
  if (typeof node !== 'number') throw new Error(`the contract has no number at ${path.join('.')}`);
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
