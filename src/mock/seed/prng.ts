const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** A small seeded PRNG (mulberry32): the same seed gives the same data, ids included. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** an RFC 4122 version-4 UUID drawn from this generator (one flat string: seeding makes millions) */
  uuid(): string {
    const parts: string[] = [];
    for (let i = 0; i < 4; i++) {
      const word = Math.floor(this.next() * 0x100000000);
      for (let shift = 24; shift >= 0; shift -= 8) parts.push(HEX[(word >>> shift) & 0xff]!);
    }
    parts[6] = HEX[(parseInt(parts[6]!, 16) & 0x0f) | 0x40]!; // version 4
    parts[8] = HEX[(parseInt(parts[8]!, 16) & 0x3f) | 0x80]!; // RFC 4122 variant
    parts[3] += '-';
    parts[5] += '-';
    parts[7] += '-';
    parts[9] += '-';
    return parts.join('');
  }
}
