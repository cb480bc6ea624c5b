import { describe, expect, it } from 'vitest';
import { contractLimits } from '../../src/contract/index.js';

const MAX_PARTICIPANTS = contractLimits().participantsPerDocument;
import { OWNER_A, mockApi } from './helpers.js';

const p = (i: number, extra: Record<string, unknown> = {}) => ({ email: `p${i}@example.com`, name: `Participante ${i}`, ...extra });

describe('documents and participants', () => {
  it('creates a document: emails lower-cased, invitedBy defaults to the key owner, step kept', async () => {
    const api = mockApi();
    const res = await api.call('post', '/v2/documents', {
      body: {
        name: 'Contrato de servicios',
        participants: [
          { email: 'CEO@Empresa.com', name: 'CEO', step: 1 },
          { email: 'legal@empresa.com', name: 'Legal', invitedBy: 'boss@empresa.com', step: 2 },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Contrato de servicios', status: 'PENDING', config: { sendByWhatsapp: false } });
    expect(res.body.participants).toEqual([
      { email: 'ceo@empresa.com', name: 'CEO', whatsapp: null, invitedBy: OWNER_A, step: 1, signedAt: null },
      { email: 'legal@empresa.com', name: 'Legal', whatsapp: null, invitedBy: 'boss@empresa.com', step: 2, signedAt: null },
    ]);
    expect((await api.call('get', `/v2/documents/${res.body.id}`)).body).toEqual(res.body);
  });

  it('gives each new participant email a contact (source invitation) that lists the document', async () => {
    const api = mockApi();
    const doc = await api.call('post', '/v2/documents', { body: { name: 'D', participants: [{ email: 'Nueva@Example.com', name: 'Nueva Persona' }] } });
    const list = await api.call('get', '/v2/contacts?search=nueva');
    expect(list.body.data).toEqual([expect.objectContaining({ email: 'nueva@example.com', fullName: 'Nueva Persona', source: 'invitation', documentsCount: 1 })]);
    const docs = await api.call('get', `/v2/contacts/${list.body.data[0].id}/documents`);
    expect(docs.body.items.map((d: { documentId: string }) => d.documentId)).toEqual([doc.body.id]);
  });

  it.each([
    ['duplicates after lower-casing', [p(1), { email: 'P1@EXAMPLE.com', name: 'Again' }], {}, ['body', 'participants', 1, 'email']],
    ['a missing whatsapp when sendByWhatsapp', [p(1, { whatsapp: '+525512345678' }), p(2)], { sendByWhatsapp: true }, ['body', 'participants', 1, 'whatsapp']],
    ['a whatsapp that is not E.164', [p(1, { whatsapp: '55 1234 5678' })], {}, ['body', 'participants', 0, 'whatsapp']],
    ['an empty name', [p(1, { name: '' })], {}, ['body', 'participants', 0, 'name']],
    ['a 256-character name', [p(1, { name: 'n'.repeat(256) })], {}, ['body', 'participants', 0, 'name']],
    ['a bad email', [{ email: 'nope', name: 'N' }], {}, ['body', 'participants', 0, 'email']],
    ['51 participants', Array.from({ length: 51 }, (_, i) => p(i)), {}, ['body', 'participants']],
  ])('rejects %s with 422 naming the field, creating nothing', async (_what, participants, config, loc) => {
    const api = mockApi();
    const res = await api.call('post', '/v2/documents', { body: { name: 'D', participants, config } });
    expect(res.status).toBe(422);
    expect(res.body.detail).toContainEqual(expect.objectContaining({ loc }));
    expect((await api.call('get', '/v2/contacts')).body.total).toBe(0);
  });

  it('accepts exactly 50 participants and a 255-character name', async () => {
    const api = mockApi();
    const participants = Array.from({ length: MAX_PARTICIPANTS }, (_, i) => p(i, i === 0 ? { name: 'n'.repeat(255) } : {}));
    const res = await api.call('post', '/v2/documents', { body: { name: 'D', participants } });
    expect(res.status).toBe(201);
    expect(res.body.participants).toHaveLength(50);
  });

  it('adds participants under the same rules, counting those already there', async () => {
    const api = mockApi();
    const doc = await api.call('post', '/v2/documents', { body: { name: 'D', participants: Array.from({ length: 49 }, (_, i) => p(i)) } });
    const id = doc.body.id;
    const dup = await api.call('post', `/v2/documents/${id}/participants`, { body: { participants: [{ email: 'P3@example.com', name: 'x' }] } });
    expect(dup.status).toBe(422);
    expect(dup.body.detail[0].loc).toEqual(['body', 'participants', 0, 'email']);
    const two = await api.call('post', `/v2/documents/${id}/participants`, { body: { participants: [p(100), p(101)] } });
    expect(two.status).toBe(422);
    expect(two.body.detail[0].loc).toEqual(['body', 'participants']);
    const one = await api.call('post', `/v2/documents/${id}/participants`, { body: { participants: [p(100)] } });
    expect(one.status).toBe(200);
    expect(one.body.participants).toHaveLength(50);
    expect(one.body.participants[49]).toMatchObject({ email: 'p100@example.com', invitedBy: OWNER_A });
  });

  it('applies the whatsapp rule of the document when adding', async () => {
    const api = mockApi();
    const doc = await api.call('post', '/v2/documents', {
      body: { name: 'D', participants: [p(1, { whatsapp: '+525512345678' })], config: { sendByWhatsapp: true } },
    });
    const res = await api.call('post', `/v2/documents/${doc.body.id}/participants`, { body: { participants: [p(2)] } });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'participants', 0, 'whatsapp']);
  });

  it('removes a participant by email, case-insensitively; the contact no longer lists it', async () => {
    const api = mockApi();
    const doc = await api.call('post', '/v2/documents', { body: { name: 'D', participants: [p(1), p(2)] } });
    const res = await api.call('delete', `/v2/documents/${doc.body.id}/participants/P1%40Example.com`);
    expect(res.status).toBe(200);
    expect(res.body.participants.map((x: { email: string }) => x.email)).toEqual(['p2@example.com']);
    const again = await api.call('delete', `/v2/documents/${doc.body.id}/participants/p1%40example.com`);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ detail: 'Participant not found' });
    const contact = (await api.call('get', '/v2/contacts?search=p1%40')).body.data[0];
    expect(contact.documentsCount).toBe(0);
  });

  it('signing follows the steps and completes the document', async () => {
    const api = mockApi();
    const doc = await api.call('post', '/v2/documents', { body: { name: 'D', participants: [p(1, { step: 1 }), p(2, { step: 2 })] } });
    const early = await api.call('post', `/__admin/documents/${doc.body.id}/sign`, { body: { email: 'p2@example.com' } });
    expect(early.status).toBe(409);
    expect((await api.call('post', `/__admin/documents/${doc.body.id}/sign`, { body: { email: 'p1@example.com' } })).body.status).toBe('PENDING');
    const done = await api.call('post', `/__admin/documents/${doc.body.id}/sign`, { body: { email: 'P2@example.com' } });
    expect(done.body).toMatchObject({ status: 'SIGNED', signedAt: done.body.participants[1].signedAt });
  });

  it('refuses participant changes on a finished document with the contract’s 409, changing nothing', async () => {
    const api = mockApi();
    const doc = await api.call('post', '/v2/documents', { body: { name: 'D', participants: [p(1)] } });
    await api.call('post', `/__admin/documents/${doc.body.id}/sign`, { body: { email: 'p1@example.com' } });
    const closed = { detail: 'Document is SIGNED; its participants can no longer change' };
    const add = await api.call('post', `/v2/documents/${doc.body.id}/participants`, { body: { participants: [p(2)] } });
    expect([add.status, add.body]).toEqual([409, closed]);
    const remove = await api.call('delete', `/v2/documents/${doc.body.id}/participants/p1@example.com`);
    expect([remove.status, remove.body]).toEqual([409, closed]);
    expect((await api.call('get', `/v2/documents/${doc.body.id}`)).body.participants.map((x: { email: string }) => x.email)).toEqual(['p1@example.com']);
    // the 409 is declared, so it can be forced like any other
    const forced = await api.call('post', `/v2/documents/${doc.body.id}/participants`, { body: { participants: [p(3)] }, headers: { Prefer: 'code=409' } });
    expect([forced.status, forced.body]).toEqual([409, closed]);
  });

  it('answers 404 for unknown documents and 422 for a malformed id', async () => {
    const api = mockApi();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await api.call('get', `/v2/documents/${unknown}`)).body).toEqual({ detail: 'Document not found' });
    expect((await api.call('post', `/v2/documents/${unknown}/participants`, { body: { participants: [p(1)] } })).status).toBe(404);
    expect((await api.call('get', '/v2/documents/xyz')).status).toBe(422);
  });
});
