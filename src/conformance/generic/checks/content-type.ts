import { defineCheck, failed, line, passed } from '../definition.js';

const JSON_TYPE = /^application\/(.+\+)?json\b/;

/** Every answer with a body is JSON; the content type rests on the same mark as the answer's status. */
export const contentType = defineCheck({
  id: 'generic.content-type-conformance',
  title: 'every answer with a body is application/json',
  kind: 'response',
  creates: false,
  on: {
    answer: ({ op, record, status, body, statusDecision }) => {
      if (status >= 500) return undefined;
      const type = record.response?.contentType ?? '';
      if (body === undefined || body === '' || JSON_TYPE.test(type)) return passed();
      return failed({ key: `${status}`, assertion: `${op.operationId} answers JSON`, message: `${line(record)} with content type ${type || '(none)'}, expected application/json`, decision: statusDecision });
    },
  },
});
