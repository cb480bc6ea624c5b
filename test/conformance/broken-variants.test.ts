import express, { type Express } from 'express';
import { describe, expect, it } from 'vitest';
import { MockStore } from '../../src/mock/index.js';
import type { BulkItemOutcome, ContactInput, ContactRecord, CustomFieldMap, ListQuery, ParticipantInput } from '../../src/mock/store/types.js';
import { freshStore, runAgainst, startMock, type RunningMock } from './helpers.js';

// Each variant is the mock with one realistic bug. The suite must fail on it, and the check that
// catches it must be the one whose job it is, so a weakened check shows up here.

class TenantFilterDroppedInList extends MockStore {
  override listContacts(tenantName: string, query: ListQuery) {
    const everyone = [...this.tenants.keys()].map((t) => super.listContacts(t, { ...query, page: 1, pageSize: 1_000_000 }));
    const all = everyone.flatMap((r) => r.data);
    const skip = (query.page - 1) * query.pageSize;
    return { data: all.slice(skip, skip + query.pageSize), total: all.length, page: query.page, pageSize: query.pageSize };
  }
}

class GetIgnoresTenant extends MockStore {
  override getContact(tenantName: string, id: string) {
    for (const t of this.tenants.keys()) {
      const found = super.getContact(t, id);
      if (found.ok) return found;
    }
    return super.getContact(tenantName, id);
  }
}

class BulkDeleteIgnoresTenant extends MockStore {
  override bulkDelete(tenantName: string, ids: string[]): BulkItemOutcome[] {
    return ids.map((id) => {
      const owner = [...this.tenants.keys()].find((t) => this.tenant(t).contacts.has(id)) ?? tenantName;
      return super.bulkDelete(owner, [id])[0]!;
    });
  }
}

class RemoveIgnored extends MockStore {
  override patchCustomFields(tenantName: string, id: string, set: CustomFieldMap | undefined) {
    return super.patchCustomFields(tenantName, id, set, undefined);
  }
}

class RemoveBeforeSet extends MockStore {
  override patchCustomFields(tenantName: string, id: string, set: CustomFieldMap | undefined, remove: string[] | undefined) {
    super.patchCustomFields(tenantName, id, undefined, remove);
    return super.patchCustomFields(tenantName, id, set, undefined);
  }
}

class PaginationOffByOne extends MockStore {
  override listContacts(tenantName: string, query: ListQuery) {
    const all = super.listContacts(tenantName, { ...query, page: 1, pageSize: 1_000_000 });
    const skip = Math.max(0, (query.page - 1) * query.pageSize - 1);
    return { ...all, data: all.data.slice(skip, skip + query.pageSize), page: query.page, pageSize: query.pageSize };
  }
}

class TotalCountsThePageOnly extends MockStore {
  override listContacts(tenantName: string, query: ListQuery) {
    const result = super.listContacts(tenantName, query);
    return { ...result, total: result.data.length };
  }
}

class DuplicatesAccepted extends MockStore {
  override createContact(tenantName: string, input: ContactInput) {
    const tenant = this.tenant(tenantName);
    const contact = this.insertContact(tenant, input, 'api');
    return { ok: true as const, value: this.detail(tenant, contact) };
  }
}

class BulkCreateNotIdempotent extends MockStore {
  override bulkCreate(tenantName: string, items: ContactInput[]): BulkItemOutcome[] {
    const tenant = this.tenant(tenantName);
    return items.map((item) => {
      if (!item.email.includes('@') || item.email.endsWith('@')) return { contactId: null, email: item.email, success: false, error: 'Invalid email' };
      const contact = this.insertContact(tenant, item, 'api');
      return { contactId: contact.id, email: contact.email, success: true };
    });
  }
}

class BulkResultsShuffled extends MockStore {
  override bulkCreate(tenantName: string, items: ContactInput[]) {
    return super.bulkCreate(tenantName, items).reverse();
  }
}

class DeleteDoesNotDelete extends MockStore {
  override deleteContact(tenantName: string, id: string) {
    const found = this.tenant(tenantName).contacts.get(id);
    return found ? { ok: true as const, value: { email: found.email } } : super.deleteContact(tenantName, id);
  }
}

class PutNullsAbsentFields extends MockStore {
  override updateContact(tenantName: string, id: string, fields: Partial<ContactRecord>) {
    return super.updateContact(tenantName, id, { fullName: null, phone: null, company: null, jobTitle: null, notes: null, tags: [], ...fields });
  }
}

class SearchIgnoresCompany extends MockStore {
  override listContacts(tenantName: string, query: ListQuery) {
    if (!query.search) return super.listContacts(tenantName, query);
    const needle = query.search.toLowerCase();
    const all = super.listContacts(tenantName, { ...query, search: undefined, page: 1, pageSize: 1_000_000 });
    const data = all.data.filter((c) => `${c.fullName ?? ''} ${c.email}`.toLowerCase().includes(needle));
    const skip = (query.page - 1) * query.pageSize;
    return { data: data.slice(skip, skip + query.pageSize), total: data.length, page: query.page, pageSize: query.pageSize };
  }
}

class AutocompleteUnbounded extends MockStore {
  override autocomplete(tenantName: string, q: string) {
    const all = super.listContacts(tenantName, { page: 1, pageSize: 1_000_000, search: q });
    return all.data.map((c) => ({ id: c.id, email: c.email, fullName: c.fullName }));
  }
}

class ParticipantEmailsKeepCase extends MockStore {
  override createDocument(tenantName: string, owner: string, input: { name: string; participants: ParticipantInput[]; sendByWhatsapp: boolean }) {
    const created = super.createDocument(tenantName, owner, input);
    if (!created.ok) return created;
    const record = this.documents.get(created.value.id)!;
    record.participants.forEach((p, i) => (p.email = input.participants[i]!.email));
    return this.getDocument(tenantName, record.id);
  }
}

class DuplicateParticipantsAccepted extends MockStore {
  override participantIssues(existing: { email: string }[], incoming: ParticipantInput[], sendByWhatsapp: boolean) {
    return super.participantIssues(existing, incoming, sendByWhatsapp).filter((i) => !i.msg.includes('duplicate participant'));
  }
}

class WhatsappRuleSkipped extends MockStore {
  override participantIssues(existing: { email: string }[], incoming: ParticipantInput[]) {
    return super.participantIssues(existing, incoming, false);
  }
}

class FiftyOneParticipantsAccepted extends MockStore {
  override participantIssues(existing: { email: string }[], incoming: ParticipantInput[], sendByWhatsapp: boolean) {
    return super.participantIssues(existing, incoming, sendByWhatsapp).filter((i) => i.type !== 'too_long');
  }
}

class InvitedByDefaultsToTheParticipant extends MockStore {
  override createDocument(tenantName: string, owner: string, input: { name: string; participants: ParticipantInput[]; sendByWhatsapp: boolean }) {
    const participants = input.participants.map((p) => ({ ...p, invitedBy: p.invitedBy ?? p.email.toLowerCase() }));
    return super.createDocument(tenantName, owner, { ...input, participants });
  }
}

class AnyKeyAccepted extends MockStore {
  override authenticate(key: string) {
    return super.authenticate(key) ?? this.apiKeys()[0];
  }
}

/** pageSize above 100 clamped to 100 instead of refused: a bug in front of the store. */
function clampPageSize(app: Express): Express {
  const outer = express();
  outer.use((req, _res, next) => {
    req.url = req.url.replace(/pageSize=(\d+)/, (all, n: string) => (Number(n) > 100 ? 'pageSize=100' : all));
    next();
  });
  outer.use(app);
  return outer;
}

/** Answers in snake_case: every contact body stops matching the contract. */
function snakeCaseResponses(app: Express): Express {
  const outer = express();
  outer.use((_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(JSON.parse(JSON.stringify(body).replace(/"fullName":/g, '"full_name":')));
    next();
  });
  outer.use(app);
  return outer;
}

type Variant = [name: string, start: () => Promise<RunningMock>, caughtBy: string[]];
const store = (S: typeof MockStore) => () => startMock({ store: freshStore(S) });
const wrapped = (wrap: (app: Express) => Express) => () => startMock({ wrap });

// (51 participants at create are refused by the contract's maxItems before the store sees them,
// so participants.create.max-50 passes on that variant: only the add path reaches the store's rule.)
const VARIANTS: Variant[] = [
  ['list without the tenant filter', store(TenantFilterDroppedInList), ['isolation.list-search-autocomplete']],
  ['get that ignores the tenant', store(GetIgnoresTenant), ['isolation.get-foreign-404']],
  ['bulk delete that ignores the tenant', store(BulkDeleteIgnoresTenant), ['isolation.bulk-foreign-not-found']],
  ['custom-fields remove ignored', store(RemoveIgnored), ['contacts.custom-fields.remove-after-set']],
  ['custom-fields remove applied before set', store(RemoveBeforeSet), ['contacts.custom-fields.remove-after-set']],
  ['pagination off by one', store(PaginationOffByOne), ['contacts.list.pagination-complete']],
  ['total counts the page, not the matches', store(TotalCountsThePageOnly), ['contacts.list.pagination-complete']],
  ['duplicate emails accepted by create', store(DuplicatesAccepted), ['contacts.create.duplicate-email-409']],
  ['bulk create not idempotent', store(BulkCreateNotIdempotent), ['contacts.bulk-create.idempotent-by-email']],
  ['bulk results not in input order', store(BulkResultsShuffled), ['contacts.bulk-create.partial-failure-in-order']],
  ['delete that does not delete', store(DeleteDoesNotDelete), ['contacts.delete.deletes']],
  ['PUT that nulls absent fields', store(PutNullsAbsentFields), ['contacts.update.present-keys-only']],
  ['search that ignores company', store(SearchIgnoresCompany), ['contacts.list.search-fields']],
  ['autocomplete past 5 results', store(AutocompleteUnbounded), ['contacts.autocomplete.at-most-5']],
  ['participant emails not lower-cased', store(ParticipantEmailsKeepCase), ['participants.create.lowercase-invitedby-step']],
  ['duplicate participants accepted', store(DuplicateParticipantsAccepted), ['participants.create.duplicate-after-lowercase-422', 'participants.add.duplicate-422']],
  ['whatsapp rule skipped', store(WhatsappRuleSkipped), ['participants.create.whatsapp-required']],
  ['a 51st participant accepted', store(FiftyOneParticipantsAccepted), ['participants.add.beyond-50-422']],
  ['invitedBy defaulted to the participant, not the key owner', store(InvitedByDefaultsToTheParticipant), ['participants.create.lowercase-invitedby-step']],
  ['any API key accepted', store(AnyKeyAccepted), ['auth.bad-key-401']],
  ['pageSize over 100 clamped instead of refused', wrapped(clampPageSize), ['contacts.list.page-size-limits']],
  ['responses in snake_case', wrapped(snakeCaseResponses), ['contacts.create.returns-201-camelcase', 'contacts.get.roundtrip']],
];

describe('the suite catches deliberately broken mocks', () => {
  it.each(VARIANTS)('%s', async (_name, start, caughtBy) => {
    const summary = await runAgainst(await start());
    const failed = summary.results.filter((r) => r.outcome === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.map((r) => r.id)).toEqual(expect.arrayContaining(caughtBy));
    for (const r of failed) {
      expect(r.message, r.id).toBeTruthy();
      if (r.id !== 'cleanup.nothing-left') expect(r.exchanges?.length, r.id).toBeGreaterThan(0);
    }
  });
});
