import { ADMIN_CONTRACT_JSON } from './admin-document.generated.js';
import { CONTRACT_JSON } from './document.generated.js';
import { ENGINE_ADMIN_CONTRACT_JSON, ENGINE_CONTRACT_JSON } from './engine-documents.generated.js';

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

// Each document comes from a module generated from its YAML, not from the file system, so the same
// code loads it in Node and in a browser; each is parsed once per process. The whole documents
// (prose and provenance marks included) serve the conformance suite and the docs page; the mock's
// engine runs on the same documents without their prose (scripts/engine-document.ts), which is
// what a page running the mock downloads.

let api: OpenApiDocument | undefined;
let admin: OpenApiDocument | undefined;
let engineApi: OpenApiDocument | undefined;
let engineAdmin: OpenApiDocument | undefined;

/** The API's contract, whole. */
export function contractDocument(): OpenApiDocument {
  api ??= JSON.parse(CONTRACT_JSON) as OpenApiDocument;
  return api;
}

/** The control plane's contract, whole. */
export function adminContractDocument(): OpenApiDocument {
  admin ??= withOperationIds(JSON.parse(ADMIN_CONTRACT_JSON) as OpenApiDocument, contractDocument());
  return admin;
}

/** The API's contract as the engine runs it: every constraint, default and example, no prose. */
export function engineContractDocument(): OpenApiDocument {
  engineApi ??= JSON.parse(ENGINE_CONTRACT_JSON) as OpenApiDocument;
  return engineApi;
}

/** The control plane's contract as the engine runs it. */
export function engineAdminContractDocument(): OpenApiDocument {
  engineAdmin ??= withOperationIds(JSON.parse(ENGINE_ADMIN_CONTRACT_JSON) as OpenApiDocument, engineContractDocument());
  return engineAdmin;
}

/**
 * The control plane's `OperationId` names an operation of the API's contract: the list is filled in
 * here from that contract, so that it is written only there.
 */
function withOperationIds(doc: OpenApiDocument, apiDoc: OpenApiDocument): OpenApiDocument {
  const operationIds = Object.values(apiDoc.paths).flatMap((item) =>
    Object.values(item).flatMap((op) => (op && typeof op === 'object' && 'operationId' in op ? [String(op.operationId)] : [])),
  );
  (doc.components.schemas as Record<string, Record<string, unknown>>).OperationId!.enum = operationIds;
  return doc;
}
