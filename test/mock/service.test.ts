import { describe, expect, it } from 'vitest';
import { ControlPlane, DomainError, domainClock, MemoryRepository, MockService, type Problem } from '../../src/mock/index.js';
import { MAX_CUSTOM_FIELD_VALUE_CHARS, MAX_CUSTOM_FIELDS_CHARS } from '../../src/mock/domain/contacts.js';

// The rules without HTTP: the service answers records and refuses with domain problems.

const keys = [
  { tenant: 't1', key: 'k1', email: 'owner@t1.example.com' },
  { tenant: 't2', key: 'k2', email: 'owner@t2.example.com' },
];
const seed = { apiKeys: keys, seed: 1, contactsPerTenant: 0 };
const fresh = () => new MockService(new MemoryRepository(seed), { now: () => new Date('2026-01-01T00:00:00Z') });
const controlOf = (service: MockService) => new ControlPlane(service.repository, domainClock({ now: () => new Date('2026-01-01T00:00:00Z') }), seed);

async function refusal(promise: Promise<unknown>): Promise<Problem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.problem;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the domain service', () => {
  it('refuses a second contact with the same email, in its own terms', async () => {
    const service = fresh();
    await service.createContact('t1', { email: 'A@x.com' });
    expect(await refusal(service.createContact('t1', { email: 'a@X.com' }))).toEqual({ kind: 'duplicate_email' });
    expect((await service.createContact('t2', { email: 'a@x.com' })).contact.tenant).toBe('t2');
    expect(await refusal(service.getContact('t1', 'nope'))).toEqual({ kind: 'contact_not_found' });
  });

  it('checks every participant rule before writing anything', async () => {
    const service = fresh();
    const problem = await refusal(
      service.createDocument('t1', 'owner@t1.example.com', { name: 'D', participants: [{ email: 'a@x.com', name: 'A' }, { email: 'A@X.COM', name: 'B' }], sendByWhatsapp: true }),
    );
    expect(problem).toMatchObject({
      kind: 'participants_invalid',
      problems: [
        { kind: 'whatsapp_missing', index: 0 },
        { kind: 'duplicate', index: 1, email: 'a@x.com' },
        { kind: 'whatsapp_missing', index: 1 },
      ],
    });
    expect(await service.repository.counts()).toMatchObject({ contacts: 0, documents: 0 });
  });

  it('moves a document through its states as participants come, go and sign', async () => {
    const service = fresh();
    const control = controlOf(service);
    const doc = await service.createDocument('t1', 'owner@t1.example.com', { name: 'D', participants: [], sendByWhatsapp: false });
    expect(doc.status).toBe('DRAFT');
    const pending = await service.addParticipants('t1', 'owner@t1.example.com', doc.id, [
      { email: 'First@x.com', name: 'F', step: 1 },
      { email: 'second@x.com', name: 'S', step: 2 },
    ]);
    expect(pending).toMatchObject({ status: 'PENDING', participants: [{ email: 'first@x.com', invitedBy: 'owner@t1.example.com' }, { email: 'second@x.com' }] });
    expect(await refusal(control.signDocument(doc.id, 'second@x.com'))).toEqual({ kind: 'step_waiting', step: 1 });
    await control.signDocument(doc.id, 'FIRST@x.com');
    expect(await refusal(control.signDocument(doc.id, 'first@x.com'))).toEqual({ kind: 'already_signed' });
    const signed = await control.signDocument(doc.id, 'second@x.com');
    expect(signed.status).toBe('SIGNED');
    expect(signed.signedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(await refusal(service.removeParticipant('t1', doc.id, 'first@x.com'))).toEqual({ kind: 'document_closed', status: 'SIGNED' });
    expect(await refusal(service.removeParticipant('t1', doc.id, 'nobody@x.com'))).toEqual({ kind: 'participant_not_found' });
    expect(await refusal(service.getDocument('t2', doc.id))).toEqual({ kind: 'document_not_found' });
  });

  it('bounds custom fields as a whole: a patch that would pass a bound changes nothing', async () => {
    const service = fresh();
    const { contact } = await service.createContact('t1', { email: 'cf@x.com' });
    const hundred = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
    await service.patchCustomFields('t1', contact.id, hundred, undefined);
    expect(await refusal(service.patchCustomFields('t1', contact.id, { one: 'more' }, undefined))).toEqual({
      kind: 'custom_fields_invalid',
      problems: [{ kind: 'too_many_keys', max: 100, total: 101 }],
    });
    // a rename within the bound is fine: remove applies after set
    expect(Object.keys((await service.patchCustomFields('t1', contact.id, { renamed: 0 }, ['k0'])).contact.customFields!)).toHaveLength(100);
    const big = 'x'.repeat(MAX_CUSTOM_FIELD_VALUE_CHARS);
    expect(await refusal(service.patchCustomFields('t1', contact.id, { k1: big }, undefined))).toMatchObject({
      kind: 'custom_fields_invalid',
      problems: [{ kind: 'value_too_large', key: 'k1', max: MAX_CUSTOM_FIELD_VALUE_CHARS }],
    });
    const fillers = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i + 1}`, 'y'.repeat(MAX_CUSTOM_FIELD_VALUE_CHARS - 10)]));
    expect(await refusal(service.patchCustomFields('t1', contact.id, fillers, undefined))).toMatchObject({
      kind: 'custom_fields_invalid',
      problems: [{ kind: 'too_large', max: MAX_CUSTOM_FIELDS_CHARS }],
    });
    expect((await service.getContact('t1', contact.id)).contact.customFields!.k1).toBe(1);
  });

  it('bulk outcomes are per item, in input order, with one email rule for single and bulk create', async () => {
    const service = fresh();
    const outcomes = await service.bulkCreate('t1', [
      { email: 'ok@x.com' },
      { email: 'nul\u0000@x.com' },
      { email: '<b>@x.com' },
      { email: 'josé@x.com' },
      { email: 'OK@x.com' },
    ]);
    expect(outcomes.map((o) => o.failure ?? 'ok')).toEqual(['ok', 'invalid_email', 'invalid_email', 'invalid_email', 'ok']);
    expect(outcomes[4]!.contactId).toBe(outcomes[0]!.contactId);
  });
});
