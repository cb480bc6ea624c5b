import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startMockProcess } from '../../scripts/mock-process.js';
import { KEY_A, createContact, mockApi } from './helpers.js';
import { cliCommand } from '../../scripts/cli-command.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('throwaway tenants', () => {
  it('a tenant with a fresh key, isolated, seeded when asked, removed with all it holds', async () => {
    const api = mockApi({ contacts: 2 });
    const made = await api.call('post', '/__admin/tenants', { body: { contacts: 5 } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ tenant: expect.stringMatching(/^t-[0-9a-f]{12}$/), apiKey: expect.stringMatching(/^sk_test_[0-9a-f]{24}$/), contacts: 5 });
    const key = made.body.apiKey as string;
    expect((await api.call('get', '/v2/contacts', { key })).body.total).toBe(5);
    await createContact(api, { email: 'worker@example.com' }, key);
    expect((await api.call('get', '/v2/contacts?search=worker', { key: KEY_A })).body.total).toBe(0);
    const named = await api.call('post', '/__admin/tenants', { body: { tenant: 'worker-2', email: 'lead@worker.example.com' } });
    expect(named.body).toMatchObject({ tenant: 'worker-2', email: 'lead@worker.example.com', contacts: 0 });
    expect((await api.call('post', '/__admin/tenants', { body: { tenant: 'worker-2' } })).status).toBe(409);
    expect((await api.call('post', '/__admin/tenants', { body: { tenant: 'bad name!' } })).body.detail[0].loc).toEqual(['body', 'tenant']);
    expect((await api.call('post', '/__admin/tenants', { body: { contacts: 10_001 } })).body.detail[0].loc).toEqual(['body', 'contacts']);
    expect((await api.call('get', '/__admin/tenants')).body.map((t: { tenant: string }) => t.tenant)).toEqual(['demo-a', 'demo-b', made.body.tenant, 'worker-2']);
    expect((await api.call('delete', `/__admin/tenants/${made.body.tenant}`)).body).toEqual({ deleted: made.body.tenant });
    expect((await api.call('get', '/v2/contacts', { key })).status).toBe(401);
    expect((await api.call('delete', `/__admin/tenants/${made.body.tenant}`)).status).toBe(404);
  });

  it('resets one tenant and leaves the others; a full reset removes throwaway tenants', async () => {
    const api = mockApi({ contacts: 3 });
    const before = (await api.call('get', '/v2/contacts')).body;
    await createContact(api, { email: 'a-extra@example.com' });
    await createContact(api, { email: 'b-extra@example.com' }, 'sk_test_demo_b');
    expect((await api.call('post', '/__admin/tenants/demo-a/reset')).body).toEqual({ status: 'reset', tenant: 'demo-a', contacts: 3 });
    expect((await api.call('get', '/v2/contacts')).body).toEqual(before);
    expect((await api.call('get', '/v2/contacts', { key: 'sk_test_demo_b' })).body.total).toBe(4);
    const tmp = (await api.call('post', '/__admin/tenants', { body: {} })).body;
    await api.call('post', '/__admin/reset');
    expect((await api.call('get', '/v2/contacts', { key: tmp.apiKey })).status).toBe(401);
    expect((await api.call('post', '/__admin/tenants/nobody/reset')).status).toBe(404);
  });
});

describe('state in and out', () => {
  it('exports a state that loads into a fresh mock as it was', async () => {
    const a = mockApi({ contacts: 4 });
    const c = await createContact(a, { email: 'cf@example.com', full_name: 'Con Campos' });
    await a.call('patch', `/v2/contacts/${c.id}/custom-fields`, { body: { set: { RFC: 'X1' } } });
    await a.call('post', '/v2/documents', { body: { name: 'Contrato', participants: [{ email: 'firma@example.com', name: 'Firma' }] } });
    const exported = (await a.call('get', '/__admin/export')).body;
    const b = mockApi({ contacts: 0 });
    const loaded = await b.call('post', '/__admin/fixtures', { body: exported });
    expect(loaded.status).toBe(200);
    expect(loaded.body.loaded).toMatchObject({ tenants: 2, contacts: 10 });
    expect((await b.call('get', '/v2/contacts?pageSize=100')).body).toEqual((await a.call('get', '/v2/contacts?pageSize=100')).body);
    expect((await b.call('get', `/v2/contacts/${c.id}`)).body).toEqual((await a.call('get', `/v2/contacts/${c.id}`)).body);
  });

  it('loads a hand-written fixture with defaults, and refuses a bad one naming each record, loading nothing', async () => {
    const api = mockApi({ contacts: 0 });
    const fixture = {
      tenants: [
        {
          tenant: 'acme',
          apiKeys: [{ key: 'sk_acme_fixture', email: 'admin@acme.example.com' }],
          contacts: [{ email: 'Ana@Acme.example.com', fullName: 'Ana', tags: ['vip'], createdAt: '2024-11-23T15:30:00Z' }],
          documents: [{ name: 'NDA', participants: [{ email: 'ana@acme.example.com', name: 'Ana' }, { email: 'new@acme.example.com', name: 'New' }] }],
        },
      ],
    };
    expect((await api.call('post', '/__admin/fixtures', { body: fixture })).body.loaded).toEqual({ tenants: 1, contacts: 2, documents: 1, users: 1 });
    const list = (await api.call('get', '/v2/contacts', { key: 'sk_acme_fixture' })).body;
    expect(list.data.map((c: { email: string; source: string; documentsCount: number }) => [c.email, c.source, c.documentsCount])).toEqual([
      ['new@acme.example.com', 'invitation', 1],
      ['Ana@Acme.example.com', 'api', 1],
    ]);
    // dates come back as every store gives them: UTC with milliseconds
    const ana = (await api.call('get', `/v2/contacts/${list.data[1].id}`, { key: 'sk_acme_fixture' })).body;
    expect([ana.createdAt, ana.updatedAt]).toEqual(['2024-11-23T15:30:00.000Z', '2024-11-23T15:30:00.000Z']);
    const bad = {
      tenants: [
        { tenant: 'good', apiKeys: [{ key: 'sk_good_fixture', email: 'a@good.example.com' }], contacts: [{ email: 'x@example.com' }] },
        {
          tenant: 'broken',
          apiKeys: [{ key: 'sk_test_demo_a', email: 'b@broken.example.com' }],
          contacts: [{ email: 'dup@example.com' }, { email: 'DUP@example.com' }, { email: 'not an email' }],
          documents: [{ name: 'D', sendByWhatsapp: true, participants: [{ email: 'p@example.com', name: 'P' }] }],
        },
      ],
    };
    const refused = await api.call('post', '/__admin/fixtures', { body: bad });
    expect(refused.status).toBe(422);
    expect(refused.body.detail.map((d: { loc: (string | number)[] }) => d.loc.join('.'))).toEqual(['body.tenants.1.contacts.2.email']);
    const semantic = await api.call('post', '/__admin/fixtures', { body: { tenants: [bad.tenants[0], { ...bad.tenants[1], contacts: bad.tenants[1]!.contacts!.slice(0, 2) }] } });
    expect(semantic.body.detail.map((d: { loc: (string | number)[] }) => d.loc.join('.'))).toEqual([
      'body.tenants.1.apiKeys.0.key',
      'body.tenants.1.contacts.1.email',
      'body.tenants.1.documents.0.participants.0.whatsapp',
    ]);
    // nothing of the good tenant either
    expect((await api.call('get', '/v2/contacts', { key: 'sk_good_fixture' })).status).toBe(401);
  });

  it('snapshots: save, change things, restore in one call', async () => {
    const api = mockApi({ contacts: 3 });
    expect((await api.call('post', '/__admin/snapshots', { body: { name: 'start' } })).body).toMatchObject({ name: 'start', contacts: 6 });
    const before = (await api.call('get', '/v2/contacts')).body;
    await createContact(api, { email: 'temp@example.com' });
    expect((await api.call('post', '/__admin/snapshots/start/restore')).body).toMatchObject({ status: 'restored', snapshot: 'start', contacts: 6 });
    expect((await api.call('get', '/v2/contacts')).body).toEqual(before);
    expect((await api.call('get', '/__admin/snapshots')).body.snapshots.map((s: { name: string }) => s.name)).toEqual(['start']);
    expect((await api.call('post', '/__admin/snapshots', { body: { name: '../etc' } })).status).toBe(422);
    expect((await api.call('post', '/__admin/snapshots/nope/restore')).status).toBe(404);
    expect((await api.call('delete', '/__admin/snapshots/start')).body).toEqual({ deleted: 'start' });
  });
});

describe('the journal, filtered', () => {
  it('by tenant, by operation and by time, so a test can assert the calls its page made', async () => {
    const api = mockApi();
    await createContact(api, { email: 'one@example.com' });
    await api.call('get', '/v2/contacts', { key: 'sk_test_demo_b' });
    // times are in milliseconds: the mark must fall strictly between the calls
    await new Promise((r) => setTimeout(r, 5));
    const mark = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await api.call('get', '/v2/contacts?pageSize=1');
    const byTenant = (await api.call('get', '/__admin/requests?tenant=demo-b')).body.requests;
    expect(byTenant.map((r: { url: string; tenant: string }) => `${r.tenant} ${r.url}`)).toEqual(['demo-b /v2/contacts']);
    const byOperation = (await api.call('get', '/__admin/requests?operation=createContact')).body.requests;
    expect(byOperation).toEqual([expect.objectContaining({ method: 'POST', operationId: 'createContact', body: { email: 'one@example.com' } })]);
    const since = (await api.call('get', `/__admin/requests?since=${encodeURIComponent(mark)}`)).body.requests;
    expect(since.map((r: { url: string }) => r.url)).toEqual(['/v2/contacts?pageSize=1']);
    expect((await api.call('get', '/__admin/requests?operation=nope')).body.detail[0].loc).toEqual(['query', 'operation']);
    expect((await api.call('get', '/__admin/requests?since=yesterday')).body.detail[0].loc).toEqual(['query', 'since']);
  });
});

describe('--fixtures FILE', () => {
  it('loads at start; a bad file is one line per problem and exit 2, nothing served', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allsign-fixtures-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ tenants: [{ tenant: 'acme', apiKeys: [{ key: 'sk_acme_fixture', email: 'admin@acme.example.com' }], contacts: [{ email: 'ana@acme.example.com' }] }] }));
    const mock = await startMockProcess(['--port', '0', '--contacts', '0', '--fixtures', good]);
    try {
      expect(mock.output()).toMatch(/loaded .*good\.json: 1 tenants, 1 contacts/);
      const res = await fetch(`${mock.url}/v2/contacts`, { headers: { authorization: 'Bearer sk_acme_fixture' } });
      expect(((await res.json()) as { total: number }).total).toBe(1);
    } finally {
      mock.child.kill('SIGTERM');
      await mock.exited;
    }
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ tenants: [{ tenant: 'acme', apiKeys: [{ key: 'sk_acme_fixture', email: 'admin@acme.example.com' }], contacts: [{ email: 'nope' }, { fullName: 'No Email' }] }] }));
    for (const [file, message] of [
      [bad, /tenants\[0\]\.contacts\[0\]\.email: value is not a valid email address\n.*tenants\[0\]\.contacts\[1\]\.email: Field required/],
      [join(dir, 'missing.json'), /cannot read the fixtures .*missing\.json/],
    ] as const) {
      const child = spawn(...cliCommand('mock/cli', ['--port', '0', '--fixtures', file]), { cwd: root });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
      expect(stderr).toMatch(message);
    }
  }, 60_000);
});
