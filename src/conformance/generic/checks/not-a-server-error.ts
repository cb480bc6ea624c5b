import { defineCheck, failed, line, passed } from '../definition.js';

/**
 * Every request is answered, and never with a 5xx. It always gates: no decision of the contract
 * lets a server fail, and it is the only check that judges a 5xx (the others leave it to this one).
 */
export const notAServerError = defineCheck({
  id: 'generic.not-a-server-error',
  title: 'no answer, to a hand-written or a generated request, is a 5xx',
  kind: 'response',
  creates: false,
  on: {
    answer: ({ op, record, status }) =>
      status >= 500 ? failed({ key: String(status), assertion: `${op.operationId} answers below 500`, message: `${line(record)}: a server error` }) : passed(),
    noAnswer: ({ op, record }) =>
      failed({ key: 'no answer', assertion: `${op.operationId} answers`, message: `${record.request.method} ${record.request.url}: no answer: ${record.error}` }),
  },
});
