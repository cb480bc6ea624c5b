import type { ContactChange, ContactRecord } from '../../port/records.js';
import type { ContactPage, ContactRow, ListQuery } from '../../port/repository.js';
import { searchWords } from '../../port/text.js';
import type { SeededTenant } from '../../seed/seed.js';
import { SearchColumns } from './search-columns.js';
import { groupWords } from './word-groups.js';
import { WordIndex } from './word-index.js';

/** What a list row needs from outside the tenant: the platform's user directory. */
export type VerifiedLookup = (emailKey: string) => boolean;

/** One tenant's contacts and the indexes over them, kept consistent by every write here. */
export class TenantState {
  readonly contacts = new Map<string, ContactRecord>();
  private readonly byEmail = new Map<string, ContactRecord>();
  private readonly columns = new SearchColumns();
  private readonly words = new WordIndex((ref) => this.contacts.get(ref.id) === ref);
  /** participant email → ids of this tenant's documents it is on */
  readonly documentsByEmail = new Map<string, Set<string>>();

  constructor(readonly name: string) {}

  /** live contacts, oldest first */
  ordered(): readonly ContactRecord[] {
    return this.columns.order;
  }

  byEmailKey(emailKey: string): ContactRecord | undefined {
    return this.byEmail.get(emailKey);
  }

  insert(contact: ContactRecord): void {
    this.contacts.set(contact.id, contact);
    this.byEmail.set(contact.emailKey, contact);
    this.columns.push(contact);
    for (const word of searchWords(contact)) this.words.add(word, contact);
  }

  /** Bulk load from the seeder, in its order, taking the search texts and index words it derived. */
  load(seeded: SeededTenant, nextSeq: () => number): void {
    const { contacts, hints } = seeded;
    for (let i = 0; i < contacts.length; i++) {
      const contact = contacts[i]!;
      contact.seq = nextSeq();
      this.contacts.set(contact.id, contact);
      this.byEmail.set(contact.emailKey, contact);
      this.columns.push(contact, { text: hints.texts[i]!, company: hints.companies[i]! });
    }
    this.words.load(groupWords(hints.eachWord));
  }

  /** Applies a change in place and re-derives exactly what depends on the fields it changed. */
  update(contact: ContactRecord, change: ContactChange): void {
    const before = change.fullName !== undefined && change.fullName !== contact.fullName ? searchWords(contact) : undefined;
    const companyChanged = change.company !== undefined && change.company !== contact.company;
    for (const key of Object.keys(change) as (keyof ContactChange)[]) {
      // an absent field stays as it is, whether the key is missing or undefined
      if (change[key] !== undefined) (contact as unknown as Record<string, unknown>)[key] = change[key];
    }
    if (before) {
      const after = searchWords(contact);
      for (const word of before) if (!after.has(word)) this.words.remove(word, contact);
      for (const word of after) if (!before.has(word)) this.words.add(word, contact);
    }
    if (before || companyChanged) this.columns.refresh(contact);
  }

  remove(contact: ContactRecord): void {
    this.contacts.delete(contact.id);
    this.byEmail.delete(contact.emailKey);
    this.words.forgot(searchWords(contact).size);
    this.columns.remove(contact);
  }

  documentCount(emailKey: string): number {
    return this.documentsByEmail.get(emailKey)?.size ?? 0;
  }

  list(query: ListQuery, isVerified: VerifiedLookup): ContactPage {
    const { page, pageSize } = query;
    const skip = (page - 1) * pageSize;
    const { order } = this.columns;
    const rows: ContactRow[] = [];
    const row = (contact: ContactRecord): ContactRow => ({ contact, identityVerified: isVerified(contact.emailKey), documentsCount: this.documentCount(contact.emailKey) });
    const needle = query.search ?? '';
    const previous = needle ? this.columns.scanner(needle) : (from: number) => from;
    const filter = listFilter(query, isVerified);
    if (!needle && !filter) {
      for (let i = order.length - 1 - skip; i >= 0 && rows.length < pageSize; i--) rows.push(row(order[i]!));
      return { rows, total: order.length };
    }
    // one pass, newest first: the page is collected on the way and every match is counted
    let total = 0;
    for (let i = previous(order.length - 1); i >= 0; i = previous(i - 1)) {
      if (filter && !filter(order[i]!)) continue;
      if (total >= skip && rows.length < pageSize) rows.push(row(order[i]!));
      total++;
    }
    return { rows, total };
  }

  /**
   * Up to `limit` contacts whose name or email words start with every one of `parts`. The index is
   * walked for the part with the fewest entries ("maria zq" walks "zq", not every María).
   */
  autocomplete(parts: string[], limit: number): ContactRecord[] {
    if (parts.length === 0) return [];
    let driver = parts[0]!;
    // counting stops past the best so far: beyond 10,000 entries any word is as good a start
    let fewest = parts.length > 1 ? this.words.countUpTo(driver, 10_000) : 0;
    for (const part of parts.slice(1)) {
      const count = this.words.countUpTo(part, fewest);
      if (count < fewest) [driver, fewest] = [part, count];
    }
    const found: ContactRecord[] = [];
    const seen = new Set<string>();
    const others = parts.filter((part) => part !== driver);
    for (const contact of this.words.matching(driver)) {
      if (seen.has(contact.id)) continue;
      seen.add(contact.id);
      if (others.length) {
        const own = [...searchWords(contact)];
        if (!others.every((part) => own.some((w) => w.startsWith(part)))) continue;
      }
      found.push(contact);
      if (found.length === limit) break;
    }
    return found;
  }

  /** index entries held (for tests and soak measurements) */
  indexSize(): ReturnType<WordIndex['size']> {
    return this.words.size();
  }
}

/** tag, source and verified (search is matched against the search columns) */
function listFilter(query: ListQuery, isVerified: VerifiedLookup): ((c: ContactRecord) => boolean) | undefined {
  const tests: ((c: ContactRecord) => boolean)[] = [];
  const { tag, source, verified } = query;
  if (tag !== undefined) tests.push((c) => c.tags.includes(tag));
  if (source !== undefined) tests.push((c) => c.source === source);
  if (verified !== undefined) tests.push((c) => isVerified(c.emailKey) === verified);
  if (tests.length === 0) return undefined;
  return (c) => tests.every((t) => t(c));
}
