const WORDS = 8; // 256 bits per text

/**
 * A 256-bit signature of the character pairs of each text, kept at the same positions as the
 * texts. Search tests a needle's pairs against it first: a text lacking one cannot contain the
 * needle, so `includes` runs on a few candidates instead of on a million strings.
 */
export class BigramFilter {
  private bits = new Uint32Array(WORDS * 1024);
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(text: string): void {
    if ((this.size + 1) * WORDS > this.bits.length) {
      const grown = new Uint32Array(this.bits.length * 2);
      grown.set(this.bits);
      this.bits = grown;
    }
    this.write(this.size++, text);
  }

  set(at: number, text: string): void {
    this.bits.fill(0, at * WORDS, (at + 1) * WORDS);
    this.write(at, text);
  }

  removeAt(at: number): void {
    this.bits.copyWithin(at * WORDS, (at + 1) * WORDS, this.size * WORDS);
    this.size--;
    this.bits.fill(0, this.size * WORDS, (this.size + 1) * WORDS);
  }

  /**
   * A backwards scanner over positions for `needle`: `previous(from)` is the last position ≤ from
   * whose text may contain it (every pair of the needle is in its signature), or -1.
   */
  scanner(needle: string): (from: number) => number {
    const mask = new Uint32Array(WORDS);
    for (let i = 0; i + 1 < needle.length; i++) {
      const h = hash(needle.charCodeAt(i), needle.charCodeAt(i + 1));
      mask[h >>> 5]! |= 1 << (h & 31);
    }
    const used = Int32Array.from([...mask.keys()].filter((w) => mask[w] !== 0));
    // signed, as the result of & is: bit 31 would never compare equal otherwise
    const wanted = Int32Array.from(used, (w) => mask[w]! | 0);
    const n = used.length;
    const bits = this.bits;
    if (n === 0) return (from) => from;
    return (from) => {
      // the hot loop of search at a million contacts: plain indexes, no calls
      outer: for (let at = from; at >= 0; at--) {
        const base = at * WORDS;
        for (let k = 0; k < n; k++) if ((bits[base + used[k]!]! & wanted[k]!) !== wanted[k]) continue outer;
        return at;
      }
      return -1;
    };
  }

  private write(at: number, text: string): void {
    const base = at * WORDS;
    for (let i = 0; i + 1 < text.length; i++) {
      const h = hash(text.charCodeAt(i), text.charCodeAt(i + 1));
      this.bits[base + (h >>> 5)]! |= 1 << (h & 31);
    }
  }
}

function hash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> 24;
}
