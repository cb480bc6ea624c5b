import { NgramFilter } from './ngram-filter.js';
import { fold, words } from './text.js';
import type { ContactRecord } from './types.js';
import { WordIndex, type WordGroups } from './word-index.js';

/** One tenant's contacts and the indexes over them. Documents live in the store, keyed by id. */
export class TenantState {
  readonly contacts = new Map<string, ContactRecord>();
  readonly byEmail = new Map<string, ContactRecord>();
  /** live contacts in insertion order (oldest first); lists walk it backwards */
  readonly order: ContactRecord[] = [];
  /**
   * the folded "name email company" of order[i], at the same index: search scans this array of
   * strings alone, which is several times faster than visiting a million records
   */
  readonly texts: string[] = [];
  /** signatures of texts[i], same positions: see searchScanner */
  private readonly ngrams = new NgramFilter();
  /** participant email → ids of this tenant's documents it is on */
  readonly documentsByEmail = new Map<string, Set<string>>();
  readonly words = new WordIndex((ref) => this.contacts.get(ref.id) === ref);

  constructor(readonly name: string) {}

  insert(contact: ContactRecord): void {
    this.contacts.set(contact.id, contact);
    this.byEmail.set(contact.emailKey, contact);
    this.order.push(contact);
    const text = searchTextOf(contact);
    this.texts.push(text);
    this.ngrams.push(text);
    for (const word of indexWords(contact)) this.words.add(word, contact);
  }

  /**
   * Bulk load (seeding), in seq order. The seeder hands over the search text and index words it
   * derived from its pre-folded name pools, so nothing is folded a million times.
   */
  load(contacts: ContactRecord[], texts: string[], words: WordGroups): void {
    for (let i = 0; i < contacts.length; i++) {
      const contact = contacts[i]!;
      this.contacts.set(contact.id, contact);
      this.byEmail.set(contact.emailKey, contact);
      this.order.push(contact);
      this.texts.push(texts[i]!);
      this.ngrams.push(texts[i]!);
    }
    this.words.load(words);
  }

  remove(contact: ContactRecord): void {
    this.contacts.delete(contact.id);
    this.byEmail.delete(contact.emailKey);
    this.words.forgot(indexWords(contact).size);
    const at = this.positionOf(contact);
    if (at >= 0) {
      this.order.splice(at, 1);
      this.texts.splice(at, 1);
      this.ngrams.removeAt(at);
    }
  }

  /** Re-derive what depends on the name, email or company after an update. */
  reindex(contact: ContactRecord, nameChanged: boolean): void {
    const at = this.positionOf(contact);
    if (at >= 0) {
      this.texts[at] = searchTextOf(contact);
      this.ngrams.set(at, this.texts[at]);
    }
    if (nameChanged) for (const word of indexWords(contact)) this.words.add(word, contact);
  }

  /** Search, newest first: `previous(from)` is the last position ≤ from whose text contains the folded needle, or -1. */
  searchScanner(needle: string): (from: number) => number {
    const candidate = this.ngrams.scanner(needle);
    const texts = this.texts;
    return (from) => {
      for (let at = candidate(from); at >= 0; at = candidate(at - 1)) if (texts[at]!.includes(needle)) return at;
      return -1;
    };
  }

  /** order is sorted by seq: binary search, not a scan */
  private positionOf(contact: ContactRecord): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid]!.seq < contact.seq) lo = mid + 1;
      else hi = mid;
    }
    return this.order[lo] === contact ? lo : -1;
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
