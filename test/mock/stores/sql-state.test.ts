import request from 'supertest';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMockApp, DEFAULT_API_KEYS } from '../../../src/mock/index.js';
import { SqlRepository } from '../../../src/mock/stores/sql/sql-repository.js';
import { dropDatabases } from '../../support/postgres.js';
import { SQL_STORES } from '../../support/sql-stores.js';

// State in and out through /__admin on the database stores: what one exports another loads to the
// same state, a bad file loads nothing, a snapshot taken is the state restored.


const open: SqlRepository[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});
afterAll(dropDatabases);

describe.each(SQL_STORES)('%s store: state in and out through /__admin', (_name, driver) => {
  const app = async (contacts: number) => {
    const repository = new SqlRepository(await driver());
    open.push(repository);
    await repository.reset({ apiKeys: DEFAULT_API_KEYS, seed: 7, contactsPerTenant: contacts });
    return createMockApp({ repository, contacts });
  };
  const KEY = 'Bearer sk_test_demo_a';

  it('loads what another exported, to the same state; a bad file is a 422 naming the record, and loads nothing', async () => {
    const source = await app(15);
    await request(source).post('/v2/contacts').set('Authorization', KEY).send({ email: 'Mixta@Example.com', full_name: 'Ñandú Ødegaard', tags: ['x\u0000y'] }).expect(201);
    const exported = (await request(source).get('/__admin/export').expect(200)).body;

    const target = await app(0);
    const counts = (await request(target).get('/__admin/health')).body;
    const bad = structuredClone(exported);
    bad.tenants[0].contacts[3].email = 'not an email';
    const refused = await request(target).post('/__admin/fixtures').send(bad).expect(422);
    expect(refused.body.detail[0].loc).toEqual(['body', 'tenants', 0, 'contacts', 3, 'email']);
    expect((await request(target).get('/__admin/health')).body).toEqual({ ...counts, uptimeSeconds: expect.any(Number) });

    await request(target).post('/__admin/fixtures').send(exported).expect(200);
    expect((await request(target).get('/__admin/export').expect(200)).body).toEqual(exported);
    const found = await request(target).get('/v2/contacts?search=nandu').set('Authorization', KEY).expect(200);
    expect(found.body.data.map((c: { email: string }) => c.email)).toEqual(['Mixta@Example.com']);
    expect((await request(target).get(`/v2/contacts/${found.body.data[0].id}`).set('Authorization', KEY)).body.tags).toEqual(['x\u0000y']);
    await request(target).post('/v2/contacts').set('Authorization', KEY).send({ email: 'mixta@example.com' }).expect(409);
  });

  it('restores a snapshot to the state it was taken from', async () => {
    const mock = await app(10);
    const before = (await request(mock).get('/__admin/export')).body;
    await request(mock).post('/__admin/snapshots').send({ name: 'clean' }).expect(201);
    const { body } = await request(mock).get('/v2/contacts').set('Authorization', KEY);
    await request(mock).delete(`/v2/contacts/${body.data[0].id}`).set('Authorization', KEY).expect(200);
    await request(mock).post('/__admin/tenants').send({ tenant: 'worker-9', contacts: 3 }).expect(201);
    await request(mock).post('/__admin/snapshots/clean/restore').expect(200);
    expect((await request(mock).get('/__admin/export')).body).toEqual(before);
    expect((await request(mock).get('/__admin/snapshots')).body.snapshots).toMatchObject([{ name: 'clean', tenants: 2, contacts: 20 }]);
  });
});
