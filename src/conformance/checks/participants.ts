import { expect422, expectEqual, expectStatus, expectTrue } from '../expect.js';
import type { Check } from '../types.js';
import { REF, UNKNOWN_ID, createContact, createDocument, participant, searchTag } from './fixtures.js';

interface P {
  email: string;
  name: string;
  invitedBy: string;
  step?: number | null;
}

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
      const res = await createDocument(ctx, [
        { email: upper, name: 'CEO', step: 1 },
        { ...participant(ctx, 'legal'), invitedBy: 'boss@example.com', step: 2 },
      ]);
      expectStatus(res, 201, 'POST /v2/documents');
      const ps = res.body.participants as P[];
      expectEqual(ps.map((p) => p.email), [upper.toLowerCase(), ctx.email('legal')], 'participant emails');
      expectEqual(ps.map((p) => p.step), [1, 2], 'steps');
      expectEqual(ps[1]!.invitedBy, 'boss@example.com', 'an explicit invitedBy');
      const defaulted = ps[0]!.invitedBy;
      if (ctx.keyOwnerEmail) expectEqual(defaulted.toLowerCase(), ctx.keyOwnerEmail, 'a defaulted invitedBy is the key owner’s email (--key-owner-email)');
      // without the owner's email (the API cannot tell it), what can be checked: an email, not the explicit one, not a participant
      const looksLikeKeyUser = /^[^@\s]+@[^@\s]+$/.test(defaulted) && defaulted !== 'boss@example.com' && !ps.some((p) => p.email === defaulted);
      expectTrue(looksLikeKeyUser, 'a defaulted invitedBy is the key user’s email (not absent, not the explicit one, not a participant)', defaulted);
      const second = await createDocument(ctx, [participant(ctx, 'other')]);
      expectEqual((second.body.participants as P[])[0]!.invitedBy, ps[0]!.invitedBy, 'the default invitedBy is the same user on every document');
      const got = await ctx.api.get(`/v2/documents/${res.body.id}`);
      expectEqual(got.body.participants, res.body.participants, 'participants from GET /v2/documents/{id}');
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
      expect422(res, 'duplicate participants after lower-casing');
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
      expect422(res, 'a participant without whatsapp');
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
      expect422(await createDocument(ctx, [participant(ctx, 'e', { whatsapp: '55 1234 5678' })]), 'whatsapp "55 1234 5678"');
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
      expect422(await createDocument(ctx, [participant(ctx, 'n0', { name: '' })]), 'an empty name');
      expect422(await createDocument(ctx, [participant(ctx, 'n256', { name: 'n'.repeat(256) })]), 'a 256-character name');
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
      expect422(await createDocument(ctx, [{ email: `not-an-email-${ctx.tag}`, name: 'X' }]), 'a malformed participant email');
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
      expect422(res, '51 participants');
    },
  },
  {
    id: 'participants.create.field-named-in-422',
    title: 'participant 422s name the offending field (loc)',
    operations: ['createDocument'],
    provenance: 'inferred',
    kind: 'negative',
    creates: true,
    async run(ctx) {
      const res = await createDocument(ctx, [participant(ctx, 'l1', { whatsapp: '+525512345678' }), participant(ctx, 'l2')], { sendByWhatsapp: true });
      expect422(res, 'missing whatsapp', ['body', 'participants', 1, 'whatsapp']);
      const dup = await createDocument(ctx, [participant(ctx, 'l3'), { email: ctx.email('l3').toUpperCase(), name: 'X' }]);
      expect422(dup, 'duplicate email', ['body', 'participants', 1, 'email']);
    },
  },
  {
    id: 'participants.contact-lists-document',
    title: 'a participant gets a contact (source invitation) whose documents list the document',
    operations: ['createDocument', 'listContactDocuments', 'listContacts'],
    provenance: 'inferred',
    kind: 'positive',
    creates: true,
    async run(ctx) {
      const existing = await createContact(ctx, {}, 'known');
      const doc = await createDocument(ctx, [{ email: existing.email, name: 'Known' }, participant(ctx, 'fresh')]);
      expectStatus(doc, 201, 'POST /v2/documents');
      const docs = await ctx.api.get(`/v2/contacts/${existing.id}/documents`);
      expectStatus(docs, 200, 'GET the contact’s documents');
      expectEqual(docs.body.items.map((d: { documentId: string }) => d.documentId), [doc.body.id], 'document ids of the contact');
      expectEqual([docs.body.total, docs.body.items[0].documentName], [1, doc.body.name], 'total and name');
      const list = await searchTag(ctx);
      for (const c of list.body.data) ctx.track.contact(c.id);
      const fresh = list.body.data.find((c: { email: string }) => c.email === ctx.email('fresh'));
      expectTrue(fresh, 'the new participant has a contact', list.body.data);
      expectEqual([fresh.source, fresh.documentsCount], ['invitation', 1], 'its source and documentsCount');
    },
  },
  {
    id: 'documents.get.unknown-404',
    title: 'get of an unknown document is 404',
    operations: ['getDocument'],
    provenance: 'inferred',
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
      const doc = await createDocument(ctx, [participant(ctx, 'first')]);
      const res = await ctx.api.post(`/v2/documents/${doc.body.id}/participants`, { participants: [{ email: ctx.email('added').toUpperCase(), name: 'Added' }] });
      expectStatus(res, 200, 'POST participants');
      expectEqual(res.body.participants.map((p: P) => p.email), [ctx.email('first'), ctx.email('added')], 'participants after adding');
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
      const doc = await createDocument(ctx, [participant(ctx, 'one')]);
      const res = await ctx.api.post(`/v2/documents/${doc.body.id}/participants`, { participants: [{ email: ctx.email('one').toUpperCase(), name: 'Again' }] });
      expect422(res, 'adding the same email again');
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
      const doc = await createDocument(ctx, Array.from({ length: 49 }, (_, i) => participant(ctx, `f${i}`)));
      expectStatus(doc, 201, 'a document with 49 participants');
      const two = await ctx.api.post(`/v2/documents/${doc.body.id}/participants`, { participants: [participant(ctx, 'x1'), participant(ctx, 'x2')] });
      expect422(two, 'the 50th and 51st participants');
      const got = await ctx.api.get(`/v2/documents/${doc.body.id}`);
      expectEqual(got.body.participants.length, 49, 'participants after the refused add');
      expectStatus(await ctx.api.post(`/v2/documents/${doc.body.id}/participants`, { participants: [participant(ctx, 'x1')] }), 200, 'the 50th participant');
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
      const doc = await createDocument(ctx, [participant(ctx, 'stay'), participant(ctx, 'go')]);
      const res = await ctx.api.delete(`/v2/documents/${doc.body.id}/participants/${encodeURIComponent(ctx.email('go').toUpperCase())}`);
      expectStatus(res, 200, 'DELETE the participant');
      const got = await ctx.api.get(`/v2/documents/${doc.body.id}`);
      expectEqual(got.body.participants.map((p: P) => p.email), [ctx.email('stay')], 'participants after removal');
    },
  },
  {
    id: 'participants.remove.unknown-404',
    title: 'removing an email that is not a participant, or from an unknown document, is 404',
    operations: ['removeDocumentParticipant', 'addDocumentParticipants'],
    provenance: 'inferred',
    kind: 'negative',
    creates: false,
    async run(ctx) {
      expectStatus(await ctx.api.delete(`/v2/documents/${UNKNOWN_ID}/participants/${encodeURIComponent(ctx.email('none'))}`), 404, 'DELETE on an unknown document');
      expectStatus(await ctx.api.post(`/v2/documents/${UNKNOWN_ID}/participants`, { participants: [participant(ctx, 'none')] }), 404, 'POST participants to an unknown document');
    },
  },
];
