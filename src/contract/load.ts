import { ADMIN_CONTRACT_JSON } from './admin-document.generated.js';
import { CONTRACT_JSON } from './document.generated.js';

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

let cached: OpenApiDocument | undefined;

/**
 * The contract, parsed once per process. It comes from a module generated from the YAML, not from
 * the file system, so the same code loads it in Node and in a browser.
 */
export function contractDocument(): OpenApiDocument {
  cached ??= JSON.parse(CONTRACT_JSON) as OpenApiDocument;
  return cached;
}

let admin: OpenApiDocument | undefined;

/**
 * The control plane's contract, parsed once per process. Its `OperationId` names an operation of the
 * API's contract: the list is filled in here from that contract, so that it is written only there.
 */
export function adminContractDocument(): OpenApiDocument {
  if (admin) return admin;
  const doc = JSON.parse(ADMIN_CONTRACT_JSON) as OpenApiDocument;
  const operationIds = Object.values(contractDocument().paths).flatMap((item) =>
    Object.values(item).flatMap((op) => (op && typeof op === 'object' && 'operationId' in op ? [String(op.operationId)] : [])),
  );
  (doc.components.schemas as Record<string, Record<string, unknown>>).OperationId!.enum = operationIds;
  admin = doc;
  return admin;
}
