import { ConformanceFailure, type HttpClient } from '../http/client.js';
import { expectEqual, expectStatus } from './expect.js';
import { at } from './read.js';
import type { Check, CheckContext } from '../types.js';
import { REF, UNKNOWN_ID, createContact, uniqueWord } from './fixtures.js';

function keyB(ctx: CheckContext): HttpClient {
  if (!ctx.apiB) throw new ConformanceFailure('needs --api-key-b');
  return ctx.apiB;
}

/** Tenant B's answer for A's id must be exactly its answer for an id that exists nowhere. */
async function sameAsUnknown(ctx: CheckContext, method: 'GET' | 'PUT' | 'PATCH' | 'DELETE', path: (id: string) => string, body?: unknown) {
  const a = await createContact(ctx, { company: 'Tenant A', tags: ['a'] });
  const b = keyB(ctx);
  const foreign = await b.request(method, path(a.id), body);
  const unknown = await b.request(method, path(UNKNOWN_ID), body);
  expectStatus(foreign, 404, `${method} ${path('{A’s id}')} with tenant B’s key`);
  expectEqual(foreign.body, unknown.body, 'B’s error for A’s id and for an unknown id');
  const still = await ctx.api.get(`/v2/contacts/${a.id}`);
  expectEqual([still.status, at(still.body, 'company'), at(still.body, 'tags'), at(still.body, 'customFields') ?? {}], [200, 'Tenant A', ['a'], {}], 'A’s contact afterwards');
}

const single = (
  id: string,
  title: string,
  operation: string,
  method: 'GET' | 'PUT' | 'PATCH' | 'DELETE',
  path: (id: string) => string,
  body?: unknown,
): Check => ({
  id,
  title,
  operations: [operation],
  provenance: 'documented',
  reference: REF.notFound,
  kind: 'negative',
  creates: true,
  needs: ['keyB'],
  run: (ctx) => sameAsUnknown(ctx, method, path, body),
});

export const isolationChecks: Check[] = [
  single('isolation.get-foreign-404', 'tenant B cannot read tenant A’s contact', 'getContact', 'GET', (id) => `/v2/contacts/${id}`),
  single('isolation.update-foreign-404', 'tenant B cannot update tenant A’s contact', 'updateContact', 'PUT', (id) => `/v2/contacts/${id}`, { company: 'Tenant B' }),
  single('isolation.patch-foreign-404', 'tenant B cannot patch tenant A’s custom fields', 'patchContactCustomFields', 'PATCH', (id) => `/v2/contacts/${id}/custom-fields`, { set: { b: 1 } }),
  single('isolation.delete-foreign-404', 'tenant B cannot delete tenant A’s contact', 'deleteContact', 'DELETE', (id) => `/v2/contacts/${id}`),
  single('isolation.documents-foreign-404', 'tenant B cannot list tenant A’s contact documents', 'listContactDocuments', 'GET', (id) => `/v2/contacts/${id}/documents`),
  {
    id: 'isolation.list-search-autocomplete',
    title: 'tenant B does not see tenant A’s contacts in list, search or autocomplete',
    operations: ['listContacts', 'autocompleteContacts'],
    provenance: 'documented',
    reference: REF.isolation,
    kind: 'negative',
    creates: true,
    needs: ['keyB'],
    async run(ctx) {
      const word = uniqueWord(ctx.tag);
      const a = await createContact(ctx, { full_name: `${word} Aislado` });
      expectEqual(at((await ctx.api.get(`/v2/contacts?search=${encodeURIComponent(ctx.tag)}`)).body, 'total'), 1, 'A sees its contact');
      const b = keyB(ctx);
      const search = await b.get(`/v2/contacts?search=${encodeURIComponent(ctx.tag)}`);
      expectEqual([at(search.body, 'total'), at(search.body, 'data')], [0, []], 'B’s search for A’s contact');
      const byEmail = await b.get(`/v2/contacts?search=${encodeURIComponent(a.email)}`);
      expectEqual(at(byEmail.body, 'total'), 0, 'B’s search by A’s email');
      expectEqual((await b.get(`/v2/contacts/autocomplete?q=${encodeURIComponent(word)}`)).body, [], 'B’s autocomplete');
    },
  },
  {
    id: 'isolation.bulk-foreign-not-found',
    title: 'tenant B’s bulk update and delete report A’s ids as Contact not found and change nothing',
    operations: ['bulkUpdateContacts', 'bulkDeleteContacts'],
    provenance: 'documented',
    reference: REF.bulkDelete,
    kind: 'negative',
    creates: true,
    needs: ['keyB'],
    async run(ctx) {
      const a = await createContact(ctx, { company: 'Tenant A' });
      const b = keyB(ctx);
      const update = await b.patch('/v2/contacts/bulk', { contacts: [{ id: a.id, company: 'Tenant B' }] });
      expectEqual([at(update.body, 'details', 0, 'success'), at(update.body, 'details', 0, 'error')], [false, 'Contact not found'], 'B’s bulk update item');
      const del = await b.delete('/v2/contacts/bulk', { contactIds: [a.id] });
      expectEqual([at(del.body, 'details', 0, 'success'), at(del.body, 'details', 0, 'error')], [false, 'Contact not found'], 'B’s bulk delete item');
      const still = await ctx.api.get(`/v2/contacts/${a.id}`);
      expectEqual([still.status, at(still.body, 'company')], [200, 'Tenant A'], 'A’s contact afterwards');
    },
  },
  {
    id: 'isolation.same-email-separate',
    title: 'tenant B can hold a contact with A’s email; bulk create in B does not return A’s id',
    operations: ['createContact', 'bulkCreateContacts'],
    provenance: 'documented',
    reference: REF.bulkIdempotent,
    kind: 'positive',
    creates: true,
    needs: ['keyB'],
    async run(ctx) {
      const a = await createContact(ctx);
      const b = keyB(ctx);
      const res = await b.post('/v2/contacts/bulk', { contacts: [{ email: a.email }] });
      const bId = at(res.body, 'details', 0, 'contactId') as string | undefined;
      try {
        expectEqual(at(res.body, 'details', 0, 'success'), true, 'B’s import of the same email');
        expectEqual(bId === a.id, false, 'B got a contact of its own');
      } finally {
        if (bId && bId !== a.id) await b.delete(`/v2/contacts/${bId}`);
      }
    },
  },
];
