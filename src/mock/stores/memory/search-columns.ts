import type { ContactRecord } from '../../port/records.js';
import { companyText, searchText } from '../../port/text.js';
import { NgramFilter } from './ngram-filter.js';

/**
 * One tenant's live contacts in insertion order, with what search reads at the same positions:
 * the folded text, the folded company and their n-gram signatures. Search scans these plain
 * arrays, several times faster than visiting a million records; this class alone moves them, so
 * they cannot drift out of line.
 */
export class SearchColumns {
  /** oldest first; lists walk it backwards */
  readonly order: ContactRecord[] = [];
  private readonly texts: string[] = [];
  /** companies repeat across contacts, so a search tests each distinct company once */
  private readonly companies: string[] = [];
  private readonly ngrams = new NgramFilter();

  get length(): number {
    return this.order.length;
  }

  /** appends a contact newer than every other; `derived` is its text and company when the caller has them folded already */
  push(contact: ContactRecord, derived?: { text: string; company: string }): void {
    const text = derived?.text ?? searchText(contact);
    const company = derived?.company ?? companyText(contact);
    this.order.push(contact);
    this.texts.push(text);
    this.companies.push(company);
    this.ngrams.push(`${text}\u0001${company}`);
  }

  /** the contact's name, email or company changed */
  refresh(contact: ContactRecord): void {
    const at = this.positionOf(contact);
    if (at < 0) return;
    const text = searchText(contact);
    const company = companyText(contact);
    this.texts[at] = text;
    this.companies[at] = company;
    this.ngrams.set(at, `${text}\u0001${company}`);
  }

  remove(contact: ContactRecord): void {
    const at = this.positionOf(contact);
    if (at < 0) return;
    this.order.splice(at, 1);
    this.texts.splice(at, 1);
    this.companies.splice(at, 1);
    this.ngrams.removeAt(at);
  }

  /** Search, newest first: `previous(from)` is the last position ≤ from whose text or company contains the folded needle, or -1. */
  scanner(needle: string): (from: number) => number {
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
}
