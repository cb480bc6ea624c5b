const COLUMNS = 16; // 512 bits per text

/**
 * A 512-bit signature of the character pairs and triples of each text, kept at the same positions
 * as the texts. Search tests a needle's pairs and triples against it first: a text lacking one
 * cannot contain the needle, so `includes` runs on few candidates instead of on a million strings.
 * Stored column by column (bits 0-31 of every text, then 32-63, …) so that a scan reads one
 * small column sequentially and looks at the others only for the texts that pass it.
 */
export class NgramFilter {
  private columns = Array.from({ length: COLUMNS }, () => new Uint32Array(1024));
  private size = 0;

  push(text: string): void {
    if (this.size === this.columns[0]!.length) {
      this.columns = this.columns.map((column) => {
        const grown = new Uint32Array(column.length * 2);
        grown.set(column);
        return grown;
      });
    }
    this.write(this.size++, text);
  }

  set(at: number, text: string): void {
    for (const column of this.columns) column[at] = 0;
    this.write(at, text);
  }

  removeAt(at: number): void {
    for (const column of this.columns) {
      column.copyWithin(at, at + 1, this.size);
      column[this.size - 1] = 0;
    }
    this.size--;
  }

  /**
   * A backwards scanner over positions for `needle`: `previous(from)` is the last position ≤ from
   * whose text may contain it (all the needle's pairs and triples are in its signature), or -1.
   */
  scanner(needle: string): (from: number) => number {
    const mask = signature(needle);
    // most selective column first: the one asking for the most bits
    const used = [...mask.keys()].filter((c) => mask[c] !== 0).sort((a, b) => popcount(mask[b]!) - popcount(mask[a]!));
    if (used.length === 0) return (from) => from;
    const first = this.columns[used[0]!]!;
    const firstWanted = mask[used[0]!]! | 0;
    const rest = used.slice(1).map((c) => this.columns[c]!);
    // signed, as the result of & is: bit 31 would never compare equal otherwise
    const restWanted = Int32Array.from(used.slice(1), (c) => mask[c]! | 0);
    const n = rest.length;
    return (from) => {
      // the hot loop of search at a million contacts: plain indexes, no calls
      outer: for (let at = from; at >= 0; at--) {
        if ((first[at]! & firstWanted) !== firstWanted) continue;
        for (let k = 0; k < n; k++) if ((rest[k]![at]! & restWanted[k]!) !== restWanted[k]) continue outer;
        return at;
      }
      return -1;
    };
  }

  private write(at: number, text: string): void {
    const mask = signature(text);
    for (let c = 0; c < COLUMNS; c++) this.columns[c]![at] = mask[c]!;
  }
}

function signature(text: string): Uint32Array {
  const mask = new Uint32Array(COLUMNS);
  const set = (h: number) => (mask[h >>> 5]! |= 1 << (h & 31));
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    set(hash(a, b, 0));
    if (i + 2 < text.length) set(hash(a, b, text.charCodeAt(i + 2)));
  }
  return mask;
}

/** 0..511 */
function hash(a: number, b: number, c: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c + 1, 0xc2b2ae35)) >>> 23;
}

function popcount(x: number): number {
  let count = 0;
  for (let v = x >>> 0; v; v &= v - 1) count++;
  return count;
}
