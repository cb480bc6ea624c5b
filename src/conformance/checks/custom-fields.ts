import { expectEqual, expectRefused, expectStatus } from './expect.js';
import { at, objectAt } from './read.js';
import type { Check } from '../types.js';
import { DECIDED, on } from '../contract/decided.js';
import { REF, UNKNOWN_ID, createContact } from './fixtures.js';

const path = (id: string) => `/v2/contacts/${id}/custom-fields`;

export const customFieldChecks: Check[] = [
  {
    id: 'contacts.custom-fields.set-merges',
    title: 'set adds new keys and overwrites existing ones, keeping the others',
    operations: ['patchContactCustomFields'],
    provenance: 'documented',
    reference: REF.customFields,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const c = await createContact(ctx);
      expectStatus(await ctx.api.patch(path(c.id), { set: { a: '1', b: '2' } }), 200, 'first set');
      const res = await ctx.api.patch(path(c.id), { set: { b: 'dos', c: 3 } });
      expectEqual(at(res.body, 'customFields'), { a: '1', b: 'dos', c: 3 }, 'customFields after the second set');
      expectEqual(at(res.body, 'id'), c.id, 'the whole contact comes back');
    },
  },
  {
    id: 'contacts.custom-fields.remove-after-set',
    title: 'remove applies after set: a key in both ends removed, absent keys are a no-op, others untouched',
    operations: ['patchContactCustomFields'],
    provenance: 'documented',
    reference: REF.customFields,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const c = await createContact(ctx);
      await ctx.api.patch(path(c.id), { set: { OldRFC: 'A', TempNote: 'x', keep: 'yes' } });
      const res = await ctx.api.patch(path(c.id), { set: { RFC: 'NEW123', both: 'x' }, remove: ['OldRFC', 'TempNote', 'LegacyKey', 'both'] });
      expectStatus(res, 200, 'PATCH set+remove');
      expectEqual(at(res.body, 'customFields'), { keep: 'yes', RFC: 'NEW123' }, 'customFields');
      expectEqual(at((await ctx.api.get(`/v2/contacts/${c.id}`)).body, 'customFields'), { keep: 'yes', RFC: 'NEW123' }, 'customFields on a later get');
    },
  },
  {
    id: 'contacts.custom-fields.prototype-keys',
    title: '__proto__, constructor and toString are ordinary keys',
    operations: ['patchContactCustomFields'],
    provenance: 'inferred',
    decision: DECIDED.customFieldKeys,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const c = await createContact(ctx);
      const set = JSON.parse('{"__proto__": "p", "constructor": "c", "toString": "t"}');
      const res = await ctx.api.patch(path(c.id), { set });
      expectStatus(res, 200, 'PATCH with prototype-named keys');
      expectEqual(Object.keys(objectAt(at(res.body, 'customFields'), 'customFields')).sort(), ['__proto__', 'constructor', 'toString'], 'keys stored');
      const removed = await ctx.api.patch(path(c.id), { remove: ['__proto__'] });
      expectEqual(Object.keys(objectAt(at(removed.body, 'customFields'), 'customFields')).sort(), ['constructor', 'toString'], 'keys after removing __proto__');
    },
  },
  {
    id: 'contacts.custom-fields.unknown-404',
    title: 'patching an unknown contact is 404',
    operations: ['patchContactCustomFields'],
    provenance: 'documented',
    reference: REF.notFound,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      const res = await ctx.api.patch(path(UNKNOWN_ID), { set: { a: 1 } });
      expectStatus(res, 404, 'PATCH an unknown contact');
      expectEqual(res.body, { detail: 'Contact not found' }, 'the 404 body', on('notFound'));
    },
  },
  {
    id: 'contacts.custom-fields.invalid-422',
    title: 'set must be an object and remove a list of strings',
    operations: ['patchContactCustomFields'],
    provenance: 'inferred',
    decision: DECIDED.validationBody,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectRefused(await ctx.api.patch(path(UNKNOWN_ID), { set: ['a'] }), 'set as a list', { loc: ['body', 'set'] });
      expectRefused(await ctx.api.patch(path(UNKNOWN_ID), { remove: 'a' }), 'remove as a string', { loc: ['body', 'remove'] });
    },
  },
];
