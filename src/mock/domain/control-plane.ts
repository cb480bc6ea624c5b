import { adminSchema, type ValidationIssue } from '../../contract/index.js';
import type { ApiKeySpec, Counts, DocumentRecord, SnapshotInfo, StoreState } from '../port/records.js';
import type { Repository, SeedOptions } from '../port/repository.js';
import { sign } from './documents.js';
import { refuse } from './errors.js';
import { contactDetails, type ContactDetails, type DomainClock } from './service.js';

/** Tenants a store holds at most: throwaway tenants come and go, they must not pile up. */
export const MAX_TENANTS = 1000;
/** names the control plane's contract allows (openapi/admin.yaml): the rules hold for callers in process too */
const TENANT_NAME = String(adminSchema('TenantName').pattern);
const SNAPSHOT_NAME = new RegExp(String(adminSchema('SnapshotName').pattern));

function randomHex(bytes: number): string {
  return [...globalThis.crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface NewTenant {
  tenant?: string | undefined;
  email?: string | undefined;
  contacts?: number | undefined;
}

/**
 * What the control plane may do that the public API cannot: reset, tenants of its own, identity
 * and signatures, state in and out, snapshots. Rules live here; /__admin only parses and answers.
 */
export class ControlPlane {
  constructor(
    private readonly repository: Repository,
    /** the domain's clock and id source (the service's too) */
    private readonly clock: DomainClock,
    /** what a full reset seeds: the configured keys, the seed, the contacts per tenant */
    private readonly seed: SeedOptions,
  ) {}

  counts(): Promise<Counts> {
    return this.repository.counts();
  }

  apiKeys(): Promise<ApiKeySpec[]> {
    return this.repository.apiKeys();
  }

  async contactCount(tenant: string): Promise<number> {
    return (await this.repository.listContacts(tenant, { page: 1, pageSize: 1 })).total;
  }

  /** Back to the seeded start state (throwaway tenants go), optionally with another number of contacts per tenant. */
  async reset(contactsPerTenant = this.seed.contactsPerTenant): Promise<Counts> {
    await this.repository.reset({ ...this.seed, contactsPerTenant });
    return this.repository.counts();
  }

  /** A tenant with a fresh API key, empty or seeded: parallel test workers each take their own. */
  async createTenant(input: NewTenant): Promise<ApiKeySpec & { contacts: number }> {
    const tenants = new Set((await this.repository.apiKeys()).map((k) => k.tenant));
    if (tenants.size >= MAX_TENANTS) refuse({ kind: 'too_many_tenants', max: MAX_TENANTS });
    const tenant = input.tenant ?? `t-${randomHex(6)}`;
    if (!new RegExp(TENANT_NAME).test(tenant)) refuse({ kind: 'invalid', issues: [{ type: 'string_pattern_mismatch', loc: ['body', 'tenant'], msg: `String should match pattern '${TENANT_NAME}'`, input: tenant }] });
    const key: ApiKeySpec = { tenant, key: `sk_test_${randomHex(12)}`, email: input.email ?? `owner@${tenant.toLowerCase()}.example.com` };
    if (!(await this.repository.createTenant(key))) refuse({ kind: 'tenant_exists', tenant });
    const contacts = input.contacts ?? 0;
    if (contacts > 0) await this.repository.seedTenant(tenant, { ...this.seed, contactsPerTenant: contacts });
    return { ...key, contacts };
  }

  async deleteTenant(tenant: string): Promise<void> {
    if (!(await this.repository.deleteTenant(tenant))) refuse({ kind: 'tenant_not_found', tenant });
  }

  /** One tenant back to its seeded state: a configured tenant with the configured number, another empty unless told. */
  async resetTenant(tenant: string, contacts?: number): Promise<number> {
    const keys = await this.repository.apiKeys();
    if (!keys.some((k) => k.tenant === tenant)) refuse({ kind: 'tenant_not_found', tenant });
    const configured = this.seed.apiKeys.some((k) => k.tenant === tenant);
    const count = contacts ?? (configured ? this.seed.contactsPerTenant : 0);
    await this.repository.seedTenant(tenant, { ...this.seed, contactsPerTenant: count });
    return count;
  }

  /** Sets the identity of the platform user behind a contact (creating the user if needed). */
  async setIdentityVerified(contactId: string, verified: boolean): Promise<ContactDetails> {
    const contact = (await this.repository.findContact(contactId)) ?? refuse({ kind: 'contact_not_found' });
    await this.repository.setVerified(contact.emailKey, verified);
    return contactDetails(this.repository, contact.tenant, contact);
  }

  async signDocument(documentId: string, email: string): Promise<DocumentRecord> {
    const found = (await this.repository.findDocument(documentId)) ?? refuse({ kind: 'document_not_found' });
    const now = this.clock.now();
    const document = await this.repository.updateDocument(found.tenant, documentId, (current) => ({ document: sign(current, email, now), invite: [] }));
    return document ?? refuse({ kind: 'document_not_found' });
  }

  exportState(): Promise<StoreState> {
    return this.repository.exportState();
  }

  /** Validates a whole state first: a bad file loads nothing and names every record at fault. */
  async loadFixtures(input: unknown): Promise<{ tenants: number; contacts: number; documents: number; users: number }> {
    // the fixture rules load with the first fixture: most mocks never see one (a page need not download them)
    const { parseState } = await import('./fixtures.js');
    const keys = new Map((await this.repository.apiKeys()).map((k) => [k.key, k.tenant] as const));
    const parsed = parseState(input, keys, this.clock.now(), this.clock.newId);
    if (!parsed.ok) refuse({ kind: 'invalid', issues: parsed.issues });
    await this.repository.importState(parsed.state);
    const { tenants, users } = parsed.state;
    return { tenants: tenants.length, contacts: tenants.reduce((n, t) => n + t.contacts.length, 0), documents: tenants.reduce((n, t) => n + t.documents.length, 0), users: users.length };
  }

  saveSnapshot(name: string): Promise<SnapshotInfo> {
    if (!SNAPSHOT_NAME.test(name)) refuse({ kind: 'invalid', issues: [snapshotNameIssue(name)] });
    return this.repository.saveSnapshot(name);
  }

  async restoreSnapshot(name: string): Promise<Counts> {
    if (!(await this.repository.restoreSnapshot(name))) refuse({ kind: 'snapshot_not_found', name });
    return this.repository.counts();
  }

  listSnapshots(): Promise<SnapshotInfo[]> {
    return this.repository.listSnapshots();
  }

  async deleteSnapshot(name: string): Promise<void> {
    if (!(await this.repository.deleteSnapshot(name))) refuse({ kind: 'snapshot_not_found', name });
  }
}

function snapshotNameIssue(name: string): ValidationIssue {
  return { type: 'string_pattern_mismatch', loc: ['body', 'name'], msg: `String should match pattern '${SNAPSHOT_NAME.source}'`, input: name };
}
