/** Where the contract writes FastAPI's error bodies: what an assertion about a refusal's shape rests on. */
export const VALIDATION_BODY = '#/components/schemas/ValidationErrorResponse';
export const ERROR_BODY = '#/components/schemas/ErrorResponse';
