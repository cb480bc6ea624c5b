import { type Decision, loadContract, nodeAt, provenance } from '../../../contract/index.js';
import { decisionsVisited } from '../../contract/trail.js';
import { defineCheck, groundsOf, failed, line, passed, type AnswerEvent } from '../definition.js';

const normalise = (path: (string | number)[]) => path.map((s) => (typeof s === 'number' ? '*' : s)).join('/');

function judge({ op, record, status, body, declared, statusDecision }: AnswerEvent) {
  // an undeclared 2xx is the status check's finding; its body has no schema to meet
  if (status >= 500 || !declared) return undefined;
  // (the provenance and its validators are compiled once per process: runs come and go, the contract does not)
  const errors = provenance().checkResponse(op, status, body).filter((v) => v.part === 'response');
  if (errors.length === 0) {
    const { doc } = loadContract();
    const root = provenance().responseRoot(op, declared);
    const node = root ? nodeAt(doc, root) : undefined;
    const visited = new Map<string, Decision>();
    if (node) decisionsVisited(doc, node, body, visited);
    return passed(statusDecision, ...visited.values());
  }
  return failed(
    ...errors.map((error) => ({
      key: `${declared} ${normalise(error.at)} ${error.keyword}`,
      assertion: `${op.operationId} ${declared} body matches the contract`,
      message: `${line(record)}: ${error.message}`,
      ...groundsOf(error.basis),
    })),
  );
}

/**
 * Every answer matches the contract's schema for its operation and status. Each broken keyword rests
 * on its own mark (an inferred bound, an inferred closed object warns); a body that matches agrees
 * with the status's decision and with every decision its values went through.
 */
export const responseSchema = defineCheck({
  id: 'generic.response-schema-conformance',
  title: 'every answer matches the contract’s schema for its operation and status',
  kind: 'response',
  creates: false,
  on: { answer: judge },
});
