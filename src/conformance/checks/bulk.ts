import { expectEqual, expectItemRefused, expectRefused, expectStatus } from './expect.js';
import { at, fieldsOf, listAt, pluck } from './read.js';
import type { Check, CheckContext } from '../types.js';
import { on } from '../contract/decided.js';
import { REF, UNKNOWN_ID, createContact } from './fixtures.js';

/** What a bulk answer created, to delete at the end. */
function trackDetails(ctx: CheckContext, details: unknown) {
  for (const d of [details].flat()) if (at(d, 'success') === true) ctx.track.contact(at(d, 'contactId'));
}

export const bulkChecks: Check[] = [
  {
    id: 'contacts.bulk-create.partial-failure-in-order',
    title: 'bulk create runs each item alone: an invalid email fails its item only, results in input order',
    operations: ['bulkCreateContacts'],
    provenance: 'documented',
    reference: REF.bulk,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const emails = [ctx.email('b0'), `bad@${ctx.tag}`, ctx.email('b2'), ctx.email('b3')];
      const res = await ctx.api.post('/v2/contacts/bulk', { contacts: emails.map((email, i) => ({ email, fullName: `Bulk ${i}` })) });
      trackDetails(ctx, at(res.body, 'details'));
      expectStatus(res, 200, 'POST /v2/contacts/bulk');
      expectEqual(
        [at(res.body, 'success'), at(res.body, 'message'), at(res.body, 'succeededCount'), at(res.body, 'failedCount')],
        [true, '3 succeeded, 1 failed', 3, 1],
        'success, message, succeededCount, failedCount',
      );
      expectEqual(fieldsOf(listAt(at(res.body, 'details'), 'details'), 'email', 'success'), emails.map((e, i) => [e, i !== 1]), 'details in input order');
      expectEqual([at(res.body, 'details', 1, 'contactId'), at(res.body, 'details', 1, 'error')], [null, 'Invalid email'], 'the failed item');
      const got = await ctx.api.get(`/v2/contacts/${at(res.body, 'details', 2, 'contactId')}`);
      expectEqual([at(got.body, 'email'), at(got.body, 'fullName')], [emails[2], 'Bulk 2'], 'a created item');
    },
  },
  {
    id: 'contacts.bulk-create.idempotent-by-email',
    title: 'bulk create of existing emails succeeds with their current contactId and creates nothing new',
    operations: ['bulkCreateContacts'],
    provenance: 'documented',
    reference: REF.bulkIdempotent,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const existing = await createContact(ctx);
      const body = { contacts: [{ email: existing.email.toUpperCase() }, { email: ctx.email('new') }] };
      const first = await ctx.api.post('/v2/contacts/bulk', body);
      trackDetails(ctx, at(first.body, 'details'));
      expectEqual(pluck(listAt(at(first.body, 'details'), 'details'), 'success'), [true, true], 'first import');
      expectEqual(at(first.body, 'details', 0, 'contactId'), existing.id, 'the existing contact’s id');
      const again = await ctx.api.post('/v2/contacts/bulk', body);
      trackDetails(ctx, at(again.body, 'details'));
      expectEqual(pluck(listAt(at(again.body, 'details'), 'details'), 'contactId'), pluck(listAt(at(first.body, 'details'), 'details'), 'contactId'), 'ids on the repeated import');
      const list = await ctx.api.get(`/v2/contacts?search=${encodeURIComponent(ctx.tag)}`);
      expectEqual(at(list.body, 'total'), 2, 'contacts after two imports');
    },
  },
  {
    id: 'contacts.bulk-create.limits',
    title: 'bulk create with 0 or 101 items is 422',
    operations: ['bulkCreateContacts'],
    provenance: 'documented',
    reference: REF.bulkLimits,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectRefused(await ctx.api.post('/v2/contacts/bulk', { contacts: [] }), '0 items');
      // invalid emails: a server that wrongly accepts 101 items still creates nothing
      const res = await ctx.api.post('/v2/contacts/bulk', { contacts: Array.from({ length: 101 }, (_, i) => ({ email: `invalid-${i}-${ctx.tag}` })) });
      expectRefused(res, '101 items');
    },
  },
  {
    id: 'contacts.bulk-update.per-item',
    title: 'bulk update touches only the present keys of each item; an unknown id fails its item alone',
    operations: ['bulkUpdateContacts'],
    provenance: 'documented',
    reference: REF.bulkUpdate,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const a = await createContact(ctx, { company: 'A', tags: ['x'] }, 'a');
      const b = await createContact(ctx, { company: 'B', tags: ['y'] }, 'b');
      const res = await ctx.api.patch('/v2/contacts/bulk', { contacts: [{ id: a.id, company: 'Acme Corp' }, { id: UNKNOWN_ID, company: 'Z' }, { id: b.id, tags: ['premium'] }] });
      expectStatus(res, 200, 'PATCH /v2/contacts/bulk');
      expectEqual([at(res.body, 'message'), at(res.body, 'succeededCount'), at(res.body, 'failedCount')], ['2 succeeded, 1 failed', 2, 1], 'message and counts');
      expectEqual(fieldsOf(listAt(at(res.body, 'details'), 'details'), 'contactId', 'success'), [[a.id, true], [UNKNOWN_ID, false], [b.id, true]], 'details in input order');
      expectEqual(at(res.body, 'details', 1, 'error'), 'Contact not found', 'the unknown item’s error');
      const ga = (await ctx.api.get(`/v2/contacts/${a.id}`)).body;
      const gb = (await ctx.api.get(`/v2/contacts/${b.id}`)).body;
      expectEqual([at(ga, 'company'), at(ga, 'tags'), at(gb, 'company'), at(gb, 'tags')], ['Acme Corp', ['x'], 'B', ['premium']], 'both contacts after the update');
    },
  },
  {
    id: 'contacts.bulk-update.limits',
    title: 'bulk update with 0 or 101 items, or an item without id, is 422',
    operations: ['bulkUpdateContacts'],
    provenance: 'documented',
    reference: REF.bulkLimits,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectRefused(await ctx.api.patch('/v2/contacts/bulk', { contacts: [] }), '0 items');
      expectRefused(await ctx.api.patch('/v2/contacts/bulk', { contacts: Array.from({ length: 101 }, () => ({ id: UNKNOWN_ID, company: 'X' })) }), '101 items');
      // each item needs its id (documented); that one without it fails the whole request, not its item, is the contract's choice
      expectItemRefused(await ctx.api.patch('/v2/contacts/bulk', { contacts: [{ company: 'no id' }] }), 0, 'an item without id', on('bulkUpdateItem'));
    },
  },
  {
    id: 'contacts.bulk-delete.deletes',
    title: 'bulk delete removes the contacts and reports an unknown id as Contact not found',
    operations: ['bulkDeleteContacts'],
    provenance: 'documented',
    reference: REF.bulkDelete,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const a = await createContact(ctx, {}, 'a');
      const b = await createContact(ctx, {}, 'b');
      const res = await ctx.api.delete('/v2/contacts/bulk', { contactIds: [a.id, UNKNOWN_ID, b.id] });
      expectStatus(res, 200, 'DELETE /v2/contacts/bulk');
      expectEqual(fieldsOf(listAt(at(res.body, 'details'), 'details'), 'contactId', 'success', 'error'), [[a.id, true, undefined], [UNKNOWN_ID, false, 'Contact not found'], [b.id, true, undefined]], 'details');
      expectEqual(at(res.body, 'message'), '2 succeeded, 1 failed', 'message');
      expectStatus(await ctx.api.get(`/v2/contacts/${a.id}`), 404, 'GET a deleted contact');
      expectEqual(at((await ctx.api.get(`/v2/contacts?search=${encodeURIComponent(ctx.tag)}`)).body, 'total'), 0, 'search after bulk delete');
      // the reference's example is true with one item failed; false when none succeeded is the contract's reading
      const none = await ctx.api.delete('/v2/contacts/bulk', { contactIds: [a.id] });
      expectEqual([at(none.body, 'succeededCount'), at(none.body, 'details', 0, 'error')], [0, 'Contact not found'], 'deleting it again');
      expectEqual(at(none.body, 'success'), false, 'success when no item succeeded', on('bulkSuccess'));
    },
  },
  {
    id: 'contacts.bulk-delete.limits',
    title: 'bulk delete with 0 or 101 ids is 422',
    operations: ['bulkDeleteContacts'],
    provenance: 'documented',
    reference: REF.bulkLimits,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectRefused(await ctx.api.delete('/v2/contacts/bulk', { contactIds: [] }), '0 ids');
      expectRefused(await ctx.api.delete('/v2/contacts/bulk', { contactIds: Array.from({ length: 101 }, () => UNKNOWN_ID) }), '101 ids');
    },
  },
];
