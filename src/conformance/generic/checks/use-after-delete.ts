import { defineCheck, failed, line, passed, refusal } from '../definition.js';

/**
 * What the run deleted is gone for every operation: served again, it gates; refused otherwise than
 * with the contract's 404 (a 410, say), the status rests on the event's decision (by default, the
 * 404's; a removed participant's own 404 where the operation says so).
 */
export const useAfterDelete = defineCheck({
  id: 'generic.use-after-delete',
  title: 'after a generated contact is deleted (or a participant removed), every operation on it is 404',
  kind: 'negative',
  creates: true,
  reference: 'Elimina el perfil CRM de un contacto. … un contacto de otro tenant reporta Contact not found.',
  on: {
    deleted: ({ op, res, record, what, decision }) => {
      if (res.status >= 500) return undefined;
      if (res.status === 404) return passed(decision);
      return failed({ key: `${res.status}`, assertion: `${op.operationId} on ${what} is 404`, message: `${line(record)}: ${what}, expected 404`, decision: refusal(res.status) ? decision : undefined });
    },
  },
});
