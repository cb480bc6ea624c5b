import { describe, expect, it } from 'vitest';
import { MemoryRepository } from '../../../src/mock/index.js';
import { draft, runRepositoryContract } from '../../support/repository-contract.js';

runRepositoryContract('memory', async (seed) => new MemoryRepository(seed));

describe('memory store: its own structures stay bounded', () => {
  it('renames do not grow the word index: it holds the live words only', async () => {
    const repo = new MemoryRepository({ apiKeys: [{ tenant: 't', key: 'k', email: 'o@t.example.com' }], seed: 1, contactsPerTenant: 0 });
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await repo.insertContact('t', draft('t', `c${i}@example.com`, { fullName: `Nombre${i} Apellido` }))).contact.id);
    const before = repo.indexSizes().t!;
    for (let round = 0; round < 50; round++) {
      for (const [i, id] of ids.entries()) await repo.updateContact('t', id, () => ({ fullName: `Nombre${i}r${round} Apellido${round}` }));
    }
    const after = repo.indexSizes().t!;
    expect(after.entries).toBe(before.entries);
    expect(after.words).toBeLessThanOrEqual(before.words + 1);
    expect((await repo.autocomplete('t', ['nombre7r49'], 5)).map((c) => c.email)).toEqual(['c7@example.com']);
    expect(await repo.autocomplete('t', ['nombre7r48'], 5)).toEqual([]);
  });

  it('deleted contacts leave dead entries that are dropped once they are a quarter of the index', async () => {
    const repo = new MemoryRepository({ apiKeys: [{ tenant: 't', key: 'k', email: 'o@t.example.com' }], seed: 1, contactsPerTenant: 3000 });
    const rows = (await repo.listContacts('t', { page: 1, pageSize: 3000 })).rows;
    const full = repo.indexSizes().t!.entries;
    for (const { contact } of rows.slice(0, 2000)) await repo.deleteContact('t', contact.id);
    const { entries, dead } = repo.indexSizes().t!;
    expect(entries).toBeLessThan(full / 2);
    expect(dead * 4).toBeLessThanOrEqual(entries + 4096);
  });
});
