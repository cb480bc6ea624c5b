import { expectEqual, expectFields, expectRefused, expectStatus, expectTrue } from './expect.js';
import { at, listAt, pluck } from './read.js';
import type { Check } from '../types.js';
import { DECIDED, on } from '../contract/decided.js';
import { REF, createContact, searchTag, uniqueWord } from './fixtures.js';

export const listChecks: Check[] = [
  {
    id: 'contacts.list.defaults',
    title: 'list answers page 1 and pageSize 25 by default, with at most 25 items',
    operations: ['listContacts'],
    provenance: 'documented',
    reference: REF.list,
    kind: 'positive',
    creates: false,
    async run(ctx) {
      const res = await ctx.api.get('/v2/contacts');
      expectStatus(res, 200, 'GET /v2/contacts');
      expectEqual([at(res.body, 'page'), at(res.body, 'pageSize')], [1, 25], 'page and pageSize defaults');
      const shown = listAt(at(res.body, 'data'), 'data').length;
      expectTrue(shown <= 25 && shown <= Number(at(res.body, 'total')), 'data fits pageSize and total', shown);
    },
  },
  {
    id: 'contacts.list.page-size-limits',
    title: 'pageSize 0 and 101 are 422; 1 and 100 are accepted',
    operations: ['listContacts'],
    provenance: 'documented',
    reference: REF.list,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectRefused(await ctx.api.get('/v2/contacts?pageSize=0'), 'pageSize=0');
      expectRefused(await ctx.api.get('/v2/contacts?pageSize=101'), 'pageSize=101');
      expectStatus(await ctx.api.get('/v2/contacts?pageSize=1'), 200, 'pageSize=1');
      const max = await ctx.api.get('/v2/contacts?pageSize=100');
      expectStatus(max, 200, 'pageSize=100');
      expectEqual(at(max.body, 'pageSize'), 100, 'pageSize echoed');
    },
  },
  {
    id: 'contacts.list.invalid-filters-422',
    title: 'page 0, an unknown source and a non-boolean verified are 422 naming the parameter',
    operations: ['listContacts'],
    provenance: 'inferred',
    decision: DECIDED.validationBody,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectRefused(await ctx.api.get('/v2/contacts?page=0'), 'page=0', { loc: ['query', 'page'], on: on('page') });
      expectRefused(await ctx.api.get('/v2/contacts?source=import'), 'source=import', { loc: ['query', 'source'] });
      expectRefused(await ctx.api.get('/v2/contacts?verified=maybe'), 'verified=maybe', { loc: ['query', 'verified'] });
      expectRefused(await ctx.api.get('/v2/contacts?pageSize=101'), 'pageSize=101', { loc: ['query', 'pageSize'] });
    },
  },
  {
    id: 'contacts.list.pagination-complete',
    title: 'paging through a search returns every match once, newest first, with the right total',
    operations: ['listContacts'],
    provenance: 'documented',
    reference: REF.list,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await createContact(ctx, {}, `p${i}`)).id);
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const res = await ctx.api.get(`/v2/contacts?search=${encodeURIComponent(ctx.tag)}&pageSize=2&page=${page}`);
        expectStatus(res, 200, `page ${page}`);
        expectEqual([at(res.body, 'total'), at(res.body, 'page'), at(res.body, 'pageSize')], [5, page, 2], `total, page, pageSize of page ${page}`);
        seen.push(...pluck(listAt(at(res.body, 'data'), 'data'), 'id').map(String));
      }
      expectEqual([...seen].sort(), [...ids].sort(), 'the ids over all pages (no gaps, no duplicates)');
      const beyond = await ctx.api.get(`/v2/contacts?search=${encodeURIComponent(ctx.tag)}&pageSize=2&page=4`);
      expectEqual(at(beyond.body, 'data'), [], 'a page past the end');
    },
  },
  {
    id: 'contacts.list.search-fields',
    title: 'search matches name, email and company and returns list items with documentsCount',
    operations: ['listContacts'],
    provenance: 'documented',
    reference: REF.search,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      // the words searched for are in the name or the company only, never in the email
      const word = uniqueWord(ctx.tag);
      const byName = await createContact(ctx, { full_name: `Nombre ${word}n` }, 'n');
      const byCompany = await createContact(ctx, { company: `Empresa ${word}c` }, 'c');
      const nameHit = await ctx.api.get(`/v2/contacts?search=${encodeURIComponent(`${word}n`)}`);
      expectEqual(pluck(listAt(at(nameHit.body, 'data'), 'data'), 'id'), [byName.id], 'search by name');
      const companyHit = await ctx.api.get(`/v2/contacts?search=${encodeURIComponent(`${word}c`)}`);
      expectEqual(pluck(listAt(at(companyHit.body, 'data'), 'data'), 'id'), [byCompany.id], 'search by company');
      const emailHit = await ctx.api.get(`/v2/contacts?search=${encodeURIComponent(byCompany.email)}`);
      expectEqual(pluck(listAt(at(emailHit.body, 'data'), 'data'), 'id'), [byCompany.id], 'search by the whole email');
      expectEqual(at(emailHit.body, 'data', 0, 'documentsCount'), 0, 'documentsCount of a new contact');
    },
  },
  {
    id: 'contacts.list.search-accent-insensitive',
    title: 'search ignores case and accents ("perez" finds "Pérez")',
    operations: ['listContacts'],
    provenance: 'inferred',
    decision: DECIDED.search,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const c = await createContact(ctx, { full_name: `Juan Pérez ${ctx.tag}` });
      const res = await ctx.api.get(`/v2/contacts?search=${encodeURIComponent(`PEREZ ${ctx.tag}`)}`);
      expectEqual(pluck(listAt(at(res.body, 'data'), 'data'), 'id'), [c.id], 'search "PEREZ <tag>"');
    },
  },
  {
    id: 'contacts.list.filters',
    title: 'tag, source and verified filters keep exactly the matching contacts',
    operations: ['listContacts'],
    provenance: 'documented',
    reference: 'tag: Filtrar por etiqueta. verified: Filtrar por estado de verificación de identidad. source: Filtrar por origen.',
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const tagged = await createContact(ctx, { tags: [`t${ctx.tag}`.slice(0, 50)] }, 'tagged');
      await createContact(ctx, {}, 'plain');
      const byTag = await searchTag(ctx, `&tag=${encodeURIComponent(`t${ctx.tag}`.slice(0, 50))}`);
      expectEqual(pluck(listAt(at(byTag.body, 'data'), 'data'), 'id'), [tagged.id], 'tag filter');
      expectEqual(at((await searchTag(ctx, '&source=api')).body, 'total'), 2, 'source=api', on('source'));
      expectEqual(at((await searchTag(ctx, '&source=invitation')).body, 'total'), 0, 'source=invitation', on('source'));
      expectEqual(at((await searchTag(ctx, '&verified=false')).body, 'total'), 2, 'verified=false');
      expectEqual(at((await searchTag(ctx, '&verified=true')).body, 'total'), 0, 'verified=true');
    },
  },
  {
    id: 'contacts.autocomplete.finds',
    title: 'autocomplete finds a contact by the start of its name, with id, email and fullName',
    operations: ['autocompleteContacts'],
    provenance: 'documented',
    reference: REF.autocomplete,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const word = uniqueWord(ctx.tag);
      const c = await createContact(ctx, { full_name: `${word} Autocompletado` });
      const res = await ctx.api.get(`/v2/contacts/autocomplete?q=${encodeURIComponent(`${word} autocomp`)}`);
      expectStatus(res, 200, 'autocomplete');
      expectEqual(Array.isArray(res.body) && at(res.body, 'length'), 1, 'autocomplete items');
      expectFields(at(res.body, 0), { id: c.id, email: c.email, fullName: c.profile.fullName }, 'the autocomplete item');
    },
  },
  {
    id: 'contacts.autocomplete.at-most-5',
    title: 'autocomplete returns at most 5 contacts',
    operations: ['autocompleteContacts'],
    provenance: 'documented',
    reference: REF.autocomplete,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const word = uniqueWord(ctx.tag);
      for (let i = 0; i < 6; i++) await createContact(ctx, { full_name: `${word} Número ${i}` }, `a${i}`);
      const res = await ctx.api.get(`/v2/contacts/autocomplete?q=${encodeURIComponent(word)}`);
      expectEqual(at(res.body, 'length'), 5, 'number of autocomplete items');
    },
  },
  {
    id: 'contacts.autocomplete.q-min-2',
    title: 'autocomplete with q shorter than 2 characters is 422',
    operations: ['autocompleteContacts'],
    provenance: 'documented',
    reference: REF.autocomplete,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectRefused(await ctx.api.get('/v2/contacts/autocomplete?q=a'), 'q=a');
      expectStatus(await ctx.api.get('/v2/contacts/autocomplete?q=ab'), 200, 'q=ab');
    },
  },
  {
    id: 'contacts.autocomplete.q-required',
    title: 'autocomplete without q is 422 naming q',
    operations: ['autocompleteContacts'],
    provenance: 'inferred',
    decision: DECIDED.q,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectRefused(await ctx.api.get('/v2/contacts/autocomplete'), 'no q', { loc: ['query', 'q'] });
    },
  },
];
