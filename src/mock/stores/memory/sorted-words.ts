const CHUNK = 512;

/**
 * A sorted set of strings kept in chunks of a few hundred: an insert costs a binary search and a
 * splice within one chunk, not a copy of the whole set (a million distinct words at 1M contacts).
 */
export class SortedWords {
  private chunks: string[][] = [[]];

  static from(sorted: string[]): SortedWords {
    const set = new SortedWords();
    if (sorted.length) {
      set.chunks = [];
      for (let i = 0; i < sorted.length; i += CHUNK) set.chunks.push(sorted.slice(i, i + CHUNK));
    }
    return set;
  }

  /** adds a word that is not in the set yet */
  insert(word: string): void {
    const c = this.chunkFor(word);
    const chunk = this.chunks[c]!;
    chunk.splice(lowerBound(chunk, word), 0, word);
    if (chunk.length >= 2 * CHUNK) this.chunks.splice(c, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK));
  }

  /** removes a word that is in the set */
  delete(word: string): void {
    const c = this.chunkFor(word);
    const chunk = this.chunks[c]!;
    const at = lowerBound(chunk, word);
    if (chunk[at] !== word) return;
    chunk.splice(at, 1);
    // an empty chunk goes, but the set keeps one (possibly empty) chunk to insert into
    if (chunk.length === 0 && this.chunks.length > 1) this.chunks.splice(c, 1);
  }

  /** the words from the first one ≥ `start`, in order */
  *from(start: string): Generator<string> {
    let c = this.chunkFor(start);
    let i = lowerBound(this.chunks[c]!, start);
    for (; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c]!;
      for (; i < chunk.length; i++) yield chunk[i]!;
    }
  }

  /** the last chunk whose first word is ≤ word (the first chunk if none) */
  private chunkFor(word: string): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.chunks[mid]![0]! <= word) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function lowerBound(sorted: string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
