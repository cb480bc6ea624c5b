import { expectEqual, expectFields, expectRefused, expectStatus, expectTrue } from './expect.js';
import { at } from './read.js';
import type { Check } from '../types.js';
import { DECIDED, on } from '../contract/decided.js';
import { REF, UNKNOWN_ID, createContact } from './fixtures.js';

export const contactChecks: Check[] = [
  {
    id: 'contacts.create.returns-201-camelcase',
    title: 'create answers 201 with the camelCase profile, no identity, the tags and no documents',
    operations: ['createContact'],
    provenance: 'documented',
    reference: REF.create,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const email = ctx.email('create');
      const res = await ctx.api.post('/v2/contacts', { email, full_name: 'Ana García', company: 'Tech Corp', tags: ['cliente', 'vip'] });
      ctx.track.contact(at(res.body, 'id'));
      expectStatus(res, 201, 'POST /v2/contacts');
      expectEqual(
        { email: at(res.body, 'email'), fullName: at(res.body, 'fullName'), company: at(res.body, 'company'), identityVerified: at(res.body, 'identityVerified'), tags: at(res.body, 'tags'), documents: at(res.body, 'documents') },
        { email, fullName: 'Ana García', company: 'Tech Corp', identityVerified: false, tags: ['cliente', 'vip'], documents: [] },
        'the created contact',
      );
      expectTrue(at(res.body, 'full_name') === undefined, 'responses are camelCase: no full_name', res.body);
    },
  },
  {
    id: 'contacts.create.accepts-camelcase-spelling',
    title: 'create accepts fullName and jobTitle as well as full_name and job_title',
    operations: ['createContact'],
    provenance: 'inferred',
    decision: DECIDED.spellings,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const c = await createContact(ctx, { fullName: 'Beto López', jobTitle: 'CTO' });
      expectEqual([c.profile.fullName, c.profile.jobTitle], ['Beto López', 'CTO'], 'fullName and jobTitle');
      const d = await createContact(ctx, { full_name: 'Carla Ruiz', job_title: 'CFO' }, 'snake');
      expectEqual([d.profile.fullName, d.profile.jobTitle], ['Carla Ruiz', 'CFO'], 'full_name and job_title');
    },
  },
  {
    id: 'contacts.create.source-api',
    title: 'a contact created through the API has source api',
    operations: ['createContact'],
    provenance: 'inferred',
    decision: DECIDED.source,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const c = await createContact(ctx);
      const got = await ctx.api.get(`/v2/contacts/${c.id}`);
      expectEqual(at(got.body, 'source'), 'api', 'source');
    },
  },
  {
    id: 'contacts.create.duplicate-email-409',
    title: 'a second create of the same email (any case) is 409 and creates nothing',
    operations: ['createContact'],
    provenance: 'inferred',
    decision: DECIDED.duplicate409,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      const c = await createContact(ctx);
      const res = await ctx.api.post('/v2/contacts', { email: c.email.toUpperCase() });
      if (res.status === 201) ctx.track.contact(at(res.body, 'id'));
      expectStatus(res, 409, 'a second POST /v2/contacts with the same email');
      const list = await ctx.api.get(`/v2/contacts?search=${encodeURIComponent(ctx.tag)}`);
      expectEqual(at(list.body, 'total'), 1, 'contacts with that email');
    },
  },
  {
    id: 'contacts.create.invalid-input-422',
    title: 'create refuses a missing email, a malformed email and wrong types with 422',
    operations: ['createContact'],
    provenance: 'inferred',
    decision: DECIDED.validationBody,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      expectRefused(await ctx.api.post('/v2/contacts', { full_name: 'Sin Email' }), 'no email', { loc: ['body', 'email'] });
      expectRefused(await ctx.api.post('/v2/contacts', { email: 'not-an-email' }), 'a malformed email', { loc: ['body', 'email'] });
      expectRefused(await ctx.api.post('/v2/contacts', { email: ctx.email('types'), tags: 'vip' }), 'tags as a string', { loc: ['body', 'tags'] });
    },
  },
  {
    id: 'contacts.get.roundtrip',
    title: 'get returns the full profile that create returned',
    operations: ['getContact'],
    provenance: 'documented',
    reference: REF.get,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const c = await createContact(ctx, { full_name: 'Dora Díaz', phone: '+525512345678', company: 'Acme', job_title: 'CEO', notes: 'n', tags: ['t'] });
      const got = await ctx.api.get(`/v2/contacts/${c.id}`);
      expectStatus(got, 200, 'GET the created contact');
      for (const key of ['id', 'email', 'fullName', 'phone', 'company', 'jobTitle', 'notes', 'tags', 'identityVerified']) {
        expectEqual(at(got.body, key), c.profile[key], `${key} from get`);
      }
    },
  },
  {
    id: 'contacts.get.unknown-404',
    title: 'get of an unknown id is 404 Contact not found',
    operations: ['getContact'],
    provenance: 'documented',
    reference: REF.notFound,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      const res = await ctx.api.get(`/v2/contacts/${UNKNOWN_ID}`);
      expectStatus(res, 404, 'GET an unknown contact');
      expectEqual(res.body, { detail: 'Contact not found' }, 'the 404 body', on('notFound'));
    },
  },
  {
    id: 'contacts.get.malformed-id-422',
    title: 'a contact id that is not a UUID is 422',
    operations: ['getContact'],
    provenance: 'inferred',
    decision: DECIDED.validationBody,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectRefused(await ctx.api.get('/v2/contacts/not-a-uuid'), 'GET /v2/contacts/not-a-uuid', { loc: ['path', 'contact_id'] });
    },
  },
  {
    id: 'contacts.update.present-keys-only',
    title: 'PUT touches only the keys present and replaces tags',
    operations: ['updateContact'],
    provenance: 'documented',
    reference: REF.update,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const c = await createContact(ctx, { full_name: 'Eva', company: 'Old', phone: '+525511111111', tags: ['a', 'b'] });
      const res = await ctx.api.put(`/v2/contacts/${c.id}`, { company: 'Nueva Empresa SA', tags: ['cliente', 'premium'] });
      expectStatus(res, 200, 'PUT');
      const after = ['Nueva Empresa SA', ['cliente', 'premium'], '+525511111111', 'Eva'];
      // the reference shows no answer for PUT: the updated profile in it is the contract's choice, a later GET is not
      expectEqual([at(res.body, 'company'), at(res.body, 'tags'), at(res.body, 'phone'), at(res.body, 'fullName')], after, 'company, tags, phone, fullName in the answer', on('updateContact'));
      const got = await ctx.api.get(`/v2/contacts/${c.id}`);
      expectEqual([at(got.body, 'company'), at(got.body, 'tags'), at(got.body, 'phone'), at(got.body, 'fullName')], after, 'company, tags, phone, fullName on a later get');
    },
  },
  {
    id: 'contacts.update.unknown-404',
    title: 'PUT on an unknown id is 404 Contact not found',
    operations: ['updateContact'],
    provenance: 'documented',
    reference: REF.notFound,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      const res = await ctx.api.put(`/v2/contacts/${UNKNOWN_ID}`, { company: 'X' });
      expectStatus(res, 404, 'PUT an unknown contact');
      expectEqual(res.body, { detail: 'Contact not found' }, 'the 404 body', on('notFound'));
    },
  },
  {
    id: 'contacts.delete.deletes',
    title: 'delete answers the documented body and the contact is gone from get, list and search',
    operations: ['deleteContact'],
    provenance: 'documented',
    reference: REF.delete,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const c = await createContact(ctx);
      const res = await ctx.api.delete(`/v2/contacts/${c.id}`);
      expectStatus(res, 200, 'DELETE');
      expectFields(res.body, { success: true, message: 'Contact deleted' }, 'the delete body');
      expectStatus(await ctx.api.get(`/v2/contacts/${c.id}`), 404, 'GET after delete');
      const list = await ctx.api.get(`/v2/contacts?search=${encodeURIComponent(ctx.tag)}`);
      expectEqual(at(list.body, 'total'), 0, 'search after delete');
    },
  },
  {
    id: 'contacts.delete.unknown-404',
    title: 'delete of an unknown id is 404 Contact not found',
    operations: ['deleteContact'],
    provenance: 'documented',
    reference: REF.notFound,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      const res = await ctx.api.delete(`/v2/contacts/${UNKNOWN_ID}`);
      expectStatus(res, 404, 'DELETE an unknown contact');
      expectEqual(res.body, { detail: 'Contact not found' }, 'the 404 body', on('notFound'));
    },
  },
  {
    id: 'contacts.documents.unknown-404',
    title: 'documents of an unknown contact is 404',
    operations: ['listContactDocuments'],
    provenance: 'documented',
    reference: REF.notFound,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectStatus(await ctx.api.get(`/v2/contacts/${UNKNOWN_ID}/documents`), 404, 'GET documents of an unknown contact');
    },
  },
];
