import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockApp, MemoryRepository, type ApiKeySpec, type Repository, type SeedOptions } from '../../src/mock/index.js';
import { openServer } from '../../src/mock/stores/sql/pg-driver.js';
import { SqlRepository } from '../../src/mock/stores/sql/sql-repository.js';
import { RepositoryDecorator } from '../support/decorators.js';
import { dropDatabases, freshDatabase } from '../support/postgres.js';

// A request whose key was checked just before its tenant was deleted (on this replica or another)
// reaches the store for a tenant that is gone: it is answered as the state then says, a 401 for a
// write that would bring the tenant back, a 404 for what is no longer there; never a 500.

const KEY = { tenant: 'doomed', key: 'sk_doomed_123456', email: 'boss@doomed.example.com' };
const SEED: SeedOptions = { apiKeys: [KEY], seed: 1, contactsPerTenant: 2 };

/** The store as a request sees it in the race: the key is found, and the tenant deleted before the request goes on. */
class DeletedAfterAuth extends RepositoryDecorator {
  constructor(
    inner: Repository,
    private readonly deleteTenant_: () => Promise<unknown>,
  ) {
    super(inner);
  }
  override authenticate = async (key: string): Promise<ApiKeySpec | undefined> => {
    const found = await this.inner.authenticate(key);
    await this.deleteTenant_();
    return found;
  };
}

const closing: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closing.splice(0)) await close();
  await dropDatabases();
});

const stores: [string, () => Promise<{ replica: Repository; other: Repository }>][] = [
  ['memory, one process', async () => {
    const repository = new MemoryRepository(SEED);
    return { replica: repository, other: repository };
  }],
  ['PostgreSQL, deleted by another replica', async () => {
    const url = await freshDatabase();
    const [replica, other] = [new SqlRepository(openServer(url)), new SqlRepository(openServer(url))];
    closing.push(() => replica.close(), () => other.close());
    await replica.cacheKeys();
    await other.reset(SEED);
    return { replica, other };
  }],
];

describe.each(stores)('a request racing the deletion of its tenant (%s)', (_name, open) => {
  it('is a 401 or a 404, as the state says, for every kind of request', async () => {
    const { replica, other } = await open();
    const [first] = (await replica.listContacts(KEY.tenant, { page: 1, pageSize: 1 })).rows;
    const id = first!.contact.id;
    const cases: [string, string, unknown, number][] = [
      ['post', '/v2/contacts', { email: 'late@example.com' }, 401],
      ['post', '/v2/contacts/bulk', { contacts: [{ email: 'late2@example.com' }] }, 401],
      ['post', '/v2/documents', { name: 'Tarde', participants: [{ email: 'late3@example.com', name: 'Tarde' }] }, 401],
      ['get', `/v2/contacts/${id}`, undefined, 404],
      ['put', `/v2/contacts/${id}`, { full_name: 'Tarde' }, 404],
      ['patch', `/v2/contacts/${id}/custom-fields`, { set: { a: 1 } }, 404],
      ['delete', `/v2/contacts/${id}`, undefined, 404],
    ];
    for (const [method, path, body, status] of cases) {
      // the tenant and its key made again for each request, then deleted while the request is under way
      await other.reset(SEED);
      const app = createMockApp({ repository: new DeletedAfterAuth(replica, () => other.deleteTenant(KEY.tenant)) });
      let req = request(app)[method as 'post'](path).set('Authorization', `Bearer ${KEY.key}`);
      if (body !== undefined) req = req.send(body as object);
      const res = await req;
      expect({ method, path, status: res.status, detail: res.body.detail }).toEqual({ method, path, status, detail: status === 401 ? 'Invalid API key' : 'Contact not found' });
    }
    // and nothing was written for it
    expect((await other.counts()).contacts).toBe(0);
  });
});
