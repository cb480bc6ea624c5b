import express from 'express';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allDecisions, catalogue } from '../../src/conformance/index.js';
import { loadContract } from '../../src/contract/index.js';
import { DeleteDoesNotDelete } from './broken-mocks.js';
import { freshRepository, KEY_A, KEY_B, leftovers, startMock } from './helpers.js';
import { cliCommand } from '../../scripts/cli-command.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(...cliCommand('conformance/cli', args), {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('allsign-conformance', () => {
  it('exits 0 against the mock, prints progress and the summary line, and leaves nothing behind', async () => {
    const mock = await startMock();
    try {
      const run = await cli(['--base-url', mock.baseUrl, '--api-key', KEY_A, '--api-key-b', KEY_B, '--key-owner-email', 'Owner@Demo-A.example.com']);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/contacts\.bulk-create\.idempotent-by-email/);
      expect(run.stdout).toMatch(/^✓ generic\.response-schema-conformance — /m);
      // the coverage table: a row per operation, each declared status with the answers seen (409 needs a
      // finished document, which only a control plane can make, so the suite cannot reach it)
      expect(run.stdout).toMatch(/^coverage: \d+ of \d+ declared statuses exercised/m);
      expect(run.stdout).toMatch(/^ {2}removeDocumentParticipant +200:[1-9]\d* 401:[1-9]\d* 404:[1-9]\d* 409:- 422:[1-9]\d* default:-$/m);
      expect(run.stdout).toMatch(/^inferred decisions: \d+ agreed, 0 contradicted, \d+ not exercised \(of \d+ x-inferred in the contract\)$/m);
      expect(run.stdout).toMatch(/^ {2}agreed {8}#\/paths\/~1v2~1documents~1\{document_id\}~1participants\/post\/responses\/200 /m);
      expect(run.stdout).toMatch(/^generated up to 10 requests per operation from seed \d+ \(--seed \d+ draws the same ones\)$/m);
      const lines = run.stdout.trim().split('\n');
      expect(lines.at(-2)).toBe('0 warned (not gating: they rest on x-inferred decisions; --strict fails them)');
      expect(lines.at(-1)).toMatch(/^\d+ passed, 0 failed, 0 skipped$/);
      const runId = /run (cf[0-9a-z]+)/.exec(run.stdout)?.[1];
      expect(runId, run.stdout).toBeTruthy();
      expect(await leftovers(mock.mock, runId!)).toEqual([]);
    } finally {
      await mock.close();
    }
  }, 60_000);

  it('exits 1 naming the failed check, with request, response and expectation', async () => {
    const repository = freshRepository();
    const mock = await startMock({ repository, decorateService: (inner) => new DeleteDoesNotDelete(inner, repository) });
    try {
      const run = await cli(['--only', 'contacts.delete'], { ALLSIGN_BASE_URL: mock.baseUrl, ALLSIGN_API_KEY: KEY_A });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toMatch(/contacts\.delete\.deletes/);
      expect(run.stdout).toMatch(/before:\n.*POST \/v2\/contacts → 201\n.*DELETE \/v2\/contacts\/[0-9a-f-]+ → 200/);
      expect(run.stdout).toMatch(/why: GET after delete: expected a 4xx, got 200/);
      expect(run.stdout).toMatch(/request: GET \/v2\/contacts\/[0-9a-f-]+\n\s+response: 200 application\/json/);
      expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 1 failed, 0 skipped$/);
    } finally {
      await mock.close();
    }
  }, 60_000);

  it('writes a JUnit file with a testcase per check, the coverage and the inferred decisions, and JSON to stdout when no file is given', async () => {
    const mock = await startMock();
    const dir = mkdtempSync(join(tmpdir(), 'allsign-conformance-'));
    try {
      const file = join(dir, 'report.xml');
      const junit = await cli(['--base-url', mock.baseUrl, '--api-key', KEY_A, '--read-only', '--seed', '7', '--reporter', 'junit', '--output', file]);
      expect(junit.code, junit.stderr).toBe(0);
      const xml = readFileSync(file, 'utf8');
      expect(xml).toMatch(/^<\?xml/);
      const suites = xml.split(/<testsuite /).slice(1);
      expect(suites).toHaveLength(3);
      const [checks, coverage, decisions] = suites.map((suite) => suite.match(/<testcase /g)?.length ?? 0);
      const reported = catalogue().filter((e) => e.id !== 'cleanup.nothing-left'); // --read-only created nothing to clean up
      expect(checks).toBe(reported.length);
      expect(suites[0]!.match(/<skipped\b/g)?.length).toBe(reported.filter((c) => c.creates).length);
      expect(xml).not.toMatch(/<failure\b/);
      expect(xml).toMatch(/<property name="seed" value="7"\/>/);
      expect(coverage).toBe(loadContract().operations.length);
      expect(suites[1]).toMatch(/name="status\.200" value="[1-9]\d*"/);
      expect(decisions).toBe(allDecisions().length);
      expect(suites[2]).toMatch(/<property name="verdict" value="agreed"\/>/);

      const json = await cli(['--base-url', mock.baseUrl, '--api-key', KEY_A, '--read-only', '--generate', '0', '--reporter', 'json']);
      expect(json.code, json.stderr).toBe(0);
      const summary = JSON.parse(json.stdout);
      expect(summary.results.length).toBe(checks);
      expect(summary.failed).toBe(0);
      expect(summary.coverage).toHaveLength(loadContract().operations.length);
      expect(summary.decisions.map((d: { pointer: string }) => d.pointer)).toEqual(allDecisions().map((d) => d.pointer));
      expect(json.stderr).toMatch(/passed, 0 failed/);
    } finally {
      await mock.close();
    }
  }, 60_000);

  it('exits 2 on bad usage or an unreachable target, before running anything', async () => {
    const closed = await startMock();
    await closed.close();
    const mock = await startMock({ wrap: (app) => express().use('/api', app) });
    // each run is its own process: they go at once
    const usage = (...args: string[]) => cli(['--base-url', 'http://127.0.0.1:9', '--api-key', KEY_A, ...args]);
    const [missing, unreachable, elsewhere, query, badGenerate, unknown, badReporter, badOwner] = await Promise.all([
      cli(['--api-key', KEY_A]),
      cli(['--base-url', closed.baseUrl, '--api-key', KEY_A]),
      cli(['--base-url', mock.baseUrl, '--api-key', KEY_A]).finally(() => mock.close()),
      cli(['--base-url', 'http://127.0.0.1:9/api?x=1', '--api-key', KEY_A]),
      usage('--generate', '-1'),
      usage('--only', 'nope.nothing'),
      usage('--reporter', 'xml'),
      usage('--key-owner-email', 'nobody'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--base-url/);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^allsign-conformance: cannot reach http:\/\/127\.0\.0\.1:\d+: connection refused .*is the server running/)]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stdout).toBe('');
    expect(elsewhere.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^allsign-conformance: this does not look like an AllSign v2 API: GET .*\/v2\/contacts\?pageSize=1 answered 404/)]);
    expect(query.code).toBe(2);
    expect(query.stderr).toMatch(/--base-url must not carry a query or a fragment/);
    expect(badGenerate.code).toBe(2);
    expect(badGenerate.stderr).toMatch(/--generate must be a whole number of at least 0/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no check matches nope\.nothing/);
    expect(badReporter.code).toBe(2);
    expect(badOwner.code).toBe(2);
    expect(badOwner.stderr).toMatch(/--key-owner-email must be an email address/);
  }, 60_000);

  it('lists every check in one consistent row each, and shows help with exit 0', async () => {
    const [list, help] = await Promise.all([cli(['--list']), cli(['--help'])]);
    expect(list.code).toBe(0);
    const rows = list.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows.map((r) => r[0])).toEqual(catalogue().map((e) => e.id));
    for (const row of rows) {
      expect(row, row.join(' | ')).toHaveLength(6);
      expect(row.slice(1, 5).join(' ')).toMatch(/^(hand-written|generic|run) (documented|inferred) (positive|negative|response) (creates|read-only)$/);
    }
    expect(list.stdout).toMatch(/^contacts\.custom-fields\.remove-after-set\thand-written\tdocumented\tpositive\tcreates\t/m);
    expect(list.stdout).toMatch(/^generic\.not-a-server-error\tgeneric\tdocumented\tresponse\tread-only\t/m);
    expect(list.stdout).toMatch(/^cleanup\.nothing-left\trun\t/m);
    expect(help.code).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    for (const flag of ['--read-only', '--generate', '--seed', '--strict', '--list', 'id, origin, provenance, kind, data, title']) expect(text).toContain(flag);
  }, 60_000);
});
