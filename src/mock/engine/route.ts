import type { Contract, Operation } from '../../contract/index.js';
import { Errors } from './http-errors.js';
import type { MockRequest } from './types.js';

/**
 * The operation of a contract a request reaches, with its path parameters; undefined when no
 * operation has this path (a 404 for the caller), a 405 naming the methods there are when only the
 * method is wrong.
 */
export function route(contract: Contract, req: MockRequest): { operation: Operation; params: Record<string, string> } | undefined {
  const match = contract.match(req.method, req.path);
  if (match.operation) return match;
  if (!match.pathExists) return undefined;
  const allow = contract.operations.filter((op) => contract.match(op.method, req.path).operation === op).map((op) => op.method.toUpperCase());
  throw Errors.methodNotAllowed(allow);
}
