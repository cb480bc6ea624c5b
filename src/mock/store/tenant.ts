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
   * the folded "name\u0001email" of order[i], at the same index: search scans these arrays of
   * strings alone, which is several times faster than visiting a million records
   */
  readonly texts: string[] = [];
  /**
   * the folded company of order[i] ('' for none), apart: companies repeat across contacts, so a
   * search tests each distinct company once (see searchScanner)
   */
  readonly companies: string[] = [];
  /** signatures of texts[i] and companies[i], same positions */
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
    this.pushSearch(text, companyTextOf(contact));
    for (const word of new Set(words(text))) this.words.add(word, contact);
  }

  /**
   * Bulk load (seeding), in seq order. The seeder hands over the search text and index words it
   * derived from its pre-folded name pools, so nothing is folded a million times.
   */
  load(contacts: ContactRecord[], texts: string[], companies: string[], words: WordGroups): void {
    for (let i = 0; i < contacts.length; i++) {
      const contact = contacts[i]!;
      this.contacts.set(contact.id, contact);
      this.byEmail.set(contact.emailKey, contact);
      this.order.push(contact);
      this.pushSearch(texts[i]!, companies[i]!);
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
      this.companies.splice(at, 1);
      this.ngrams.removeAt(at);
    }
  }

  /** Re-derive what depends on the name, email or company after an update. */
  reindex(contact: ContactRecord, nameChanged: boolean): void {
    const at = this.positionOf(contact);
    const text = searchTextOf(contact);
    if (at >= 0) {
      const company = companyTextOf(contact);
      this.texts[at] = text;
      this.companies[at] = company;
      this.ngrams.set(at, `${text}\u0001${company}`);
    }
    if (nameChanged) for (const word of new Set(words(text))) this.words.add(word, contact);
  }

  /** the three search arrays grow together */
  private pushSearch(text: string, company: string): void {
    this.texts.push(text);
    this.companies.push(company);
    this.ngrams.push(`${text}\u0001${company}`);
  }

  /** Search, newest first: `previous(from)` is the last position ≤ from whose text contains the folded needle, or -1. */
  searchScanner(needle: string): (from: number) => number {
    const candidate = this.ngrams.scanner(needle);
    const { texts, companies } = this;
    const companyHas = new Map<string, boolean>();
    return (from) => {
      for (let at = candidate(from); at >= 0; at = candidate(at - 1)) {
        // the company first: a lookup, where the name and email need a string search
        const company = companies[at]!;
        if (company) {
          let has = companyHas.get(company);
          if (has === undefined) companyHas.set(company, (has = company.includes(needle)));
          if (has) return at;
        }
        if (texts[at]!.includes(needle)) return at;
      }
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

/** What search looks in, folded: "name\u0001email" (the separator keeps a needle inside one field). */
export function searchTextOf(contact: Pick<ContactRecord, 'fullName' | 'email'>): string {
  return fold(`${contact.fullName ?? ''}\u0001${contact.email}`);
}

/** The folded company, '' for none: searched apart (see searchScanner). */
export function companyTextOf(contact: Pick<ContactRecord, 'company'>): string {
  return contact.company ? fold(contact.company) : '';
}

/** Words autocomplete matches: those of the name and of the email (the words of the search text). */
export function indexWords(contact: Pick<ContactRecord, 'fullName' | 'email'>): Set<string> {
  return new Set(words(searchTextOf(contact)));
}
