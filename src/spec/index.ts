export { loadContract } from './contract.js';
export type { Contract, ContractOptions, Operation, ResponseSpec, RequestCheck, ResponseCheck, HttpMethod, JsonSchema } from './contract.js';
export { toValidationIssues, SPELLING_PAIRS } from './fastapi-errors.js';
export type { ValidationIssue, Location } from './fastapi-errors.js';
export { loadSpecDocument, SPEC_PATH } from './load.js';
export type { OpenApiDocument } from './load.js';
