import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allConstraints, auditProvenance, contractDocument, inferred, loadContract, provenance, ProvenanceLookup, type Basis, type OpenApiDocument } from '../../src/contract/index.js';

// Every constraint of the contract rests on the reference's words or on a decision, and a program
// (the suite, a proxy) can ask which for any status, keyword or validation error.

const DOCS = new URL('../../../shared/docs/', import.meta.url);
const pages = readdirSync(DOCS).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(new URL(f, DOCS), 'utf8'));
const contract = loadContract();
const op = (id: string) => contract.operation(id);
const p = provenance();

const documented = (quote: RegExp) => expect.objectContaining({ provenance: 'documented', quote: expect.stringMatching(quote) });
const decidedAt = (place: string) => ({ provenance: 'inferred', decision: inferred(place) });
const copy = (): OpenApiDocument => structuredClone(contractDocument());

describe('the provenance of every constraint', () => {
  it('reads the reference itself', () => {
    expect(pages.length).toBe(2);
    expect(pages.join('\n')).toMatch(/Resultados por página \(1-100, default: 25\)/);
  });

  it('accounts for every keyword, parameter, body and status of the contract: 0 unmarked, every quote verbatim', () => {
    expect(allConstraints().length).toBeGreaterThan(350);
    expect(auditProvenance(contractDocument(), pages).map((x) => `${x.pointer}: ${x.problem}`)).toEqual([]);
  });

  it('names the JSON pointer of a keyword that rests on nothing, a quote the reference does not say, and a key marked twice', () => {
    const doc = copy();
    const pageSize = (doc.paths['/v2/contacts']!.get as { parameters: { schema: Record<string, unknown> }[] }).parameters[1]!.schema;
    delete pageSize['x-documented'];
    (doc.components.schemas!.ParticipantInput as Record<string, Record<string, unknown>>).properties!.name = {
      ...((doc.components.schemas!.ParticipantInput as Record<string, Record<string, Record<string, unknown>>>).properties!.name),
      'x-documented': 'Nombre completo del participante (1-300 caracteres).',
    };
    const tags = doc.components.schemas!.Tags as Record<string, unknown>;
    tags['x-documented'] = { type: 'Name tags Type array Description Lista de etiquetas para organizar contactos.', maxItems: 'Lista de etiquetas para organizar contactos.' };
    (doc.components.schemas!.Phone as Record<string, unknown>)['x-documented'] = { size: 'Teléfono con código de país.' };
    const problems = auditProvenance(doc, pages).map((x) => `${x.pointer}: ${x.problem}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        '#/paths/~1v2~1contacts/get/parameters/1/schema/type: type rests on nothing: mark it x-documented or x-inferred',
        '#/paths/~1v2~1contacts/get/parameters/1/schema/maximum: maximum rests on nothing: mark it x-documented or x-inferred',
        '#/components/schemas/ParticipantInput/properties/name: the reference does not say "Nombre completo del participante (1-300 caracteres)."',
        '#/components/schemas/Tags: maxItems is marked both x-documented and x-inferred',
        expect.stringMatching(/^#\/components\/schemas\/Phone: x-documented.size: size is not a keyword that constrains/),
      ]),
    );
  });
});

describe('what the issue found unmarked, marked', () => {
  const bodySite = (id: string, schemaPath: string, keyword: string, params: Record<string, unknown> = {}) => p.requestError(op(id), 'body', { keyword, params, schemaPath });

  it('an unbounded tag filter and ids of any length are inferred bounds', () => {
    const tag = p.checkRequest(op('listContacts'), { query: { tag: 't'.repeat(51) } });
    expect(tag).toEqual([expect.objectContaining({ part: 'query', at: ['tag'], keyword: 'maxLength', basis: decidedAt('#/paths/~1v2~1contacts/get/parameters/3/schema/maxLength') })]);
    const ids = p.checkRequest(op('bulkDeleteContacts'), { body: { contactIds: ['x'.repeat(65)] } });
    expect(ids).toEqual([expect.objectContaining({ at: ['contactIds', 0], keyword: 'maxLength', basis: decidedAt('#/components/schemas/BulkDeleteRequest/properties/contactIds/items/maxLength') })]);
  });

  it('an id that is not a string is documented refused, and what an invalid item does to the request is inferred', () => {
    expect(p.checkRequest(op('bulkDeleteContacts'), { body: { contactIds: [12] } })).toEqual([expect.objectContaining({ keyword: 'type', basis: documented(/^-d '\{ "contactIds": \["uuid-1"/) })]);
    expect(p.keyword({ node: '#/components/schemas/BulkDeleteRequest/properties/contactIds', keyword: 'items' })).toMatchObject({ provenance: 'inferred', decision: { text: expect.stringMatching(/fails the whole request with 422 rather than its own item/) } });
  });

  it('a document without a name, with config null, or with no participants rests on decisions', () => {
    const missing = bodySite('createDocument', '#/required', 'required', { missingProperty: 'name' });
    expect(missing).toMatchObject({ provenance: 'inferred', decision: { text: expect.stringMatching(/^The reference does not describe the document's own fields/) } });
    expect(p.checkRequest(op('createDocument'), { body: { name: 'D', participants: [], config: null } })).toEqual([expect.objectContaining({ at: ['config'], keyword: 'type', basis: missing })]);
    expect(p.keyword({ node: '#/components/schemas/DocumentCreateRequest/properties/participants', keyword: 'minItems' })).toMatchObject({ provenance: 'inferred' });
  });

  it('the documented bounds and the documented 422s are the reference’s words', () => {
    expect(p.checkRequest(op('listContacts'), { query: { pageSize: '0' } })[0]!.basis).toMatchObject(documented(/Resultados por página \(1-100, default: 25\)/));
    expect(p.checkRequest(op('autocompleteContacts'), { query: { q: 'a' } })[0]!.basis).toMatchObject(documented(/mínimo 2 caracteres/));
    expect(p.checkRequest(op('autocompleteContacts'), { query: {} })[0]!.basis).toMatchObject(decidedAt('#/paths/~1v2~1contacts~1autocomplete/get/parameters/0'));
    expect(p.status(op('createDocument'), 422)).toMatchObject(documented(/recibes 422 Unprocessable Entity/));
    expect(p.status(op('listContacts'), 422)).toMatchObject({ provenance: 'inferred', decision: { text: expect.stringMatching(/names 422 for the participant rules only/) } });
  });
});

describe('a status, by what it rests on', () => {
  it('an undeclared error rests on what `default` decides; an undeclared success on the declared one', () => {
    const refusal = p.status(op('listContacts'), 422) as Extract<Basis, { provenance: 'inferred' }>;
    expect(p.status(op('listContacts'), 400)).toEqual(refusal);
    expect(p.status(op('createDocument'), 400)).toEqual(refusal);
    expect(p.status(op('listContacts'), 201)).toMatchObject(documented(/^Response \(200\)/));
    expect(p.status(op('addDocumentParticipants'), 201)).toMatchObject(decidedAt('#/paths/~1v2~1documents~1{document_id}~1participants/post/responses/200'));
    expect(p.status(op('getContact'), 404)).toMatchObject(decidedAt('#/components/responses/ContactNotFound'));
  });
});

describe('an answer off its schema, by what it rests on', () => {
  const contact = () => structuredClone(op('getContact').responses.find((r) => r.status === '200')!.examples[0]) as Record<string, unknown>;

  it('a documented field gates, an inferred one names its decision, an extra field the closed answer', () => {
    const { email: _email, createdAt: _created, ...rest } = contact();
    const found = p.checkResponse(op('getContact'), 200, { ...rest, tenantId: 't1' });
    expect(found.map((v) => [v.at.join('.'), v.basis?.provenance])).toEqual(
      expect.arrayContaining([
        ['email', 'documented'],
        ['createdAt', 'inferred'],
        ['tenantId', 'inferred'],
      ]),
    );
    expect(found.find((v) => v.keyword === 'additionalProperties')!.basis).toMatchObject(decidedAt('#/components/schemas/BulkResponse/additionalProperties'));
  });

  it('a documented keyword in an answer whose status is inferred rests on the status’s decision', () => {
    const { email: _email, ...rest } = contact();
    expect(p.checkResponse(op('updateContact'), 200, rest)[0]!.basis).toMatchObject(decidedAt('#/paths/~1v2~1contacts~1{contact_id}/put/responses/200'));
  });

  it('in a oneOf, the branch the value meant: a bulk item without email breaks only the decision that it carries one', () => {
    const body = { success: true, message: '1 succeeded, 0 failed', succeededCount: 1, failedCount: 0, details: [{ contactId: 'c1', success: true }] };
    const found = p.checkResponse(op('bulkDeleteContacts'), 200, body);
    expect(found).toEqual([expect.objectContaining({ at: ['details', 0, 'email'], keyword: 'required', basis: decidedAt('#/components/schemas/BulkItemSuccess/properties/email/presence') })]);
  });

  it('an undeclared status is a violation on what the status rests on', () => {
    expect(p.checkResponse(op('deleteContact'), 204, undefined)).toEqual([expect.objectContaining({ part: 'status', basis: documented(/"Contact deleted"/) })]);
    const refused = new ProvenanceLookup().checkResponse(op('listContacts'), 400, { error: 'bad', message: 'pageSize' });
    expect(refused.map((v) => [v.part, v.keyword])).toEqual([['status', 'status'], ['response', 'required'], ['response', 'additionalProperties'], ['response', 'additionalProperties']].slice(0, refused.length));
    expect(refused.every((v) => v.basis?.provenance === 'inferred')).toBe(true);
    expect(p.checkResponse(op('listContacts'), 404, { detail: 'Not Found' })).toEqual([]);
  });
});
