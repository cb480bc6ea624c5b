import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startMockProcess } from '../../scripts/mock-process.js';
import { parseCliOptions } from '../../src/mock/adapters/node/cli-options.js';
import { cliCommand } from '../../scripts/cli-command.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('allsign-mock options', () => {
  it('has the documented defaults', () => {
    expect(parseCliOptions([], {})).toEqual({
      port: 4010,
      host: '127.0.0.1',
      apiKeys: [
        { tenant: 'demo-a', key: 'sk_test_demo_a', email: 'owner@demo-a.example.com' },
        { tenant: 'demo-b', key: 'sk_test_demo_b', email: 'owner@demo-b.example.com' },
      ],
      seed: 20261124,
      contacts: 40,
      latency: { min: 0, max: 0 },
      adminToken: undefined,
      adminOrigins: [],
      maxTenantMb: 256,
      fixtures: undefined,
      data: undefined,
      databaseUrl: undefined,
      databaseWaitSeconds: 30,
      logFormat: 'human',
    });
  });

  it('reads flags', () => {
    const o = parseCliOptions(['-p', '0', '--host', '0.0.0.0', '--api-key', 'acme:k1:boss@acme.com', '--api-key', 'beta:k2', '--seed', '7', '--contacts', '0', '--latency', '50-300', '--admin-token', 't', '--admin-origin', 'http://localhost:5173', '--admin-origin', 'https://app.example.com/', '--max-tenant-mb', '64']);
    expect(o).toEqual({
      port: 0,
      host: '0.0.0.0',
      apiKeys: [
        { tenant: 'acme', key: 'k1', email: 'boss@acme.com' },
        { tenant: 'beta', key: 'k2', email: 'owner@beta.example.com' },
      ],
      seed: 7,
      contacts: 0,
      latency: { min: 50, max: 300 },
      adminToken: 't',
      adminOrigins: ['http://localhost:5173', 'https://app.example.com'],
      maxTenantMb: 64,
      fixtures: undefined,
      data: undefined,
      databaseUrl: undefined,
      databaseWaitSeconds: 30,
      logFormat: 'human',
    });
  });

  it('reads the environment, flags winning', () => {
    const env = { PORT: '5000', HOST: '0.0.0.0', ALLSIGN_MOCK_API_KEYS: 'a:ka, b:kb:x@b.com', ALLSIGN_MOCK_SEED: '3', ALLSIGN_MOCK_CONTACTS: '9', ALLSIGN_MOCK_LATENCY: '25', ALLSIGN_MOCK_ADMIN_TOKEN: 'tok', ALLSIGN_MOCK_ADMIN_ORIGINS: 'http://a.example, http://b.example:8080', ALLSIGN_MOCK_LOG_FORMAT: 'json' };
    const o = parseCliOptions(['--contacts', '1'], env);
    expect(o).toMatchObject({ port: 5000, host: '0.0.0.0', seed: 3, contacts: 1, latency: { min: 25, max: 25 }, adminToken: 'tok', adminOrigins: ['http://a.example', 'http://b.example:8080'], logFormat: 'json' });
    expect(parseCliOptions(['--log-format', 'human'], env).logFormat).toBe('human');
    expect(o.apiKeys.map((k) => `${k.tenant}:${k.key}:${k.email}`)).toEqual(['a:ka:owner@a.example.com', 'b:kb:x@b.com']);
  });

  it.each([
    [['--port', '70000'], /--port must be a whole number/],
    [['--contacts', '-3'], /--contacts/],
    [['--api-key', 'justonepart'], /TENANT:KEY/],
    [['--api-key', 'a:k:not-an-email'], /not an email/],
    [['--latency', '300-50'], /latency/],
    [['--api-key', 'a:k', '--api-key', 'b:k'], /given twice/],
    [['--bogus'], /unknown option/],
    [['--admin-origin', 'http://localhost:5173/app'], /an origin is SCHEME/],
    [['--admin-origin', 'localhost:5173'], /an origin is SCHEME/],
    [['--log-format', 'xml'], /--log-format.*xml.*human, json/s],
  ])('rejects %o naming the problem', (argv, message) => {
    let stderr = '';
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
    try {
      expect(() => parseCliOptions(argv, {})).toThrow();
    } finally {
      process.stderr.write = write;
    }
    expect(stderr).toMatch(message);
  });

  it('rejects a bad environment value naming the variable', () => {
    const write = process.stderr.write;
    let stderr = '';
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
    try {
      expect(() => parseCliOptions([], { ALLSIGN_MOCK_API_KEYS: 'oops' })).toThrow();
      expect(() => parseCliOptions([], { ALLSIGN_MOCK_LATENCY: 'fast' })).toThrow();
    } finally {
      process.stderr.write = write;
    }
    expect(stderr).toMatch(/ALLSIGN_MOCK_API_KEYS/);
    expect(stderr).toMatch(/ALLSIGN_MOCK_LATENCY/);
  });
});

describe('allsign-mock process', () => {
  it('starts on a free port, prints URL and keys, answers health, exits 0 on SIGTERM', async () => {
    const mock = await startMockProcess(['--port', '0', '--contacts', '3']);
    expect(mock.output()).toMatch(/Bearer sk_test_demo_a/);
    expect(mock.output()).toMatch(/\/docs/);
    const health = await fetch(`${mock.url}/__admin/health`);
    expect(health.status).toBe(200);
    await fetch(`${mock.url}/v2/contacts?pageSize=2`, { headers: { authorization: 'Bearer sk_test_demo_a' } });
    // request lines are written in batches: the line shows within the flush interval
    const line = /GET \/v2\/contacts\?pageSize=2 200 [\d.]+ms demo-a/;
    for (let i = 0; i < 40 && !line.test(mock.output()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(mock.output()).toMatch(line);
    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
  }, 30_000);

  it('a port in use or an address it cannot bind: one line, exit 2', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    const port = (taken.address() as AddressInfo).port;
    try {
      for (const args of [['--port', String(port)], ['--port', '0', '--host', '192.0.2.1']]) {
        const child = spawn(...cliCommand('mock/cli', ['--contacts', '0', ...args]), { cwd: root });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        const code = await new Promise((resolve) => child.on('exit', resolve));
        expect(code).toBe(2);
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr).toMatch(/^allsign-mock: cannot listen on .*(EADDRINUSE|EADDRNOTAVAIL)/);
      }
    } finally {
      taken.close();
    }
  }, 30_000);

  it('on SIGTERM answers the requests in flight, then exits 0', async () => {
    const mock = await startMockProcess(['--port', '0', '--contacts', '1', '--latency', '700']);
    const inFlight = fetch(`${mock.url}/v2/contacts`, { headers: { authorization: 'Bearer sk_test_demo_a' } });
    await new Promise((r) => setTimeout(r, 200));
    mock.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(1);
    expect(await mock.exited).toBe(0);
    expect(mock.output()).toMatch(/SIGTERM received/);
  }, 30_000);

  it('stops on SIGTERM even when nobody reads its output (a stuck log pipe)', async () => {
    const child = spawn(...cliCommand('mock/cli', ['--port', '0', '--contacts', '0']), { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    const url = await new Promise<string>((resolve) => {
      let out = '';
      const onData = (d: Buffer) => {
        out += d;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (!m) return;
        // from here on nothing reads the pipe: the child's request lines fill it
        child.stdout!.off('data', onData);
        child.stdout!.pause();
        resolve(m[1]!);
      };
      child.stdout!.on('data', onData);
    });
    const long = 'x'.repeat(1500);
    for (let i = 0; i < 150; i++) {
      await Promise.all(Array.from({ length: 10 }, () => fetch(`${url}/v2/contacts?search=${long}`, { headers: { authorization: 'Bearer sk_test_demo_a' } }).then((r) => r.arrayBuffer())));
    }
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const started = Date.now();
    child.kill('SIGTERM');
    const timeout = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000));
    const result = await Promise.race([exited, timeout]);
    if (result === 'hung') child.kill('SIGKILL');
    expect(result).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 60_000);

  it('exits 2 on bad usage and 0 on --help', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(...cliCommand('mock/cli', args), { cwd: root });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('exit', (code) => resolve({ code, out }));
      });
    const bad = await run(['--latency', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/latency/);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--port', '--host', '--api-key', '--seed', '--contacts', '--latency', '--admin-token', 'ALLSIGN_MOCK_API_KEYS']) expect(help.out).toContain(flag);
  }, 30_000);
});
