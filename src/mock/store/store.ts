import { randomUUID } from 'node:crypto';
import type { ValidationIssue } from '../../spec/index.js';
import type { AutocompleteItem, Contact, ContactDocumentsResponse, ContactListResponse, Document } from '../../types/index.js';
import { seedStore } from './seed.js';
import { TenantState, indexWords } from './tenant.js';
import { fold, isValidEmail, words } from './text.js';
import type {
  ApiKeySpec,
  BulkItemOutcome,
  ContactFields,
  ContactInput,
  ContactRecord,
  ContactSource,
  CustomFieldMap,
  DocumentRecord,
  ListQuery,
  ParticipantInput,
  Result,
  UserRecord,
} from './types.js';
import { autocompleteItem, contactDetail, contactDocument, contactListItem, documentView } from './views.js';

export const MAX_PARTICIPANTS = 50;
export const AUTOCOMPLETE_LIMIT = 5;
const NOT_FOUND = { ok: false, error: 'not_found', detail: 'Contact not found' } as const;
const DOCUMENT_NOT_FOUND = { ok: false, error: 'not_found', detail: 'Document not found' } as const;
const FINAL_STATES = new Set(['SIGNED', 'DECLINED', 'EXPIRED', 'CANCELLED']);

export interface StoreOptions {
  apiKeys: ApiKeySpec[];
  /** seeded data: the same seed gives the same contacts, users, documents and ids */
  seed: number;
  /** seeded contacts per tenant (0: empty tenants) */
  contactsPerTenant: number;
  /** clock, for tests */
  now?: () => Date;
}

/**
 * The mock's state: tenants (contacts and documents) and the platform-wide user directory.
 * Plain TypeScript with no HTTP in it: methods return results, never status codes. Every public
 * method is an ordinary method so that a subclass can change one behaviour (the conformance suite's
 * tests build deliberately broken variants this way).
 */
export class MockStore {
  readonly tenants = new Map<string, TenantState>();
  readonly users = new Map<string, UserRecord>();
  readonly documents = new Map<string, DocumentRecord>();
  private readonly keys = new Map<string, ApiKeySpec>();
  private seq = 0;
  private readonly now: () => Date;

  constructor(readonly options: StoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.reset();
  }

  /** Back to the seeded start state (optionally with another number of contacts per tenant). */
  reset(contactsPerTenant = this.options.contactsPerTenant): void {
    this.tenants.clear();
    this.users.clear();
    this.documents.clear();
    this.keys.clear();
    this.seq = 0;
    for (const spec of this.options.apiKeys) {
      this.keys.set(spec.key, spec);
      if (!this.tenants.has(spec.tenant)) this.tenants.set(spec.tenant, new TenantState(spec.tenant));
      this.users.set(spec.email.toLowerCase(), { email: spec.email.toLowerCase(), identityVerified: true });
    }
    seedStore(this, this.options.seed, contactsPerTenant);
  }

  authenticate(key: string): ApiKeySpec | undefined {
    return this.keys.get(key);
  }

  nextSeq(): number {
    return ++this.seq;
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  tenant(name: string): TenantState {
    const tenant = this.tenants.get(name);
    if (!tenant) throw new Error(`unknown tenant ${name}`);
    return tenant;
  }

  isVerified(emailKey: string): boolean {
    return this.users.get(emailKey)?.identityVerified ?? false;
  }

  // ---- contacts ---------------------------------------------------------------------------

  listContacts(tenantName: string, query: ListQuery): ContactListResponse {
    const tenant = this.tenant(tenantName);
    const { page, pageSize } = query;
    const skip = (page - 1) * pageSize;
    const { order } = tenant;
    const data: ContactListResponse['data'] = [];
    const needle = query.search ? fold(query.search.trim()) : '';
    const previous = needle ? tenant.searchScanner(needle) : (from: number) => from;
    const filter = this.listFilter(query);
    let total: number;
    if (!needle && !filter) {
      total = order.length;
      for (let i = order.length - 1 - skip; i >= 0 && data.length < pageSize; i--) data.push(this.listItem(tenant, order[i]!));
    } else {
      // one pass, newest first: the page is collected on the way and every match is counted
      total = 0;
      for (let i = previous(order.length - 1); i >= 0; i = previous(i - 1)) {
        if (filter && !filter(order[i]!)) continue;
        if (total >= skip && data.length < pageSize) data.push(this.listItem(tenant, order[i]!));
        total++;
      }
    }
    return { data, total, page, pageSize };
  }

  /** tag, source and verified (search is matched against the tenant's text array) */
  private listFilter(query: ListQuery): ((c: ContactRecord) => boolean) | undefined {
    const tests: ((c: ContactRecord) => boolean)[] = [];
    if (query.tag !== undefined) {
      const tag = query.tag;
      tests.push((c) => c.tags.includes(tag));
    }
    if (query.source !== undefined) {
      const source = query.source;
      tests.push((c) => c.source === source);
    }
    if (query.verified !== undefined) {
      const verified = query.verified;
      tests.push((c) => this.isVerified(c.emailKey) === verified);
    }
    if (tests.length === 0) return undefined;
    return (c) => tests.every((t) => t(c));
  }

  private listItem(tenant: TenantState, contact: ContactRecord) {
    return contactListItem(contact, this.isVerified(contact.emailKey), tenant.documentCount(contact.emailKey));
  }

  /**
   * Up to 5 contacts whose name or email words start with every word of q. The index is walked for
   * the word of q with the fewest entries ("maria zq" walks "zq", not every María), in index order.
   */
  autocomplete(tenantName: string, q: string): AutocompleteItem[] {
    const tenant = this.tenant(tenantName);
    const parts = [...new Set(words(fold(q)))];
    if (parts.length === 0) return [];
    let driver = parts[0]!;
    // counting stops past the best so far: beyond 10,000 entries any word is as good a start
    let fewest = parts.length > 1 ? tenant.words.countUpTo(driver, 10_000) : 0;
    for (const part of parts.slice(1)) {
      const count = tenant.words.countUpTo(part, fewest);
      if (count < fewest) [driver, fewest] = [part, count];
    }
    const found: AutocompleteItem[] = [];
    const seen = new Set<string>();
    for (const contact of tenant.words.matching(driver)) {
      if (seen.has(contact.id)) continue;
      seen.add(contact.id);
      // the contact's current words: this also drops stale entries of a renamed contact
      const own = [...indexWords(contact)];
      if (!parts.every((part) => own.some((w) => w.startsWith(part)))) continue;
      found.push(autocompleteItem(contact));
      if (found.length === AUTOCOMPLETE_LIMIT) break;
    }
    return found;
  }

  createContact(tenantName: string, input: ContactInput, source: ContactSource = 'api'): Result<Contact> {
    const tenant = this.tenant(tenantName);
    const emailKey = input.email.toLowerCase();
    if (tenant.byEmail.has(emailKey)) return { ok: false, error: 'conflict', detail: 'Contact with this email already exists' };
    const contact = this.insertContact(tenant, input, source);
    return { ok: true, value: this.detail(tenant, contact) };
  }

  /** Insert without checks (callers checked uniqueness); the id may be given (seeding). */
  insertContact(tenant: TenantState, input: ContactInput, source: ContactSource, id: string = randomUUID(), createdAt = this.timestamp()): ContactRecord {
    const contact: ContactRecord = {
      id,
      tenant: tenant.name,
      email: input.email,
      emailKey: input.email.toLowerCase(),
      fullName: input.fullName ?? null,
      phone: input.phone ?? null,
      company: input.company ?? null,
      jobTitle: input.jobTitle ?? null,
      notes: input.notes ?? null,
      tags: input.tags ? [...input.tags] : [],
      customFields: null,
      source,
      createdAt,
      updatedAt: createdAt,
      seq: this.nextSeq(),
    };
    tenant.insert(contact);
    return contact;
  }

  getContact(tenantName: string, id: string): Result<Contact> {
    const tenant = this.tenant(tenantName);
    const contact = tenant.contacts.get(id);
    if (!contact) return NOT_FOUND;
    return { ok: true, value: this.detail(tenant, contact) };
  }

  /** PUT semantics: only the keys present are touched; tags replace the previous ones. */
  updateContact(tenantName: string, id: string, fields: ContactFields): Result<Contact> {
    const tenant = this.tenant(tenantName);
    const contact = tenant.contacts.get(id);
    if (!contact) return NOT_FOUND;
    this.applyFields(tenant, contact, fields);
    return { ok: true, value: this.detail(tenant, contact) };
  }

  private applyFields(tenant: TenantState, contact: ContactRecord, fields: ContactFields): void {
    const nameChanged = fields.fullName !== undefined && fields.fullName !== contact.fullName;
    if (fields.fullName !== undefined) contact.fullName = fields.fullName;
    if (fields.phone !== undefined) contact.phone = fields.phone;
    if (fields.company !== undefined) contact.company = fields.company;
    if (fields.jobTitle !== undefined) contact.jobTitle = fields.jobTitle;
    if (fields.notes !== undefined) contact.notes = fields.notes;
    if (fields.tags !== undefined) contact.tags = [...fields.tags];
    contact.updatedAt = this.timestamp();
    tenant.reindex(contact, nameChanged);
  }

  /** Deletes the CRM profile only; the platform user (and its identity) stays. */
  deleteContact(tenantName: string, id: string): Result<{ email: string }> {
    const tenant = this.tenant(tenantName);
    const contact = tenant.contacts.get(id);
    if (!contact) return NOT_FOUND;
    tenant.remove(contact);
    return { ok: true, value: { email: contact.email } };
  }

  /** set is merged first, then remove is applied: a key in both ends removed. One step, no partial write. */
  patchCustomFields(tenantName: string, id: string, set: CustomFieldMap | undefined, remove: string[] | undefined): Result<Contact> {
    const tenant = this.tenant(tenantName);
    const contact = tenant.contacts.get(id);
    if (!contact) return NOT_FOUND;
    const next: CustomFieldMap = Object.create(null);
    if (contact.customFields) for (const key of Object.keys(contact.customFields)) next[key] = contact.customFields[key];
    if (set) for (const key of Object.keys(set)) next[key] = set[key];
    if (remove) for (const key of remove) delete next[key];
    contact.customFields = next;
    contact.updatedAt = this.timestamp();
    return { ok: true, value: this.detail(tenant, contact) };
  }

  contactDocuments(tenantName: string, id: string): Result<ContactDocumentsResponse> {
    const tenant = this.tenant(tenantName);
    const contact = tenant.contacts.get(id);
    if (!contact) return NOT_FOUND;
    const items = this.documentsOf(tenant, contact.emailKey);
    return { ok: true, value: { items, total: items.length } };
  }

  private documentsOf(tenant: TenantState, emailKey: string) {
    const ids = tenant.documentsByEmail.get(emailKey);
    if (!ids) return [];
    return [...ids]
      .map((docId) => this.documents.get(docId)!)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .map((doc) => contactDocument(doc, emailKey));
  }

  detail(tenant: TenantState, contact: ContactRecord): Contact {
    return contactDetail(contact, this.isVerified(contact.emailKey), this.documentsOf(tenant, contact.emailKey));
  }

  // ---- bulk: each item independent, outcomes in input order ------------------------------

  /** Idempotent by email: an existing contact (also one made earlier in this batch) is a success. */
  bulkCreate(tenantName: string, items: ContactInput[]): BulkItemOutcome[] {
    const tenant = this.tenant(tenantName);
    return items.map((item) => {
      if (!isValidEmail(item.email)) return { contactId: null, email: item.email, success: false, error: 'Invalid email' };
      const existing = tenant.byEmail.get(item.email.toLowerCase());
      if (existing) return { contactId: existing.id, email: existing.email, success: true };
      const contact = this.insertContact(tenant, item, 'api');
      return { contactId: contact.id, email: contact.email, success: true };
    });
  }

  bulkUpdate(tenantName: string, items: (ContactFields & { id: string })[]): BulkItemOutcome[] {
    const tenant = this.tenant(tenantName);
    return items.map(({ id, ...fields }) => {
      const contact = tenant.contacts.get(id);
      if (!contact) return { contactId: id, email: null, success: false, error: 'Contact not found' };
      this.applyFields(tenant, contact, fields);
      return { contactId: contact.id, email: contact.email, success: true };
    });
  }

  bulkDelete(tenantName: string, ids: string[]): BulkItemOutcome[] {
    const tenant = this.tenant(tenantName);
    return ids.map((id) => {
      const contact = tenant.contacts.get(id);
      if (!contact) return { contactId: id, email: null, success: false, error: 'Contact not found' };
      tenant.remove(contact);
      return { contactId: contact.id, email: contact.email, success: true };
    });
  }

  // ---- documents and participants ---------------------------------------------------------

  createDocument(
    tenantName: string,
    owner: string,
    input: { name: string; participants: ParticipantInput[]; sendByWhatsapp: boolean },
  ): Result<Document> {
    const tenant = this.tenant(tenantName);
    const issues = this.participantIssues([], input.participants, input.sendByWhatsapp);
    if (issues.length) return { ok: false, error: 'invalid', issues };
    const document: DocumentRecord = {
      id: randomUUID(),
      tenant: tenant.name,
      name: input.name,
      status: 'DRAFT',
      sendByWhatsapp: input.sendByWhatsapp,
      participants: [],
      createdAt: this.timestamp(),
      signedAt: null,
    };
    this.documents.set(document.id, document);
    this.attachParticipants(tenant, document, owner, input.participants);
    return { ok: true, value: documentView(document) };
  }

  getDocument(tenantName: string, id: string): Result<Document> {
    const document = this.documents.get(id);
    if (!document || document.tenant !== tenantName) return DOCUMENT_NOT_FOUND;
    return { ok: true, value: documentView(document) };
  }

  addParticipants(tenantName: string, owner: string, id: string, participants: ParticipantInput[]): Result<Document> {
    const tenant = this.tenant(tenantName);
    const document = this.documents.get(id);
    if (!document || document.tenant !== tenantName) return DOCUMENT_NOT_FOUND;
    if (FINAL_STATES.has(document.status)) {
      return { ok: false, error: 'conflict', detail: `Document is ${document.status}; its participants can no longer change` };
    }
    const issues = this.participantIssues(document.participants, participants, document.sendByWhatsapp);
    if (issues.length) return { ok: false, error: 'invalid', issues };
    this.attachParticipants(tenant, document, owner, participants);
    return { ok: true, value: documentView(document) };
  }

  removeParticipant(tenantName: string, id: string, email: string): Result<Document> {
    const tenant = this.tenant(tenantName);
    const document = this.documents.get(id);
    if (!document || document.tenant !== tenantName) return DOCUMENT_NOT_FOUND;
    const emailKey = email.toLowerCase();
    const index = document.participants.findIndex((p) => p.email === emailKey);
    if (index < 0) return { ok: false, error: 'not_found', detail: 'Participant not found' };
    if (FINAL_STATES.has(document.status)) {
      return { ok: false, error: 'conflict', detail: `Document is ${document.status}; its participants can no longer change` };
    }
    document.participants.splice(index, 1);
    tenant.documentsByEmail.get(emailKey)?.delete(document.id);
    this.refreshStatus(document);
    return { ok: true, value: documentView(document) };
  }

  /** The documented participant rules that a schema cannot express, checked before any write. */
  participantIssues(existing: { email: string }[], incoming: ParticipantInput[], sendByWhatsapp: boolean): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    const taken = new Set(existing.map((p) => p.email));
    incoming.forEach((participant, i) => {
      const emailKey = participant.email.toLowerCase();
      if (taken.has(emailKey)) {
        issues.push({
          type: 'value_error',
          loc: ['body', 'participants', i, 'email'],
          msg: `Value error, duplicate participant: ${emailKey} is already on the document`,
          input: participant.email,
        });
      }
      taken.add(emailKey);
      if (sendByWhatsapp && !participant.whatsapp) {
        issues.push({
          type: 'missing',
          loc: ['body', 'participants', i, 'whatsapp'],
          msg: 'Field required: whatsapp is required when config.sendByWhatsapp is true',
          input: participant,
        });
      }
    });
    const total = existing.length + incoming.length;
    if (total > MAX_PARTICIPANTS) {
      issues.push({
        type: 'too_long',
        loc: ['body', 'participants'],
        msg: `A document can have at most ${MAX_PARTICIPANTS} participants, this would make ${total}`,
        input: incoming.length,
        ctx: { max_length: MAX_PARTICIPANTS, actual_length: total },
      });
    }
    return issues;
  }

  private attachParticipants(tenant: TenantState, document: DocumentRecord, owner: string, participants: ParticipantInput[]): void {
    for (const input of participants) {
      const emailKey = input.email.toLowerCase();
      document.participants.push({
        email: emailKey,
        name: input.name,
        whatsapp: input.whatsapp ?? null,
        invitedBy: input.invitedBy ?? owner,
        step: input.step ?? null,
        signedAt: null,
      });
      let docs = tenant.documentsByEmail.get(emailKey);
      if (!docs) tenant.documentsByEmail.set(emailKey, (docs = new Set()));
      docs.add(document.id);
      if (!tenant.byEmail.has(emailKey)) {
        this.insertContact(tenant, { email: emailKey, fullName: input.name, phone: input.whatsapp ?? null }, 'invitation');
      }
    }
    this.refreshStatus(document);
  }

  /** DRAFT without participants, SIGNED once all signed, PENDING otherwise; final states stay. */
  refreshStatus(document: DocumentRecord): void {
    if (document.status === 'DECLINED' || document.status === 'EXPIRED' || document.status === 'CANCELLED') return;
    if (document.participants.length === 0) {
      document.status = 'DRAFT';
      document.signedAt = null;
    } else if (document.participants.every((p) => p.signedAt)) {
      document.status = 'SIGNED';
      document.signedAt = document.participants.map((p) => p.signedAt!).sort().at(-1)!;
    } else {
      document.status = 'PENDING';
      document.signedAt = null;
    }
  }

  // ---- control plane (/__admin) -----------------------------------------------------------

  /** Sets the identity of the platform user behind a contact (creating the user if needed). */
  setIdentityVerified(contactId: string, verified: boolean): Result<Contact> {
    for (const tenant of this.tenants.values()) {
      const contact = tenant.contacts.get(contactId);
      if (!contact) continue;
      this.users.set(contact.emailKey, { email: contact.emailKey, identityVerified: verified });
      return { ok: true, value: this.detail(tenant, contact) };
    }
    return NOT_FOUND;
  }

  /** A participant signs now; in a sequential flow only the current step may sign. */
  signDocument(documentId: string, email: string): Result<Document> {
    const document = this.documents.get(documentId);
    if (!document) return DOCUMENT_NOT_FOUND;
    const participant = document.participants.find((p) => p.email === email.toLowerCase());
    if (!participant) return { ok: false, error: 'not_found', detail: 'Participant not found' };
    if (document.status !== 'PENDING') return { ok: false, error: 'conflict', detail: `Document is ${document.status}, not PENDING` };
    if (participant.signedAt) return { ok: false, error: 'conflict', detail: 'Participant has already signed' };
    const waitingFor = document.participants.find(
      (p) => !p.signedAt && p.step !== null && participant.step !== null && p.step < participant.step,
    );
    if (waitingFor) return { ok: false, error: 'conflict', detail: `Step ${waitingFor.step} has not signed yet` };
    participant.signedAt = this.timestamp();
    this.refreshStatus(document);
    return { ok: true, value: documentView(document) };
  }

  counts(): { tenants: number; contacts: number; documents: number; users: number } {
    let contacts = 0;
    for (const tenant of this.tenants.values()) contacts += tenant.contacts.size;
    return { tenants: this.tenants.size, contacts, documents: this.documents.size, users: this.users.size };
  }

  apiKeys(): ApiKeySpec[] {
    return [...this.keys.values()];
  }
}
