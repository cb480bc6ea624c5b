import express, { type Express } from 'express';
import { MockStore } from '../../src/mock/index.js';
import type { BulkItemOutcome, ContactInput, ContactRecord, CustomFieldMap, ListQuery, ParticipantInput } from '../../src/mock/store/types.js';

// The mock with one realistic bug each: a MockStore subclass overriding one method, or middleware in
// front of the app. broken-variants.test.ts runs the suite against every one of them.

export class TenantFilterDroppedInList extends MockStore {
  override listContacts(tenantName: string, query: ListQuery) {
    const everyone = [...this.tenants.keys()].map((t) => super.listContacts(t, { ...query, page: 1, pageSize: 1_000_000 }));
    const all = everyone.flatMap((r) => r.data);
    const skip = (query.page - 1) * query.pageSize;
    return { data: all.slice(skip, skip + query.pageSize), total: all.length, page: query.page, pageSize: query.pageSize };
  }
}

export class GetIgnoresTenant extends MockStore {
  override getContact(tenantName: string, id: string) {
    for (const t of this.tenants.keys()) {
      const found = super.getContact(t, id);
      if (found.ok) return found;
    }
    return super.getContact(tenantName, id);
  }
}

export class BulkDeleteIgnoresTenant extends MockStore {
  override bulkDelete(tenantName: string, ids: string[]): BulkItemOutcome[] {
    return ids.map((id) => {
      const owner = [...this.tenants.keys()].find((t) => this.tenant(t).contacts.has(id)) ?? tenantName;
      return super.bulkDelete(owner, [id])[0]!;
    });
  }
}

export class RemoveIgnored extends MockStore {
  override patchCustomFields(tenantName: string, id: string, set: CustomFieldMap | undefined) {
    return super.patchCustomFields(tenantName, id, set, undefined);
  }
}

export class RemoveBeforeSet extends MockStore {
  override patchCustomFields(tenantName: string, id: string, set: CustomFieldMap | undefined, remove: string[] | undefined) {
    super.patchCustomFields(tenantName, id, undefined, remove);
    return super.patchCustomFields(tenantName, id, set, undefined);
  }
}

export class PaginationOffByOne extends MockStore {
  override listContacts(tenantName: string, query: ListQuery) {
    const all = super.listContacts(tenantName, { ...query, page: 1, pageSize: 1_000_000 });
    const skip = Math.max(0, (query.page - 1) * query.pageSize - 1);
    return { ...all, data: all.data.slice(skip, skip + query.pageSize), page: query.page, pageSize: query.pageSize };
  }
}

export class TotalCountsThePageOnly extends MockStore {
  override listContacts(tenantName: string, query: ListQuery) {
    const result = super.listContacts(tenantName, query);
    return { ...result, total: result.data.length };
  }
}

export class DuplicatesAccepted extends MockStore {
  override createContact(tenantName: string, input: ContactInput) {
    const tenant = this.tenant(tenantName);
    const contact = this.insertContact(tenant, input, 'api');
    return { ok: true as const, value: this.detail(tenant, contact) };
  }
}

export class BulkCreateNotIdempotent extends MockStore {
  override bulkCreate(tenantName: string, items: ContactInput[]): BulkItemOutcome[] {
    const tenant = this.tenant(tenantName);
    return items.map((item) => {
      if (!item.email.includes('@') || item.email.endsWith('@')) return { contactId: null, email: item.email, success: false, error: 'Invalid email' };
      const contact = this.insertContact(tenant, item, 'api');
      return { contactId: contact.id, email: contact.email, success: true };
    });
  }
}

export class BulkResultsShuffled extends MockStore {
  override bulkCreate(tenantName: string, items: ContactInput[]) {
    return super.bulkCreate(tenantName, items).reverse();
  }
}

export class DeleteDoesNotDelete extends MockStore {
  override deleteContact(tenantName: string, id: string) {
    const found = this.tenant(tenantName).contacts.get(id);
    return found ? { ok: true as const, value: { email: found.email } } : super.deleteContact(tenantName, id);
  }
}

export class PutNullsAbsentFields extends MockStore {
  override updateContact(tenantName: string, id: string, fields: Partial<ContactRecord>) {
    return super.updateContact(tenantName, id, { fullName: null, phone: null, company: null, jobTitle: null, notes: null, tags: [], ...fields });
  }
}

export class SearchIgnoresCompany extends MockStore {
  override listContacts(tenantName: string, query: ListQuery) {
    if (!query.search) return super.listContacts(tenantName, query);
    const needle = query.search.toLowerCase();
    const all = super.listContacts(tenantName, { ...query, search: undefined, page: 1, pageSize: 1_000_000 });
    const data = all.data.filter((c) => `${c.fullName ?? ''} ${c.email}`.toLowerCase().includes(needle));
    const skip = (query.page - 1) * query.pageSize;
    return { data: data.slice(skip, skip + query.pageSize), total: data.length, page: query.page, pageSize: query.pageSize };
  }
}

export class AutocompleteUnbounded extends MockStore {
  override autocomplete(tenantName: string, q: string) {
    const all = super.listContacts(tenantName, { page: 1, pageSize: 1_000_000, search: q });
    return all.data.map((c) => ({ id: c.id, email: c.email, fullName: c.fullName }));
  }
}

export class ParticipantEmailsKeepCase extends MockStore {
  override createDocument(tenantName: string, owner: string, input: { name: string; participants: ParticipantInput[]; sendByWhatsapp: boolean }) {
    const created = super.createDocument(tenantName, owner, input);
    if (!created.ok) return created;
    const record = this.documents.get(created.value.id)!;
    record.participants.forEach((p, i) => (p.email = input.participants[i]!.email));
    return this.getDocument(tenantName, record.id);
  }
}

export class DuplicateParticipantsAccepted extends MockStore {
  override participantIssues(existing: { email: string }[], incoming: ParticipantInput[], sendByWhatsapp: boolean) {
    return super.participantIssues(existing, incoming, sendByWhatsapp).filter((i) => !i.msg.includes('duplicate participant'));
  }
}

export class WhatsappRuleSkipped extends MockStore {
  override participantIssues(existing: { email: string }[], incoming: ParticipantInput[]) {
    return super.participantIssues(existing, incoming, false);
  }
}

export class FiftyOneParticipantsAccepted extends MockStore {
  override participantIssues(existing: { email: string }[], incoming: ParticipantInput[], sendByWhatsapp: boolean) {
    return super.participantIssues(existing, incoming, sendByWhatsapp).filter((i) => i.type !== 'too_long');
  }
}

export class InvitedByDefaultsToTheParticipant extends MockStore {
  override createDocument(tenantName: string, owner: string, input: { name: string; participants: ParticipantInput[]; sendByWhatsapp: boolean }) {
    const participants = input.participants.map((p) => ({ ...p, invitedBy: p.invitedBy ?? p.email.toLowerCase() }));
    return super.createDocument(tenantName, owner, { ...input, participants });
  }
}

export class InvitedByNotTheKeyOwner extends MockStore {
  override createDocument(tenantName: string, _owner: string, input: { name: string; participants: ParticipantInput[]; sendByWhatsapp: boolean }) {
    return super.createDocument(tenantName, 'noreply@allsign.example.com', input);
  }
}

export class AnyKeyAccepted extends MockStore {
  override authenticate(key: string) {
    return super.authenticate(key) ?? this.apiKeys()[0];
  }
}

/** pageSize above 100 clamped to 100 instead of refused: a bug in front of the store. */
export function clampPageSize(app: Express): Express {
  const outer = express();
  outer.use((req, _res, next) => {
    req.url = req.url.replace(/pageSize=(\d+)/, (all, n: string) => (Number(n) > 100 ? 'pageSize=100' : all));
    next();
  });
  outer.use(app);
  return outer;
}

/** Answers in snake_case: every contact body stops matching the contract. */
export function snakeCaseResponses(app: Express): Express {
  const outer = express();
  outer.use((_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(JSON.parse(JSON.stringify(body).replace(/"fullName":/g, '"full_name":')));
    next();
  });
  outer.use(app);
  return outer;
}
