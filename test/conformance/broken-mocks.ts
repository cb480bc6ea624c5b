import express, { type Express } from 'express';
import { DomainError, type ContactFields, type ContactInput, type ListQuery, type NewDocument, type NewParticipant, type Repository, type Service } from '../../src/mock/index.js';
import { toParticipants } from '../../src/mock/domain/documents.js';

import { RepositoryDecorator, ServiceDecorator } from '../support/decorators.js';
import { rewriteAnswer } from '../support/rewrite-answer.js';

// The mock with one realistic bug each: a decorator over the store or the domain service that
// changes one behaviour, or middleware in front of the app. broken-variants.test.ts runs the suite
// against every one of them.

const ALL = 1_000_000;

async function everyTenant(repository: Repository): Promise<string[]> {
  return [...new Set((await repository.apiKeys()).map((k) => k.tenant))];
}

// ---- store decorators ------------------------------------------------------------------------

export class TenantFilterDroppedInList extends RepositoryDecorator {
  override listContacts = async (_tenant: string, query: ListQuery) => {
    const pages = await Promise.all((await everyTenant(this.inner)).map((t) => this.inner.listContacts(t, { ...query, page: 1, pageSize: ALL })));
    const rows = pages.flatMap((p) => p.rows);
    const skip = (query.page - 1) * query.pageSize;
    return { rows: rows.slice(skip, skip + query.pageSize), total: rows.length };
  };
}

export class GetIgnoresTenant extends RepositoryDecorator {
  override getContact = (_tenant: string, id: string) => this.inner.findContact(id);
  override getProfile = async (_tenant: string, id: string) => {
    const contact = await this.inner.findContact(id);
    return contact && this.inner.getProfile(contact.tenant, id);
  };
}

export class AnyKeyAccepted extends RepositoryDecorator {
  override authenticate = async (key: string) => (await this.inner.authenticate(key)) ?? (await this.inner.apiKeys())[0];
}

// ---- service decorators ----------------------------------------------------------------------

/** single delete answers as if it had deleted (bulk delete still deletes) */
export class DeleteDoesNotDelete extends ServiceDecorator {
  override deleteContact = async (tenant: string, id: string) => (await this.inner.getContact(tenant, id)).contact;
}

export class BulkDeleteIgnoresTenant extends ServiceDecorator {
  override bulkDelete = async (tenant: string, ids: string[]) => {
    const outcomes = [];
    for (const id of ids) outcomes.push(...(await this.inner.bulkDelete((await this.repository.findContact(id))?.tenant ?? tenant, [id])));
    return outcomes;
  };
}

export class RemoveIgnored extends ServiceDecorator {
  override patchCustomFields = (tenant: string, id: string, set: Record<string, unknown> | undefined) => this.inner.patchCustomFields(tenant, id, set, undefined);
}

export class RemoveBeforeSet extends ServiceDecorator {
  override patchCustomFields = async (tenant: string, id: string, set: Record<string, unknown> | undefined, remove: string[] | undefined) => {
    await this.inner.patchCustomFields(tenant, id, undefined, remove);
    return this.inner.patchCustomFields(tenant, id, set, undefined);
  };
}

export class PaginationOffByOne extends ServiceDecorator {
  override listContacts = async (tenant: string, query: ListQuery) => {
    const all = await this.inner.listContacts(tenant, { ...query, page: 1, pageSize: ALL });
    const skip = Math.max(0, (query.page - 1) * query.pageSize - 1);
    return { ...all, rows: all.rows.slice(skip, skip + query.pageSize) };
  };
}

export class TotalCountsThePageOnly extends ServiceDecorator {
  override listContacts = async (tenant: string, query: ListQuery) => {
    const page = await this.inner.listContacts(tenant, query);
    return { ...page, total: page.rows.length };
  };
}

export class SearchIgnoresCompany extends ServiceDecorator {
  override listContacts = async (tenant: string, query: ListQuery) => {
    if (!query.search) return this.inner.listContacts(tenant, query);
    const needle = query.search.toLowerCase();
    const all = await this.inner.listContacts(tenant, { ...query, search: undefined, page: 1, pageSize: ALL });
    const rows = all.rows.filter((r) => `${r.contact.fullName ?? ''} ${r.contact.email}`.toLowerCase().includes(needle));
    const skip = (query.page - 1) * query.pageSize;
    return { rows: rows.slice(skip, skip + query.pageSize), total: rows.length };
  };
}

export class AutocompleteUnbounded extends ServiceDecorator {
  override autocomplete = async (tenant: string, q: string) => (await this.inner.listContacts(tenant, { page: 1, pageSize: ALL, search: q })).rows.map((r) => r.contact);
}

export class DuplicatesAccepted extends ServiceDecorator {
  override createContact = async (tenant: string, input: ContactInput) => {
    try {
      return await this.inner.createContact(tenant, input);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const found = await this.inner.listContacts(tenant, { page: 1, pageSize: ALL, search: input.email });
      return this.inner.getContact(tenant, found.rows.find((r) => r.contact.emailKey === input.email.toLowerCase())!.contact.id);
    }
  };
}

export class BulkCreateNotIdempotent extends ServiceDecorator {
  override bulkCreate = async (tenant: string, items: ContactInput[]) => {
    const outcomes = await this.inner.bulkCreate(tenant, items);
    // a repeated import reports fresh ids, as if it had made new contacts
    return outcomes.map((o, i) => (o.failure ? o : { ...o, contactId: i % 2 ? o.contactId : globalThis.crypto.randomUUID() }));
  };
}

export class BulkResultsShuffled extends ServiceDecorator {
  override bulkCreate = async (tenant: string, items: ContactInput[]) => (await this.inner.bulkCreate(tenant, items)).reverse();
}

export class PutNullsAbsentFields extends ServiceDecorator {
  override updateContact = (tenant: string, id: string, fields: ContactFields) =>
    this.inner.updateContact(tenant, id, { fullName: null, phone: null, company: null, jobTitle: null, notes: null, tags: [], ...fields });
}

export class ParticipantEmailsKeepCase extends ServiceDecorator {
  override createDocument = async (tenant: string, owner: string, input: NewDocument) => {
    const created = await this.inner.createDocument(tenant, owner, input);
    return { ...created, participants: created.participants.map((p, i) => ({ ...p, email: input.participants[i]!.email })) };
  };
}

/** duplicates (after lower-casing) are dropped silently instead of refused */
export class DuplicateParticipantsAccepted extends ServiceDecorator {
  private async unique(tenant: string, id: string | undefined, incoming: NewParticipant[]): Promise<NewParticipant[]> {
    const taken = new Set(id ? (await this.inner.getDocument(tenant, id)).participants.map((p) => p.email) : []);
    return incoming.filter((p) => !taken.has(p.email.toLowerCase()) && taken.add(p.email.toLowerCase()));
  }
  override createDocument = async (tenant: string, owner: string, input: NewDocument) =>
    this.inner.createDocument(tenant, owner, { ...input, participants: await this.unique(tenant, undefined, input.participants) });
  override addParticipants = async (tenant: string, owner: string, id: string, incoming: NewParticipant[]) =>
    this.inner.addParticipants(tenant, owner, id, await this.unique(tenant, id, incoming));
}

/** participants without whatsapp join a WhatsApp document (the contract's schema still refuses them at create) */
export class WhatsappRuleSkipped extends ServiceDecorator {
  override createDocument = (tenant: string, owner: string, input: NewDocument) => this.inner.createDocument(tenant, owner, { ...input, sendByWhatsapp: false });
  override addParticipants = async (tenant: string, owner: string, id: string, incoming: NewParticipant[]) => {
    const current = await this.inner.getDocument(tenant, id);
    if (!current.sendByWhatsapp || incoming.every((p) => p.whatsapp)) return this.inner.addParticipants(tenant, owner, id, incoming);
    const updated = await this.repository.updateDocument(tenant, id, (doc) => ({ document: { ...doc, participants: [...doc.participants, ...toParticipants(incoming, owner)] }, invite: [] }));
    return updated!;
  };
}

export class FiftyOneParticipantsAccepted extends ServiceDecorator {
  override addParticipants = async (tenant: string, owner: string, id: string, incoming: NewParticipant[]) => {
    const current = await this.inner.getDocument(tenant, id);
    if (current.participants.length + incoming.length <= 50) return this.inner.addParticipants(tenant, owner, id, incoming);
    const updated = await this.repository.updateDocument(tenant, id, (doc) => ({ document: { ...doc, participants: [...doc.participants, ...toParticipants(incoming, owner)] }, invite: [] }));
    return updated!;
  };
}

export class InvitedByDefaultsToTheParticipant extends ServiceDecorator {
  override createDocument = (tenant: string, owner: string, input: NewDocument) =>
    this.inner.createDocument(tenant, owner, { ...input, participants: input.participants.map((p) => ({ ...p, invitedBy: p.invitedBy ?? p.email.toLowerCase() })) });
}

export class InvitedByNotTheKeyOwner extends ServiceDecorator {
  override createDocument = (tenant: string, _owner: string, input: NewDocument) => this.inner.createDocument(tenant, 'noreply@allsign.example.com', input);
}

// ---- in front of the app ---------------------------------------------------------------------

/** pageSize above 100 clamped to 100 instead of refused: a bug in front of the engine. */
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
    rewriteAnswer(res, (status, body) => [status, body.replace(/"fullName":/g, '"full_name":')]);
    next();
  });
  outer.use(app);
  return outer;
}

export type ServiceVariant = new (inner: Service, repository: Repository) => ServiceDecorator;
export type RepositoryVariant = new (inner: Repository) => RepositoryDecorator;
