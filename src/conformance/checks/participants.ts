import { expectRefused, expectEqual, expectStatus, expectTrue } from './expect.js';
import { at, listAt, pluck } from './read.js';
import type { Check } from '../types.js';
import { DECIDED, on } from '../contract/decided.js';
import { documentParticipants, madeDocument, participantsIn } from './documents.js';
import { REF, UNKNOWN_ID, createContact, createDocument, participant, searchTag } from './fixtures.js';

export const participantChecks: Check[] = [
  {
    id: 'participants.create.lowercase-invitedby-step',
    title: 'document create lower-cases emails, defaults invitedBy to the key’s user and keeps step',
    operations: ['createDocument', 'getDocument'],
    provenance: 'documented',
    reference: `${REF.participantEmail} ${REF.invitedBy}`,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const upper = ctx.email('ceo').toUpperCase();
      const { res, id } = await madeDocument(ctx, [
        { email: upper, name: 'CEO', step: 1 },
        { ...participant(ctx, 'legal'), invitedBy: 'boss@example.com', step: 2 },
      ]);
      const ps = participantsIn(res, 'POST /v2/documents', on('createDocument'));
      if (!ps) return;
      expectEqual(ps.map((p) => p.email), [upper.toLowerCase(), ctx.email('legal')], 'participant emails');
      expectEqual(ps.map((p) => p.step), [1, 2], 'steps');
      expectEqual(ps[1]?.invitedBy, 'boss@example.com', 'an explicit invitedBy');
      const defaulted = String(ps[0]?.invitedBy);
      if (ctx.keyOwnerEmail) expectEqual(defaulted.toLowerCase(), ctx.keyOwnerEmail, 'a defaulted invitedBy is the key owner’s email (--key-owner-email)');
      // without the owner's email (the API cannot tell it), what can be checked: an email, not the explicit one, not a participant
      const looksLikeKeyUser = /^[^@\s]+@[^@\s]+$/.test(defaulted) && defaulted !== 'boss@example.com' && !ps.some((p) => p.email === defaulted);
      expectTrue(looksLikeKeyUser, 'a defaulted invitedBy is the key user’s email (not absent, not the explicit one, not a participant)', defaulted);
      const second = participantsIn((await madeDocument(ctx, [participant(ctx, 'other')])).res, 'a second POST /v2/documents', on('createDocument'));
      if (second) expectEqual(second[0]?.invitedBy, ps[0]?.invitedBy, 'the default invitedBy is the same user on every document');
      if (id) expectEqual(await documentParticipants(ctx, id), ps, 'participants from GET /v2/documents/{id}', on('getDocument'));
    },
  },
  {
    id: 'participants.create.duplicate-after-lowercase-422',
    title: 'two participants whose emails differ only in case are 422',
    operations: ['createDocument'],
    provenance: 'documented',
    reference: REF.duplicates,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      const email = ctx.email('dup');
      const res = await createDocument(ctx, [{ email: email.toUpperCase(), name: 'CEO' }, { email, name: 'CEO' }]);
      expectRefused(res, 'duplicate participants after lower-casing', { status: 'documented' });
    },
  },
  {
    id: 'participants.create.whatsapp-required',
    title: 'with config.sendByWhatsapp, a participant without whatsapp is 422',
    operations: ['createDocument'],
    provenance: 'documented',
    reference: REF.whatsapp,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      const res = await createDocument(ctx, [participant(ctx, 'w1', { whatsapp: '+525512345678' }), participant(ctx, 'w2')], { sendByWhatsapp: true });
      expectRefused(res, 'a participant without whatsapp', { status: 'documented' });
      const ok = await createDocument(ctx, [participant(ctx, 'w3', { whatsapp: '+525512345678' })], { sendByWhatsapp: true });
      expectStatus(ok, 201, 'every participant with whatsapp');
    },
  },
  {
    id: 'participants.create.whatsapp-e164',
    title: 'a whatsapp number that is not E.164 is 422',
    operations: ['createDocument'],
    provenance: 'documented',
    reference: REF.e164,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      expectRefused(await createDocument(ctx, [participant(ctx, 'e', { whatsapp: '55 1234 5678' })]), 'whatsapp "55 1234 5678"');
    },
  },
  {
    id: 'participants.create.name-length',
    title: 'a participant name must have 1 to 255 characters',
    operations: ['createDocument'],
    provenance: 'documented',
    reference: REF.name,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      expectRefused(await createDocument(ctx, [participant(ctx, 'n0', { name: '' })]), 'an empty name');
      expectRefused(await createDocument(ctx, [participant(ctx, 'n256', { name: 'n'.repeat(256) })]), 'a 256-character name');
      expectStatus(await createDocument(ctx, [participant(ctx, 'n255', { name: 'n'.repeat(255) })]), 201, 'a 255-character name');
    },
  },
  {
    id: 'participants.create.email-validated',
    title: 'a participant email that is not an email is 422',
    operations: ['createDocument'],
    provenance: 'documented',
    reference: REF.participantEmail,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      expectRefused(await createDocument(ctx, [{ email: `not-an-email-${ctx.tag}`, name: 'X' }]), 'a malformed participant email');
    },
  },
  {
    id: 'participants.create.max-50',
    title: '51 participants are 422',
    operations: ['createDocument'],
    provenance: 'documented',
    reference: REF.max50,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      const res = await createDocument(ctx, Array.from({ length: 51 }, (_, i) => participant(ctx, `m${i}`)));
      expectRefused(res, '51 participants', { status: 'documented' });
    },
  },
  {
    id: 'participants.create.field-named-in-422',
    title: 'participant 422s name the offending field (loc)',
    operations: ['createDocument'],
    provenance: 'inferred',
    decision: DECIDED.validationBody,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      const res = await createDocument(ctx, [participant(ctx, 'l1', { whatsapp: '+525512345678' }), participant(ctx, 'l2')], { sendByWhatsapp: true });
      expectRefused(res, 'missing whatsapp', { loc: ['body', 'participants', 1, 'whatsapp'] });
      const dup = await createDocument(ctx, [participant(ctx, 'l3'), { email: ctx.email('l3').toUpperCase(), name: 'X' }]);
      expectRefused(dup, 'duplicate email', { loc: ['body', 'participants', 1, 'email'] });
    },
  },
  {
    id: 'participants.contact-lists-document',
    title: 'a participant’s contact lists the document; a new participant gets a contact (source invitation)',
    operations: ['createDocument', 'listContactDocuments', 'listContacts'],
    provenance: 'documented',
    reference: REF.documents,
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const existing = await createContact(ctx, {}, 'known');
      const { res, id } = await madeDocument(ctx, [{ email: existing.email, name: 'Known' }, participant(ctx, 'fresh')]);
      const docs = await ctx.api.get(`/v2/contacts/${existing.id}/documents`);
      expectStatus(docs, 200, 'GET the contact’s documents');
      expectEqual(pluck(listAt(at(docs.body, 'items'), 'items'), 'documentId'), [id], 'document ids of the contact');
      expectEqual(at(docs.body, 'total'), 1, 'total');
      expectEqual(at(docs.body, 'items', 0, 'documentName'), at(res.body, 'name'), 'the document’s name', on('createDocument'));
      // that a participant without a contact gets one is the contract's choice, and so is its source
      const list = await searchTag(ctx);
      const found = listAt(at(list.body, 'data'), 'data');
      for (const c of found) ctx.track.contact(at(c, 'id'));
      const fresh = found.find((c) => at(c, 'email') === ctx.email('fresh'));
      if (!expectTrue(fresh, 'the new participant has a contact', found, on('createDocument'))) return;
      expectEqual(at(fresh, 'documentsCount'), 1, 'its documentsCount', on('createDocument'));
      expectEqual(at(fresh, 'source'), 'invitation', 'its source', on('source'));
    },
  },
  {
    id: 'documents.get.unknown-404',
    title: 'get of an unknown document is 404',
    operations: ['getDocument'],
    provenance: 'inferred',
    decision: DECIDED.getDocument,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectStatus(await ctx.api.get(`/v2/documents/${UNKNOWN_ID}`), 404, 'GET an unknown document');
    },
  },
  {
    id: 'participants.add.adds',
    title: 'adding a participant appends it with the same rules',
    operations: ['addDocumentParticipants'],
    provenance: 'documented',
    reference: 'POST /v2/documents/{id}/participants - Añade participantes a un documento existente',
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const { id } = await madeDocument(ctx, [participant(ctx, 'first')]);
      if (!id) return;
      const res = await ctx.api.post(`/v2/documents/${id}/participants`, { participants: [{ email: ctx.email('added').toUpperCase(), name: 'Added' }] });
      expectStatus(res, 200, 'POST participants');
      const expected = [ctx.email('first'), ctx.email('added')];
      const answered = participantsIn(res, 'the answer to POST participants', on('addParticipants'));
      if (answered) expectEqual(answered.map((p) => p.email), expected, 'participants in the answer', on('addParticipants'));
      const stored = await documentParticipants(ctx, id);
      if (stored) expectEqual(stored.map((p) => p.email), expected, 'participants after adding');
    },
  },
  {
    id: 'participants.add.whatsapp-required',
    title: 'adding a participant without whatsapp to a document sent by WhatsApp is 422 and adds nothing',
    operations: ['addDocumentParticipants'],
    provenance: 'documented',
    reference: `${REF.whatsappAdd} ${REF.whatsapp}`,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      const { id } = await madeDocument(ctx, [participant(ctx, 'wa1', { whatsapp: '+525512345678' })], { sendByWhatsapp: true });
      if (!id) return;
      const res = await ctx.api.post(`/v2/documents/${id}/participants`, { participants: [participant(ctx, 'wa2')] });
      expectRefused(res, 'a participant without whatsapp', { status: 'documented' });
      const stored = await documentParticipants(ctx, id);
      if (stored) expectEqual(stored.map((p) => p.email), [ctx.email('wa1')], 'participants after the refused add');
    },
  },
  {
    id: 'participants.add.duplicate-422',
    title: 'adding an email already on the document (any case) is 422',
    operations: ['addDocumentParticipants'],
    provenance: 'documented',
    reference: REF.duplicates,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      const { id } = await madeDocument(ctx, [participant(ctx, 'one')]);
      if (!id) return;
      const res = await ctx.api.post(`/v2/documents/${id}/participants`, { participants: [{ email: ctx.email('one').toUpperCase(), name: 'Again' }] });
      expectRefused(res, 'adding the same email again', { status: 'documented' });
    },
  },
  {
    id: 'participants.add.beyond-50-422',
    title: 'adding past 50 participants is 422 and adds nothing',
    operations: ['addDocumentParticipants'],
    provenance: 'documented',
    reference: REF.max50,
    kind: 'negative',
    creates: true,
    async run(ctx) {
      const { id } = await madeDocument(ctx, Array.from({ length: 49 }, (_, i) => participant(ctx, `f${i}`)));
      if (!id) return;
      const two = await ctx.api.post(`/v2/documents/${id}/participants`, { participants: [participant(ctx, 'x1'), participant(ctx, 'x2')] });
      expectRefused(two, 'the 50th and 51st participants', { status: 'documented' });
      const stored = await documentParticipants(ctx, id);
      if (stored) expectEqual(stored.length, 49, 'participants after the refused add');
      const fiftieth = await ctx.api.post(`/v2/documents/${id}/participants`, { participants: [participant(ctx, 'x1')] });
      expectStatus(fiftieth, 200, 'the 50th participant');
    },
  },
  {
    id: 'participants.remove.removes',
    title: 'removing a participant by email (any case) takes it off the document',
    operations: ['removeDocumentParticipant'],
    provenance: 'documented',
    reference: 'DELETE /v2/documents/{id}/participants/{email} - Elimina un participante del documento',
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const { id } = await madeDocument(ctx, [participant(ctx, 'stay'), participant(ctx, 'go')]);
      if (!id) return;
      const res = await ctx.api.delete(`/v2/documents/${id}/participants/${encodeURIComponent(ctx.email('go').toUpperCase())}`);
      expectStatus(res, 200, 'DELETE the participant');
      participantsIn(res, 'the answer to DELETE the participant', on('removeParticipant'));
      const stored = await documentParticipants(ctx, id);
      if (stored) expectEqual(stored.map((p) => p.email), [ctx.email('stay')], 'participants after removal');
    },
  },
  {
    id: 'participants.remove.unknown-404',
    title: 'removing an email that is not a participant, or from an unknown document, is 404',
    operations: ['removeDocumentParticipant', 'addDocumentParticipants'],
    provenance: 'inferred',
    decision: DECIDED.removeParticipant,
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectStatus(await ctx.api.delete(`/v2/documents/${UNKNOWN_ID}/participants/${encodeURIComponent(ctx.email('none'))}`), 404, 'DELETE on an unknown document');
      expectStatus(await ctx.api.post(`/v2/documents/${UNKNOWN_ID}/participants`, { participants: [participant(ctx, 'none')] }), 404, 'POST participants to an unknown document', on('addParticipants'));
    },
  },
];
