import { describe, expect, it } from 'vitest';
import type { ContactRecord } from '../../src/mock/port/records.js';
import { fold } from '../../src/mock/port/text.js';
import { Prng } from '../../src/mock/seed/prng.js';
import { addToGroups, type WordGroups } from '../../src/mock/stores/memory/word-groups.js';
import { MemoryRepository } from '../../src/mock/stores/memory/memory-repository.js';
import { SortedWords } from '../../src/mock/stores/memory/sorted-words.js';
import { WordIndex } from '../../src/mock/stores/memory/word-index.js';

const randomWord = (prng: Prng) => Array.from({ length: 1 + prng.int(6) }, () => 'abcdefghij'[prng.int(10)]).join('');

describe('SortedWords', () => {
  it('stays sorted through thousands of inserts (chunks split) and finds from any start', () => {
    const prng = new Prng(7);
    const initial = [...new Set(Array.from({ length: 3000 }, () => randomWord(prng)))].sort();
    const set = SortedWords.from(initial);
    const model = new Set(initial);
    for (let i = 0; i < 5000; i++) {
      const w = randomWord(prng) + 'x';
      if (model.has(w)) continue;
      model.add(w);
      set.insert(w);
    }
    const sorted = [...model].sort();
    expect([...set.from('')]).toEqual(sorted);
    for (const start of ['a', 'ccx', 'j', 'jjjjjjjz', 'e']) expect([...set.from(start)]).toEqual(sorted.filter((w) => w >= start));
  });

  it('deletes words, also emptying and dropping chunks, and stays sorted', () => {
    const prng = new Prng(11);
    const words = [...new Set(Array.from({ length: 4000 }, () => randomWord(prng)))].sort();
    const set = SortedWords.from(words);
    const model = new Set(words);
    for (const w of words) {
      if (!prng.chance(0.7)) continue;
      set.delete(w);
      model.delete(w);
    }
    set.delete('not-there');
    expect([...set.from('')]).toEqual([...model].sort());
    for (const w of [...model]) set.delete(w);
    expect([...set.from('')]).toEqual([]);
    set.insert('again');
    expect([...set.from('')]).toEqual(['again']);
  });

  it('works from empty', () => {
    const set = new SortedWords();
    expect([...set.from('a')]).toEqual([]);
    for (const w of ['m', 'b', 'z', 'a']) set.insert(w);
    expect([...set.from('b')]).toEqual(['b', 'm', 'z']);
  });
});

describe('WordIndex', () => {
  const contact = (seq: number) => ({ id: `c${seq}`, seq }) as ContactRecord;

  it('yields prefix matches in word order, oldest first, skipping the dead, and compacts', () => {
    const live = new Set<ContactRecord>();
    const index = new WordIndex((ref) => live.has(ref));
    const groups: WordGroups = new Map();
    const seeded = Array.from({ length: 3000 }, (_, i) => contact(i));
    for (const c of seeded) {
      live.add(c);
      addToGroups(groups, c.seq % 2 ? 'garcia' : 'garza', c);
      addToGroups(groups, `gar${c.seq}`, c);
    }
    index.load(groups);
    const added = contact(5000);
    live.add(added);
    index.add('garcia', added);
    index.add('gara', added);
    const first = [...index.matching('gar')].slice(0, 3);
    expect(first).toEqual([seeded[0], seeded[1], seeded[10]]); // gar0 < gar1 < gar10 < … < gara
    expect([...index.matching('gara')]).toEqual([added]);
    expect([...index.matching('garcia')].at(-1)).toBe(added);
    for (const c of seeded.slice(0, 2000)) {
      live.delete(c);
      index.forgot(2);
    }
    const rest = [...index.matching('garz')];
    expect(rest).toEqual(seeded.slice(2000).filter((c) => c.seq % 2 === 0));
    expect([...index.matching('gar')].filter((c) => c === added)).toHaveLength(2);
  });
});

describe('search through the n-gram signatures', () => {
  it('finds exactly what a plain scan finds, after inserts, updates and deletes', async () => {
    const repo = new MemoryRepository({ apiKeys: [{ tenant: 't', key: 'k', email: 'o@t.example.com' }], seed: 3, contactsPerTenant: 3000 });
    const all = async () => (await repo.listContacts('t', { page: 1, pageSize: 1_000_000 })).rows.map((r) => r.contact);
    const seeded = await all();
    await repo.updateContact('t', seeded.at(-1)!.id, () => ({ company: 'Zapatería Ñandú' }));
    for (const c of seeded.slice(10, 400)) await repo.deleteContact('t', c.id);
    const now = new Date().toISOString();
    await repo.insertContact('t', { id: 'n1', tenant: 't', email: 'nueva@example.com', emailKey: 'nueva@example.com', fullName: 'Ximena Ñúñez', phone: null, company: null, jobTitle: null, notes: null, tags: [], customFields: null, source: 'api', createdAt: now, updatedAt: now });
    const live = await all();
    const plain = (needle: string) => live.filter((c) => fold(`${c.fullName ?? ''}\u0001${c.email}\u0001${c.company ?? ''}`).includes(fold(needle))).length;
    for (const needle of ['a', 'ma', 'garcia', 'zapateria nandu', 'nunez', 'example.com', '@t.', 'zzqx', 'ia r', '1@']) {
      expect((await repo.listContacts('t', { page: 1, pageSize: 1, search: fold(needle) })).total, needle).toBe(plain(needle));
    }
  });
});
