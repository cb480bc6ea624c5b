import type { ContactRecord } from '../../port/records.js';
import { addToGroups, type WordGroups } from './word-groups.js';
import { SortedWords } from './sorted-words.js';

/**
 * Word-prefix index for autocomplete: the contacts of each word in a map, the distinct words in a
 * sorted set for prefix lookups. A contact's changed words are taken out and put in as it changes
 * (a group holds the few thousand contacts sharing a name word, so that is cheap); a deleted
 * contact's entries are left to be skipped (`isLive`) and dropped once they are a quarter of the
 * index, because the words every contact of a tenant shares (its email domain) have groups as
 * large as the tenant.
 */
export class WordIndex {
  private groups: WordGroups = new Map();
  private sorted = new SortedWords();
  private entries = 0;
  private dead = 0;

  constructor(private readonly isLive: (ref: ContactRecord) => boolean) {}

  /**
   * Build from scratch (seeding) from words grouped by the seeder: only the distinct words are
   * sorted (a million contacts share a few thousand name words) and each word is stored once.
   */
  load(groups: WordGroups): void {
    this.groups = groups;
    this.sorted = SortedWords.from([...groups.keys()].sort());
    this.entries = 0;
    for (const group of groups.values()) this.entries += Array.isArray(group) ? group.length : 1;
    this.dead = 0;
  }

  add(word: string, ref: ContactRecord): void {
    if (!this.groups.has(word)) this.sorted.insert(word);
    addToGroups(this.groups, word, ref);
    this.entries++;
  }

  /** a live contact no longer has this word */
  remove(word: string, ref: ContactRecord): void {
    const group = this.groups.get(word);
    if (group === undefined) return;
    if (Array.isArray(group)) {
      const at = group.indexOf(ref);
      if (at < 0) return;
      group.splice(at, 1);
      if (group.length === 1) this.groups.set(word, group[0]!);
    } else if (group === ref) {
      this.groups.delete(word);
      this.sorted.delete(word);
    } else return;
    this.entries--;
  }

  /** a contact left (deleted): its entries are now dead weight */
  forgot(entries: number): void {
    this.dead += entries;
    if (this.dead > 1024 && this.dead * 4 > this.entries) this.compact();
  }

  /** entries held, dead ones included (for tests and soak measurements) */
  size(): { entries: number; words: number; dead: number } {
    return { entries: this.entries, words: this.groups.size, dead: this.dead };
  }

  /** How many entries have a word starting with `prefix`, counting no further than `limit`. */
  countUpTo(prefix: string, limit: number): number {
    let count = 0;
    for (const word of this.sorted.from(prefix)) {
      if (!word.startsWith(prefix) || count > limit) break;
      const group = this.groups.get(word)!;
      count += Array.isArray(group) ? group.length : 1;
    }
    return count;
  }

  /** Live contacts having a word that starts with `prefix`: in word order, each word's oldest first. */
  *matching(prefix: string): Generator<ContactRecord> {
    for (const word of this.sorted.from(prefix)) {
      if (!word.startsWith(prefix)) return;
      const group = this.groups.get(word)!;
      if (!Array.isArray(group)) {
        if (this.isLive(group)) yield group;
        continue;
      }
      for (const ref of group) if (this.isLive(ref)) yield ref;
    }
  }

  private compact(): void {
    const groups: WordGroups = new Map();
    for (const [word, group] of this.groups) {
      for (const ref of Array.isArray(group) ? group : [group]) if (this.isLive(ref)) addToGroups(groups, word, ref);
    }
    this.load(groups);
  }
}
