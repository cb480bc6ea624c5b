import { DECIDED } from '../../contract/decided.js';
import { inferred } from '../../../contract/index.js';
import { defineCheck, failed, line, passed } from '../definition.js';

/**
 * Without a valid key nothing is served: an answer below 400 gates. That the refusal is exactly 401
 * is the contract's choice (DECIDED.unauthorized): another 4xx warns.
 */
export const ignoredAuth = defineCheck({
  id: 'generic.ignored-auth',
  title: 'generated requests without a key or with a made-up key are refused with 401',
  kind: 'negative',
  creates: false,
  on: {
    keyless: ({ op, res, record }) => {
      if (res.status >= 500) return undefined;
      if (res.status === 401) return passed();
      const how = record.request.auth === 'none' ? 'without a key' : 'with a made-up key';
      const decision = res.status < 400 ? undefined : inferred(DECIDED.unauthorized);
      return failed({ key: `${how} ${res.status}`, assertion: `${op.operationId} refuses requests ${how}`, message: `${line(record)}: ${how}, expected 401`, decision });
    },
  },
});
