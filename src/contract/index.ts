export { loadAdminContract, loadContract, loadEngineContract } from './contract.js';
export { createAjv } from './ajv.js';
export type { BrokenConstraint, Contract, ContractOptions, Operation, ResponseSpec, RequestCheck, ResponseCheck, HttpMethod, JsonSchema } from './contract.js';
export { toValidationIssues, limitIssues, MAX_ISSUES } from './fastapi-errors.js';
// exported under another name: `Location` is the DOM's
export type { ValidationIssue, Location as IssueLocation } from './fastapi-errors.js';
export { SPELLING_PAIRS, eitherSpelling } from './spelling.js';
export { isValidEmail, emailKey, MAX_EMAIL_LENGTH } from './email.js';
export { adminLimits, adminSchema, contractLimits } from './limits.js';
export type { AdminLimits, ContractLimits } from './limits.js';
export { adminContractDocument, contractDocument, engineAdminContractDocument, engineContractDocument } from './load.js';
export type { OpenApiDocument } from './load.js';
export { ProvenanceLookup, provenance, describeBasis, allDecisions, decisionAt, decisionsMarkedOn, inferred, allConstraints, operationsReaching, written, CONSTRAINT_KEYWORDS, auditProvenance, declaredFor, DEFAULT_ERRORS, acceptancesIn } from './provenance/index.js';
export type { Basis, Decision, Constraint, AuditProblem, KeywordSite, RequestPart, Violation, RequestParts, Acceptance } from './provenance/index.js';
export { nodeAt, childOf, escapeKey, joinPointer, pointerKeys, valueAt, operationPointer } from './pointers.js';
export type { ContractNode } from './pointers.js';
