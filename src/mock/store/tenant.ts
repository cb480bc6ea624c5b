import { fold, words } from './text.js';
import type { ContactRecord } from './types.js';
import { WordIndex } from './word-index.js';

/** One tenant's contacts and the indexes over them. Documents live in the store, keyed by id. */
export class TenantState {
  readonly contacts = new Map<string, ContactRecord>();
  readonly byEmail = new Map<string, ContactRecord>();
  /** live contacts in insertion order (oldest first); lists walk it backwards */
  readonly order: ContactRecord[] = [];
  /** participant email → ids of this tenant's documents it is on */
  readonly documentsByEmail = new Map<string, Set<string>>();
  readonly words = new WordIndex((ref) => this.contacts.get(ref.id) === ref);

  constructor(readonly name: string) {}

  insert(contact: ContactRecord): void {
    this.contacts.set(contact.id, contact);
    this.byEmail.set(contact.emailKey, contact);
    this.order.push(contact);
    for (const word of indexWords(contact)) this.words.add(word, contact);
  }

  /** Bulk load (seeding): one sort of the word index. */
  load(contacts: ContactRecord[]): void {
    const entries: { word: string; ref: ContactRecord }[] = [];
    for (const contact of contacts) {
      this.contacts.set(contact.id, contact);
      this.byEmail.set(contact.emailKey, contact);
      this.order.push(contact);
      for (const word of indexWords(contact)) entries.push({ word, ref: contact });
    }
    this.words.load(entries);
  }

  remove(contact: ContactRecord): void {
    this.contacts.delete(contact.id);
    this.byEmail.delete(contact.emailKey);
    // order is sorted by seq: find by binary search, not a scan
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid]!.seq < contact.seq) lo = mid + 1;
      else hi = mid;
    }
    if (this.order[lo] === contact) this.order.splice(lo, 1);
  }

  /** Re-derive what depends on the name, email or company after an update. */
  reindex(contact: ContactRecord, nameChanged: boolean): void {
    contact.searchText = searchTextOf(contact);
    if (nameChanged) for (const word of indexWords(contact)) this.words.add(word, contact);
  }

  documentCount(emailKey: string): number {
    return this.documentsByEmail.get(emailKey)?.size ?? 0;
  }
}

export function searchTextOf(contact: Pick<ContactRecord, 'fullName' | 'email' | 'company'>): string {
  return fold(`${contact.fullName ?? ''}\u0001${contact.email}\u0001${contact.company ?? ''}`);
}

/** Words autocomplete matches: those of the name and of the email. */
export function indexWords(contact: Pick<ContactRecord, 'fullName' | 'email'>): Set<string> {
  return new Set(words(fold(`${contact.fullName ?? ''} ${contact.email}`)));
}
