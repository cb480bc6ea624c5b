import { describe, expect, it } from 'vitest';
import { generateSeed } from '../../src/mock/seed/seed.js';
import { FIRST_NAMES, JOB_AREAS, JOB_DESCRIPTORS, JOB_TYPES, LEGAL_ENTITY_TYPES, SURNAMES } from '../../src/mock/seed/words.generated.js';

// The seed draws its pools from the generated word lists with its own generator: the same seed gives
// the same data, another seed other names (not only other ids), all of them Spanish/Mexican words.
const KEYS = [{ tenant: 'demo', key: 'k', email: 'owner@demo.example.com' }];
const contacts = (seed: number) => generateSeed(KEYS, seed, 200).tenants[0]!.contacts;

describe('the seed', () => {
  it('gives the same contacts for the same seed and other names for another', () => {
    expect(contacts(11)).toEqual(contacts(11));
    const names = (seed: number) => new Set(contacts(seed).map((c) => c.fullName));
    const a = names(11);
    const shared = [...names(12)].filter((n) => a.has(n));
    expect(shared.length).toBeLessThan(a.size / 10);
    const firsts = (seed: number) => new Set(contacts(seed).map((c) => c.fullName!.split(' ')[0]));
    expect(firsts(11)).not.toEqual(firsts(12));
  });

  it('makes names, companies and job titles of the word lists', () => {
    const legal = LEGAL_ENTITY_TYPES.map((t) => t.replace('.', '\\.')).join('|');
    const surname = `(?:${SURNAMES.join('|')})`;
    const company = new RegExp(`^(?:${surname} y ${surname}|${surname}(?: ${surname})? (?:${legal})|${surname}, ${surname} y ${surname} Asociados)$`, 'u');
    const titles = new Set(JOB_DESCRIPTORS.flatMap((d) => JOB_AREAS.flatMap((a) => JOB_TYPES.map((t) => `${d} ${a} ${t}`))));
    for (const c of contacts(3)) {
      const [first, last1, last2, ...rest] = c.fullName!.split(' ');
      expect(rest).toEqual([]);
      expect(FIRST_NAMES).toContain(first);
      expect(SURNAMES).toContain(last1);
      expect(SURNAMES).toContain(last2);
      if (c.company) expect(c.company).toMatch(company);
      if (c.jobTitle) expect(titles.has(c.jobTitle), c.jobTitle).toBe(true);
    }
  });
});
