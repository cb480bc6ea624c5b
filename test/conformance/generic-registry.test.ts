import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/index.js';
import { DecisionLedger } from '../../src/conformance/contract/ledger.js';
import { passed, type GenericCheck } from '../../src/conformance/generic/definition.js';
import { Dispatcher } from '../../src/conformance/generic/dispatcher.js';
import { FindingBook } from '../../src/conformance/generic/findings.js';
import { DEFINITIONS, GENERIC, GENERIC_CHECKS, register, type GenericId } from '../../src/conformance/generic/registry.js';
import type { ExchangeRecord } from '../../src/conformance/types.js';

// The registry is the one place a generic check is defined: the catalogue, the ids users filter on
// and what runs on each event all come from it.

const entryOf = (id: string) => GENERIC_CHECKS.find((e) => e.id === id)!;

describe('the generic checks registry', () => {
  it('keeps the ids reports and --only/--skip name', () => {
    expect(Object.values(GENERIC)).toEqual([
      'generic.not-a-server-error',
      'generic.status-code-conformance',
      'generic.content-type-conformance',
      'generic.response-schema-conformance',
      'generic.negative-data-rejection',
      'generic.positive-data-acceptance',
      'generic.ignored-auth',
      'generic.use-after-delete',
    ]);
  });

  it('has exactly one definition per id, each handling an event, and the catalogue is made of them', () => {
    for (const id of Object.values(GENERIC)) expect(DEFINITIONS.filter((d) => d.id === id), id).toHaveLength(1);
    expect(DEFINITIONS).toHaveLength(Object.values(GENERIC).length);
    for (const d of DEFINITIONS) expect(Object.values(d.on).filter((h) => typeof h === 'function').length, d.id).toBeGreaterThan(0);
    const operations = loadContract().operations.map((op) => op.operationId);
    expect(GENERIC_CHECKS).toEqual(
      DEFINITIONS.map((d) => ({ id: d.id, title: d.title, kind: d.kind, creates: d.creates, reference: d.reference, origin: 'generic', provenance: 'documented', operations })),
    );
  });

  it('refuses a definition without a title, a duplicate id, an id outside generic., or one that handles nothing', () => {
    const ok: GenericCheck = { id: 'generic.example', title: 'an example', kind: 'response', creates: false, on: { answer: () => passed() } };
    expect(register([ok])).toEqual([ok]);
    expect(() => register([{ ...ok, title: '' }])).toThrow('generic check generic.example has no title');
    expect(() => register([{ ...ok, title: '   ' }])).toThrow('has no title');
    expect(() => register([ok, { ...ok, title: 'another' }])).toThrow('generic check generic.example is defined twice');
    expect(() => register([{ ...ok, id: 'example' }])).toThrow('expected generic.<lowercase-words>');
    expect(() => register([{ ...ok, on: {} }])).toThrow('generic check generic.example handles no event');
    expect(() => register([...DEFINITIONS, DEFINITIONS[3]!])).toThrow(`${DEFINITIONS[3]!.id} is defined twice`);
  });
});

describe('the dispatcher', () => {
  const answer = (status: number): ExchangeRecord => ({
    request: { method: 'GET', url: '/v2/contacts/00000000-0000-4000-8000-000000000000' },
    response: { status, contentType: 'application/json', body: { detail: 'boom' } },
    durationMs: 1,
    operationId: 'getContact',
    seenIn: 'a test',
  });

  it('counts only the checks an event applies to and that are selected, and keys findings by check and operation', () => {
    const book = new FindingBook();
    const dispatcher = new Dispatcher((id: GenericId) => id !== GENERIC.contentType, book, new DecisionLedger());
    const found = dispatcher.inspect(answer(500), { detail: 'boom' });
    expect(found.map((f) => f.key)).toEqual(['generic.not-a-server-error getContact 500']);
    expect(found[0]).toMatchObject({ check: GENERIC.serverError, message: 'GET /v2/contacts/00000000-0000-4000-8000-000000000000 → 500: a server error', seenIn: 'a test' });
    // a 5xx is the server-error check's alone: the others did not look at it
    expect(book.result(entryOf(GENERIC.statusCode), false, 'not seen').outcome).toBe('skipped');

    const record = answer(404);
    dispatcher.inspect(record, record.response!.body);
    // a request without an answer is a finding, but not an answer checked
    const op = loadContract().operation('getContact');
    expect(dispatcher.noAnswer(op, { ...record, response: undefined, error: 'socket hang up' }).map((f) => f.key)).toEqual(['generic.not-a-server-error getContact no answer']);
    expect(book.result(entryOf(GENERIC.serverError), false, 'not seen').message).toMatch(/^2 distinct findings in 2 answers checked/);
    expect(book.result(entryOf(GENERIC.statusCode), false, 'not seen').message).toBe('1 answers checked, no finding');
    expect(book.result(entryOf(GENERIC.contentType), false, 'not seen').outcome).toBe('skipped');
  });
});
