import type { ContactRecord } from './types.js';

/**
 * Word-prefix index for autocomplete: a sorted run of (word, contact) pairs searched by binary search,
 * plus a small unsorted tail for recent writes that is merged in (linearly) when it grows. Entries of
 * deleted or renamed contacts are skipped at query time by `isLive` and dropped at the next merge.
 */
export class WordIndex {
  private words: string[] = [];
  private refs: ContactRecord[] = [];
  private tail: { word: string; ref: ContactRecord }[] = [];
  private static readonly TAIL_LIMIT = 4096;

  constructor(private readonly isLive: (ref: ContactRecord, word: string) => boolean) {}

  /** Build from scratch (seeding): one sort instead of many inserts. */
  load(entries: { word: string; ref: ContactRecord }[]): void {
    entries.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : a.ref.seq - b.ref.seq));
    this.words = entries.map((e) => e.word);
    this.refs = entries.map((e) => e.ref);
    this.tail = [];
  }

  add(word: string, ref: ContactRecord): void {
    this.tail.push({ word, ref });
    if (this.tail.length >= WordIndex.TAIL_LIMIT) this.merge();
  }

  /** Contacts having a word that starts with `prefix`, best (shortest word, then oldest) first. */
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
      while (t < tail.length && (word === undefined || tail[t]!.word <= word)) {
        words.push(tail[t]!.word);
        refs.push(tail[t]!.ref);
        t++;
      }
      if (word === undefined) break;
      if (this.isLive(this.refs[i]!, word)) {
        words.push(word);
        refs.push(this.refs[i]!);
      }
    }
    this.words = words;
    this.refs = refs;
    this.tail = [];
  }
}
