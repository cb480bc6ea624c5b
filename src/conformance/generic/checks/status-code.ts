import { defineCheck, failed, line, passed } from '../definition.js';

/**
 * Every status is one the operation declares (a 4xx may fall under default). An undeclared status
 * rests on the mark of the status the operation would have given instead (ProvenanceLookup.status):
 * a documented one gates, an inferred one (a 422 where the reference names no status) warns.
 */
export const statusCode = defineCheck({
  id: 'generic.status-code-conformance',
  title: 'every status is one the operation declares (a 4xx may fall under default)',
  kind: 'response',
  creates: false,
  on: {
    answer: ({ op, record, status, covered, statusDecision }) => {
      if (status >= 500) return undefined;
      if (covered) return passed(statusDecision);
      const list = op.responses.map((r) => r.status).join(', ');
      return failed({ key: String(status), assertion: `${op.operationId} answers a declared status`, message: `${line(record)}: ${op.operationId} declares ${list}`, decision: statusDecision });
    },
  },
});
