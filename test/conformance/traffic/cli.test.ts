import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, upstream, type Listening } from './helpers.js';
import { cliCommand } from '../../../scripts/cli-command.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const SECRET_KEY = 'sk_live_Zq8vX3secretkey';
const COOKIE = 'sessionvalue-very-secret';
const ADMIN = 'admin-token-very-secret';
const QUERY_SECRET = 'query-secret-value';
const EMAIL = 'maria.lopez@cliente.mx';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): { child: ChildProcess; done: Promise<Run>; ready: Promise<string> } {
  const child = spawn(...cliCommand('conformance/cli', args), { cwd: root, env: { PATH: process.env.PATH } });
  let stdout = '';
  let stderr = '';
  let announce: (url: string) => void;
  const ready = new Promise<string>((resolve) => (announce = resolve));
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => {
    stderr += d;
    const m = /proxy on (http:\/\/\S+)/.exec(stderr);
    if (m) announce(m[1]!);
  });
  const done = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, done, ready };
}

/** An upstream that echoes what it was sent (the key too, as an admin route would) beside a contact with a documented fault. */
let drifting: Listening;
beforeAll(async () => {
  drifting = await upstream((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url!.startsWith('/v2/contacts/autocomplete')) return json(res, 200, [{ id: '00000000-0000-4000-8000-000000000001', email: EMAIL, fullName: 'María López', company: null }]);
      // a list page without its total: a documented field missing
      json(res, 200, { data: [], page: 1, pageSize: 25, echo: { authorization: req.headers.authorization, body } });
    });
  });
}, 30_000);
afterAll(async () => drifting?.close());

async function traffic(url: string) {
  const headers = { authorization: `Bearer ${SECRET_KEY}`, cookie: `session=${COOKIE}; theme=dark`, 'x-admin-token': ADMIN };
  await fetch(`${url}/v2/contacts?api_key=${QUERY_SECRET}`, { headers });
  await fetch(`${url}/v2/contacts/autocomplete?q=${encodeURIComponent(EMAIL)}`, { headers });
  const report = await (await fetch(`${url}/__proxy/report`)).text();
  return report;
}

describe('allsign-conformance proxy, as a process', () => {
  it('on SIGTERM prints the report and exits 1 on a documented finding; no secret reaches any output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allsign-proxy-cli-'));
    const run = start(['proxy', '--upstream', drifting.url, '--port', '0', '--record', join(dir, 'rec.har'), '--reporter', 'json', '--output', join(dir, 'report.json'), '--redact', 'pii', '--quiet']);
    const url = await run.ready;
    const live = await traffic(url);
    writeFileSync(join(dir, 'live-report.json'), live);
    run.child.kill('SIGTERM');
    const result = await run.done;
    writeFileSync(join(dir, 'stdout.txt'), result.stdout);
    writeFileSync(join(dir, 'stderr.txt'), result.stderr);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/--fail-on documented: 1 matching finding \(exit 1\)/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.findings.map((g: { field: string; provenance: string }) => `${g.provenance} ${g.field}`)).toContain('documented response.body/total');
    // every file the run wrote, and what it printed: no secret, no email, no name
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const secret of [SECRET_KEY, COOKIE, ADMIN, QUERY_SECRET, EMAIL, 'María López']) expect(text, `${file} holds ${secret}`).not.toContain(secret);
    }
    const har = JSON.parse(readFileSync(join(dir, 'rec.har'), 'utf8'));
    const auth = har.log.entries.map((e: { request: { headers: { name: string; value: string }[] } }) => e.request.headers.find((h) => h.name === 'authorization')?.value);
    // the same key, the same placeholder: a recording still replays
    expect(new Set(auth).size).toBe(1);
    expect(auth[0]).toMatch(/^Bearer redacted-[0-9a-f]{16}$/);
  }, 60_000);

  it('exits 0 with --fail-on none, and 2 when the port is taken', async () => {
    const first = start(['proxy', '--upstream', drifting.url, '--port', '0', '--fail-on', 'none', '--quiet']);
    const url = await first.ready;
    await traffic(url);
    const second = start(['proxy', '--upstream', drifting.url, '--port', new URL(url).port]);
    const taken = await second.done;
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/port \d+ on 127\.0\.0\.1 is in use/);
    first.child.kill('SIGINT');
    expect((await first.done).code).toBe(0);
  }, 60_000);

  it('validates a HAR offline with the same exit codes, and refuses what is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allsign-har-cli-'));
    const entry = (url: string, status: number, body: unknown) => ({
      startedDateTime: '2026-01-01T00:00:00.000Z',
      time: 1,
      request: { method: 'GET', url, headers: [{ name: 'authorization', value: `Bearer ${SECRET_KEY}` }] },
      response: { status, headers: [{ name: 'content-type', value: 'application/json' }], content: { mimeType: 'application/json', text: JSON.stringify(body) } },
    });
    writeFileSync(join(dir, 'bad.har'), JSON.stringify({ log: { version: '1.2', entries: [entry('https://staging.example.com/api/v2/contacts', 200, { data: [], page: 1, pageSize: 25 }), entry('https://cdn.example.com/app.js', 200, 'x')] } }));
    writeFileSync(join(dir, 'not.har'), '{"hello": [1, 2');
    const bad = await start(['har', join(dir, 'bad.har')]).done;
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/2 exchanges, 1 judged, skipped: 1 not the API/);
    expect(bad.stdout).not.toContain(SECRET_KEY);
    const broken = await start(['har', join(dir, 'not.har')]).done;
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/not\.har is not valid JSON/);
    const missing = await start(['har', join(dir, 'nope.har')]).done;
    expect(missing.stderr).toMatch(/nope\.har: no such file/);
  }, 60_000);

  it('refuses a bad option with one line naming it and exit 2, never a stack trace', async () => {
    const runs = await Promise.all([
      start(['proxy', '--upstream', drifting.url, '--port', '70000']).done,
      start(['proxy', '--upstream', 'ftp://staging.example.com']).done,
      start(['replay', 'any.har', '--base-url', 'http://127.0.0.1:4010/?x=1']).done,
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(runs[0]!.stderr).toMatch(/--port must be a whole number from 0 to 65535, got "70000"/);
    expect(runs[1]!.stderr).toMatch(/--upstream must be an http\(s\) URL, got "ftp:\/\/staging\.example\.com"/);
    expect(runs[2]!.stderr).toMatch(/--base-url must not carry a query or a fragment/);
    for (const run of runs) expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});
