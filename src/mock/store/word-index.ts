import { SortedWords } from './sorted-words.js';
import type { ContactRecord } from './types.js';

/** word → its contacts, in insertion order; a word of one contact (most email words) holds it bare */
export type WordGroups = Map<string, ContactRecord | ContactRecord[]>;

export function addToGroups(groups: WordGroups, word: string, ref: ContactRecord): void {
  const group = groups.get(word);
  if (group === undefined) groups.set(word, ref);
  else if (Array.isArray(group)) {
    if (group.at(-1) !== ref) group.push(ref);
  } else if (group !== ref) groups.set(word, [group, ref]);
}

/**
 * Word-prefix index for autocomplete: the contacts of each word in a map, the distinct words in a
 * sorted set for prefix lookups. Writes are O(log n); entries of deleted or renamed contacts are
 * skipped at query time by `isLive` and dropped once they are a quarter of the index.
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

  /** a contact left (deleted): its entries are now dead weight */
  forgot(entries: number): void {
    this.dead += entries;
    if (this.dead > 1024 && this.dead * 4 > this.entries) this.compact();
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

  /** Contacts having a word that starts with `prefix`: in word order, each word's oldest first. */
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
