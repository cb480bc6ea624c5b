import { contractLimits, emailKey, isValidEmail } from '../../contract/index.js';
import type { ApiKeySpec, ContactProfile, ContactRecord, CustomFieldMap, DocumentRecord } from '../port/records.js';
import { StoreFullError } from '../port/errors.js';
import type { ContactPage, ListQuery, Repository } from '../port/repository.js';
import { fold, words } from '../port/text.js';
import { fieldsChange, newContact, patchCustomFields, type ContactFields, type ContactInput } from './contacts.js';
import { assertOpen, checkParticipants, invitations, toParticipants, withStatus, type NewParticipant } from './documents.js';
import { refuse } from './errors.js';

/** A contact with what its profile shows from elsewhere (the store's profile, under the name the API's handlers know). */
export type ContactDetails = ContactProfile;

/** One bulk item's outcome, in input order: a success names its contact; a failure says why, with what the item named. */
export type BulkOutcome =
  | { contactId: string; email: string; failure?: undefined }
  | { contactId: string | null; email: string | null; failure: 'invalid_email' | 'contact_not_found' | 'store_full' };

export interface NewDocument {
  name: string;
  participants: NewParticipant[];
  sendByWhatsapp: boolean;
}

export interface ServiceOptions {
  /** clock, for tests */
  now?: () => Date;
  newId?: () => string;
}

/**
 * The API's operations in the domain's terms: what the HTTP layer calls, and what a decorator wraps
 * (overriding one method, forwarding the others). Nothing of the store, the clock or the ids shows
 * here: the control plane is given those itself.
 */
export interface Service {
  authenticate(key: string): Promise<ApiKeySpec | undefined>;
  listContacts(tenant: string, query: ListQuery): Promise<ContactPage>;
  autocomplete(tenant: string, q: string): Promise<ContactRecord[]>;
  createContact(tenant: string, input: ContactInput): Promise<ContactDetails>;
  getContact(tenant: string, id: string): Promise<ContactDetails>;
  updateContact(tenant: string, id: string, fields: ContactFields): Promise<ContactDetails>;
  /** deletes the CRM profile only; the platform user (and its identity) stays */
  deleteContact(tenant: string, id: string): Promise<ContactRecord>;
  patchCustomFields(tenant: string, id: string, set: CustomFieldMap | undefined, remove: string[] | undefined): Promise<ContactDetails>;
  contactDocuments(tenant: string, id: string): Promise<{ contact: ContactRecord; documents: DocumentRecord[] }>;
  bulkCreate(tenant: string, items: ContactInput[]): Promise<BulkOutcome[]>;
  bulkUpdate(tenant: string, items: (ContactFields & { id: string })[]): Promise<BulkOutcome[]>;
  bulkDelete(tenant: string, ids: string[]): Promise<BulkOutcome[]>;
  createDocument(tenant: string, owner: string, input: NewDocument): Promise<DocumentRecord>;
  getDocument(tenant: string, id: string): Promise<DocumentRecord>;
  addParticipants(tenant: string, owner: string, id: string, incoming: NewParticipant[]): Promise<DocumentRecord>;
  removeParticipant(tenant: string, id: string, email: string): Promise<DocumentRecord>;
}

/** A contact's profile: the contact with its user's identity and its documents (the API's and the control plane's). */
export async function contactDetails(repository: Repository, tenant: string, contact: ContactRecord): Promise<ContactDetails> {
  const [identityVerified, documents] = await Promise.all([repository.isVerified(contact.emailKey), repository.documentsOf(tenant, contact.emailKey)]);
  return { contact, identityVerified, documents };
}

/** The clock and the id source of the domain: the service's and the control plane's. */
export interface DomainClock {
  /** now, as records keep time (ISO 8601) */
  now(): string;
  newId(): string;
}

export function domainClock(options: ServiceOptions): DomainClock {
  const clock = options.now ?? (() => new Date());
  return { now: () => clock().toISOString(), newId: options.newId ?? (() => globalThis.crypto.randomUUID()) };
}

/**
 * The rules of the API over a repository: duplicates, PUT semantics, custom fields, bulk outcomes,
 * participants and the document status machine. It speaks records and domain errors; turning them
 * into status codes and bodies is the HTTP layer's job.
 */
export class MockService implements Service {
  private readonly clock: DomainClock;

  constructor(
    readonly repository: Repository,
    options: ServiceOptions,
  ) {
    this.clock = domainClock(options);
  }

  private now(): string {
    return this.clock.now();
  }

  private readonly newId = (): string => this.clock.newId();

  authenticate(key: string): Promise<ApiKeySpec | undefined> {
    return this.repository.authenticate(key);
  }

  // ---- contacts ---------------------------------------------------------------------------

  listContacts(tenant: string, query: ListQuery): Promise<ContactPage> {
    const search = query.search ? fold(query.search.trim()) : '';
    return this.repository.listContacts(tenant, { ...query, search: search || undefined });
  }

  autocomplete(tenant: string, q: string): Promise<ContactRecord[]> {
    return this.repository.autocomplete(tenant, [...new Set(words(fold(q)))], contractLimits().autocompleteResults);
  }

  async createContact(tenant: string, input: ContactInput): Promise<ContactDetails> {
    const { created, ...profile } = await this.repository.insertContact(tenant, newContact(tenant, input, 'api', this.now(), this.newId()));
    if (!created) refuse({ kind: 'duplicate_email' });
    return profile;
  }

  async getContact(tenant: string, id: string): Promise<ContactDetails> {
    return (await this.repository.getProfile(tenant, id)) ?? refuse({ kind: 'contact_not_found' });
  }

  async updateContact(tenant: string, id: string, fields: ContactFields): Promise<ContactDetails> {
    const now = this.now();
    const contact = await this.repository.updateContact(tenant, id, () => fieldsChange(fields, now));
    return this.details(tenant, contact ?? refuse({ kind: 'contact_not_found' }));
  }

  async deleteContact(tenant: string, id: string): Promise<ContactRecord> {
    return (await this.repository.deleteContact(tenant, id)) ?? refuse({ kind: 'contact_not_found' });
  }

  async patchCustomFields(tenant: string, id: string, set: CustomFieldMap | undefined, remove: string[] | undefined): Promise<ContactDetails> {
    const now = this.now();
    const contact = await this.repository.updateContact(tenant, id, (current) => ({ customFields: patchCustomFields(current.customFields, set, remove), updatedAt: now }));
    return this.details(tenant, contact ?? refuse({ kind: 'contact_not_found' }));
  }

  async contactDocuments(tenant: string, id: string): Promise<{ contact: ContactRecord; documents: DocumentRecord[] }> {
    const contact = await this.existing(tenant, id);
    return { contact, documents: await this.repository.documentsOf(tenant, contact.emailKey) };
  }

  private async existing(tenant: string, id: string): Promise<ContactRecord> {
    return (await this.repository.getContact(tenant, id)) ?? refuse({ kind: 'contact_not_found' });
  }

  private details(tenant: string, contact: ContactRecord): Promise<ContactDetails> {
    return contactDetails(this.repository, tenant, contact);
  }

  // ---- bulk: each item independent, outcomes in input order ------------------------------

  /** Idempotent by email: an existing contact (also one made earlier in this batch) is a success. */
  async bulkCreate(tenant: string, items: ContactInput[]): Promise<BulkOutcome[]> {
    const outcomes: BulkOutcome[] = [];
    for (const item of items) {
      if (!isValidEmail(item.email)) {
        outcomes.push({ contactId: null, email: item.email, failure: 'invalid_email' });
        continue;
      }
      try {
        const { contact } = await this.repository.insertContact(tenant, newContact(tenant, item, 'api', this.now(), this.newId()));
        outcomes.push({ contactId: contact.id, email: contact.email });
      } catch (error) {
        // a full tenant fails the items it cannot hold, not the whole batch
        if (!(error instanceof StoreFullError)) throw error;
        outcomes.push({ contactId: null, email: item.email, failure: 'store_full' });
      }
    }
    return outcomes;
  }

  async bulkUpdate(tenant: string, items: (ContactFields & { id: string })[]): Promise<BulkOutcome[]> {
    const outcomes: BulkOutcome[] = [];
    for (const { id, ...fields } of items) {
      const now = this.now();
      const contact = await this.repository.updateContact(tenant, id, () => fieldsChange(fields, now));
      outcomes.push(outcomeById(id, contact));
    }
    return outcomes;
  }

  async bulkDelete(tenant: string, ids: string[]): Promise<BulkOutcome[]> {
    const outcomes: BulkOutcome[] = [];
    for (const id of ids) {
      const contact = await this.repository.deleteContact(tenant, id);
      outcomes.push(outcomeById(id, contact));
    }
    return outcomes;
  }

  // ---- documents and participants ---------------------------------------------------------

  async createDocument(tenant: string, owner: string, input: NewDocument): Promise<DocumentRecord> {
    checkParticipants([], input.participants, input.sendByWhatsapp);
    const now = this.now();
    const participants = toParticipants(input.participants, owner);
    const document = withStatus({ id: this.newId(), tenant, name: input.name, status: 'DRAFT', sendByWhatsapp: input.sendByWhatsapp, participants, createdAt: now, signedAt: null });
    return this.repository.insertDocument({ document, invite: invitations(tenant, participants, now, this.newId) });
  }

  async getDocument(tenant: string, id: string): Promise<DocumentRecord> {
    return (await this.repository.getDocument(tenant, id)) ?? refuse({ kind: 'document_not_found' });
  }

  async addParticipants(tenant: string, owner: string, id: string, incoming: NewParticipant[]): Promise<DocumentRecord> {
    const now = this.now();
    const document = await this.repository.updateDocument(tenant, id, (current) => {
      assertOpen(current);
      checkParticipants(current.participants, incoming, current.sendByWhatsapp);
      const added = toParticipants(incoming, owner);
      return { document: withStatus({ ...current, participants: [...current.participants, ...added] }), invite: invitations(tenant, added, now, this.newId) };
    });
    return document ?? refuse({ kind: 'document_not_found' });
  }

  async removeParticipant(tenant: string, id: string, email: string): Promise<DocumentRecord> {
    const key = emailKey(email);
    const document = await this.repository.updateDocument(tenant, id, (current) => {
      if (!current.participants.some((p) => p.email === key)) refuse({ kind: 'participant_not_found' });
      assertOpen(current);
      return { document: withStatus({ ...current, participants: current.participants.filter((p) => p.email !== key) }), invite: [] };
    });
    return document ?? refuse({ kind: 'document_not_found' });
  }
}

/** A bulk update or delete item's outcome: the contact it touched, or the id nothing answered to. */
function outcomeById(id: string, contact: ContactRecord | undefined): BulkOutcome {
  return contact ? { contactId: contact.id, email: contact.email } : { contactId: id, email: null, failure: 'contact_not_found' };
}
