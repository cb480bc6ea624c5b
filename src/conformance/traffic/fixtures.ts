import { loadContract, type Contract } from '../../contract/index.js';
import type { AdminState } from '../../types/admin.js';
import { bodyValue, header, type Exchange } from './exchange.js';
import type { Redactor } from './redact.js';

/** Which state a recording gives: before it (what a replay starts from) or after it (where it left the tenant). */
export type FixtureState = 'before' | 'after';

/** Records kept per tenant: a recording of a large tenant still makes a bounded file. */
export const MAX_RECORDS = 50_000;

const CONTACT_FIELDS = ['id', 'email', 'fullName', 'phone', 'company', 'jobTitle', 'notes', 'tags', 'customFields', 'source', 'createdAt', 'updatedAt'] as const;
const PARTICIPANT_FIELDS = ['email', 'name', 'whatsapp', 'invitedBy', 'step', 'signedAt'] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const pick = (from: Json, fields: readonly string[]) => Object.fromEntries(fields.filter((f) => from[f] !== undefined).map((f) => [f, from[f]]));

interface Tenant {
  key: string;
  contacts: Map<string, Json>;
  documents: Map<string, Json>;
  /** made during the recording: a replay makes them again, so the state before it leaves them out */
  created: Set<string>;
  deleted: Set<string>;
  users: Map<string, boolean>;
  inviters: Map<string, number>;
}

/**
 * The state a recording shows, as a fixtures file the mock loads (`--fixtures`, `POST
 * /__admin/fixtures`): every contact and document seen in a successful answer becomes a record of the
 * tenant of the key that asked. Keys are redacted as everywhere else, and the placeholders are the
 * tenants' keys, so the redacted recording replays against the mock started from its fixtures.
 */
export class FixtureBuilder {
  private readonly contract: Contract = loadContract();
  private readonly tenants = new Map<string, Tenant>();
  dropped = 0;

  constructor(
    private readonly redactor: Redactor,
    private readonly state: FixtureState,
    private readonly apiPath: (pathname: string) => string | undefined,
  ) {}

  add(exchange: Exchange): void {
    const status = exchange.response?.status;
    if (status === undefined || status < 200 || status >= 300 || exchange.error) return;
    const auth = header(exchange.request.headers, 'authorization');
    const key = auth && /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, '').trim() : undefined;
    if (!key) return;
    const path = this.apiPath(new URL(exchange.request.url, 'http://recording.invalid').pathname);
    if (!path) return;
    const match = this.contract.match(exchange.request.method, path);
    if (!match.operation) return;
    const body = bodyValue(exchange.response!.body);
    const tenant = this.tenant(this.redactor.secret(key));
    const op = match.operation.operationId;
    switch (op) {
      case 'getContact':
      case 'updateContact':
      case 'patchContactCustomFields':
        return this.contact(tenant, body, false);
      case 'createContact':
        return this.contact(tenant, body, true);
      case 'listContacts':
        for (const item of isObject(body) && Array.isArray(body.data) ? body.data : []) this.contact(tenant, item, false);
        return;
      case 'autocompleteContacts':
        for (const item of Array.isArray(body) ? body : []) this.contact(tenant, item, false);
        return;
      case 'bulkCreateContacts':
      case 'bulkDeleteContacts':
        for (const item of isObject(body) && Array.isArray(body.details) ? body.details : []) {
          if (!isObject(item) || item.success !== true || typeof item.contactId !== 'string') continue;
          if (op === 'bulkDeleteContacts') tenant.deleted.add(item.contactId);
          else if (!tenant.contacts.has(item.contactId)) tenant.created.add(item.contactId);
        }
        return;
      case 'deleteContact':
        if (match.params.contact_id) tenant.deleted.add(match.params.contact_id);
        return;
      case 'createDocument':
        return this.document(tenant, body, true);
      case 'getDocument':
      case 'addDocumentParticipants':
      case 'removeDocumentParticipant':
        return this.document(tenant, body, false);
    }
  }

  private tenant(key: string): Tenant {
    let t = this.tenants.get(key);
    if (!t) this.tenants.set(key, (t = { key, contacts: new Map(), documents: new Map(), created: new Set(), deleted: new Set(), users: new Map(), inviters: new Map() }));
    return t;
  }

  private contact(t: Tenant, value: unknown, created: boolean): void {
    if (!isObject(value) || typeof value.id !== 'string' || typeof value.email !== 'string') return;
    if (created && !t.contacts.has(value.id)) t.created.add(value.id);
    if (typeof value.identityVerified === 'boolean') t.users.set(value.email.toLowerCase(), value.identityVerified);
    const seen = t.contacts.get(value.id);
    if (!seen && t.contacts.size >= MAX_RECORDS) return void this.dropped++;
    const fields = pick(value, CONTACT_FIELDS);
    // before: what was first seen wins (later answers show the recording's own changes); after: the last
    t.contacts.set(value.id, this.state === 'before' ? { ...fields, ...seen } : { ...seen, ...fields });
  }

  private document(t: Tenant, value: unknown, created: boolean): void {
    if (!isObject(value) || typeof value.id !== 'string' || typeof value.name !== 'string') return;
    if (created && !t.documents.has(value.id)) t.created.add(value.id);
    const seen = t.documents.get(value.id);
    if (!seen && t.documents.size >= MAX_RECORDS) return void this.dropped++;
    const participants = (Array.isArray(value.participants) ? value.participants : []).filter(isObject).map((p) => pick(p, PARTICIPANT_FIELDS));
    for (const p of participants) if (typeof p.invitedBy === 'string') t.inviters.set(p.invitedBy, (t.inviters.get(p.invitedBy) ?? 0) + 1);
    const record = {
      ...pick(value, ['id', 'name', 'status', 'createdAt', 'signedAt']),
      sendByWhatsapp: isObject(value.config) && value.config.sendByWhatsapp === true,
      participants,
    };
    if (this.state === 'before' && seen) return;
    t.documents.set(value.id, record);
  }

  /** The fixtures: one tenant per key seen, named after its placeholder. */
  build() {
    const tenants = [...this.tenants.values()].map((t) => {
      const name = `recorded-${t.key.replace(/^redacted-/, '').slice(0, 12).replace(/[^A-Za-z0-9._-]/g, '-')}`;
      const keep = (id: string) => (this.state === 'before' ? !t.created.has(id) : !t.deleted.has(id));
      // the key's owner: who invited most participants, else an address of the tenant's own
      const owner = [...t.inviters].sort((a, b) => b[1] - a[1])[0]?.[0] ?? `owner@${name}.example.com`;
      return {
        tenant: name,
        apiKeys: [{ key: t.key, email: owner }],
        contacts: [...t.contacts].filter(([id]) => keep(id)).map(([, c]) => c),
        documents: [...t.documents].filter(([id]) => keep(id)).map(([, d]) => d),
      };
    });
    const users = new Map<string, boolean>();
    for (const t of this.tenants.values()) for (const [email, verified] of t.users) users.set(email, verified || (users.get(email) ?? false));
    return { version: 1, tenants, users: [...users].map(([email, identityVerified]) => ({ email, identityVerified })) } satisfies AdminState;
  }
}
