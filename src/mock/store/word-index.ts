import type { ContactRecord } from './types.js';

/**
 * Word-prefix index for autocomplete: a sorted run of (word, contact) pairs searched by binary search,
 * plus a small unsorted tail for recent writes that is merged in (linearly) when it grows. Entries of
 * deleted or renamed contacts are skipped at query time by `isLive` and dropped at the next merge.
 */
/** word → its contacts, in insertion order; a word of one contact (most email words) holds it bare */
export type WordGroups = Map<string, ContactRecord | ContactRecord[]>;

export function addToGroups(groups: WordGroups, word: string, ref: ContactRecord): void {
  const group = groups.get(word);
  if (group === undefined) groups.set(word, ref);
  else if (Array.isArray(group)) {
    if (group.at(-1) !== ref) group.push(ref);
  } else if (group !== ref) groups.set(word, [group, ref]);
}

export class WordIndex {
  private words: string[] = [];
  private refs: ContactRecord[] = [];
  private tail: { word: string; ref: ContactRecord }[] = [];
  private static readonly TAIL_LIMIT = 4096;

  constructor(private readonly isLive: (ref: ContactRecord, word: string) => boolean) {}

  /**
   * Build from scratch (seeding) from words grouped by the seeder: only the distinct words are
   * sorted (a million contacts share a few thousand name words) and each word is stored once.
   */
  load(groups: WordGroups): void {
    const words: string[] = [];
    const refs: ContactRecord[] = [];
    for (const word of [...groups.keys()].sort()) {
      // within a word, refs arrive in insertion (seq) order: oldest first, as merge keeps them
      const group = groups.get(word)!;
      for (const ref of Array.isArray(group) ? group : [group]) {
        words.push(word);
        refs.push(ref);
      }
    }
    this.words = words;
    this.refs = refs;
    this.tail = [];
  }

  add(word: string, ref: ContactRecord): void {
    this.tail.push({ word, ref });
    if (this.tail.length >= WordIndex.TAIL_LIMIT) this.merge();
  }

  /** Contacts having a word that starts with `prefix`: recent writes first, then in word order. */
  *matching(prefix: string): Generator<ContactRecord> {
    for (const entry of this.tail) if (entry.word.startsWith(prefix) && this.isLive(entry.ref, entry.word)) yield entry.ref;
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.words.length && this.words[i]!.startsWith(prefix); i++) {
      if (this.isLive(this.refs[i]!, this.words[i]!)) yield this.refs[i]!;
    }
  }

  private merge(): void {
    const tail = this.tail.filter((e) => this.isLive(e.ref, e.word)).sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    const words: string[] = [];
    const refs: ContactRecord[] = [];
    let t = 0;
    for (let i = 0; i <= this.words.length; i++) {
      const word = this.words[i];
      while (t < tail.length && (word === undefined || tail[t]!.word < word)) {
        words.push(tail[t]!.word);
        refs.push(tail[t]!.ref);
        t++;
      }
      if (word === undefined) break;
      if (this.isLive(this.refs[i]!, word)) {
        words.push(word);
        refs.push(this.refs[i]!);
      }
      // equal words: the older (already indexed) entries go first
      while (t < tail.length && tail[t]!.word === word && this.words[i + 1] !== word) {
        words.push(tail[t]!.word);
        refs.push(tail[t]!.ref);
        t++;
      }
    }
    this.words = words;
    this.refs = refs;
    this.tail = [];
  }
}
