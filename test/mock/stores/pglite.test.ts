import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedInMemory } from '../../../src/mock/stores/sql/pglite-driver.js';
import { SqlRepository } from '../../../src/mock/stores/sql/sql-repository.js';
import { draft, runRepositoryContract } from '../../support/repository-contract.js';

const open: SqlRepository[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

runRepositoryContract('embedded (PGlite)', async (seed) => {
  const repository = new SqlRepository(await openEmbeddedInMemory());
  open.push(repository);
  // as the CLI runs it: keys kept in memory, forgotten on every change heard of
  await repository.cacheKeys();
  await repository.reset(seed);
  return repository;
});

describe('embedded (PGlite) store: reads answered from memory', () => {
  it('never answers a read after a write, of any kind, with what was read before it', async () => {
    const driver = await openEmbeddedInMemory();
    const repository = new SqlRepository(driver);
    open.push(repository);
    await repository.reset({ apiKeys: [{ tenant: 't', key: 'k', email: 'o@t.example.com' }], seed: 1, contactsPerTenant: 3 });
    const page = () => repository.listContacts('t', { page: 1, pageSize: 10 });
    const first = await page();
    expect(await page()).toEqual(first);
    const { contact } = await repository.insertContact('t', draft('t', 'new@example.com', { fullName: 'Nueva' }));
    expect((await page()).total).toBe(4);
    await repository.updateContact('t', contact.id, () => ({ fullName: 'Cambiada' }));
    expect((await repository.getContact('t', contact.id))!.fullName).toBe('Cambiada');
    expect((await page()).rows[0]!.contact.fullName).toBe('Cambiada');
    await repository.setVerified('new@example.com', true);
    expect((await page()).rows[0]!.identityVerified).toBe(true);
    await repository.deleteContact('t', contact.id);
    expect((await page()).total).toBe(3);
    await driver.exec(`DELETE FROM contacts`);
    expect((await page()).total).toBe(0);
  });
});
