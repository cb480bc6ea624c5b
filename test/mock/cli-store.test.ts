import { describe, expect, it } from 'vitest';
import { startMockProcess } from '../../scripts/mock-process.js';
import { parseCliOptions } from '../../src/mock/adapters/node/cli-options.js';

function stderrOf(run: () => unknown): string {
  let stderr = '';
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    expect(run).toThrow();
  } finally {
    process.stderr.write = write;
  }
  return stderr;
}

describe('allsign-mock store options', () => {
  it('keeps the state in memory unless told, in a directory with --data, on a server with --database-url', () => {
    expect(parseCliOptions([], {})).toMatchObject({ data: undefined, databaseUrl: undefined });
    expect(parseCliOptions(['--data', '/var/lib/allsign'], {}).data).toBe('/var/lib/allsign');
    expect(parseCliOptions([], { ALLSIGN_MOCK_DATA: '/data' }).data).toBe('/data');
    expect(parseCliOptions(['--database-url', 'postgres://u:p@db:5432/mock'], {}).databaseUrl).toBe('postgres://u:p@db:5432/mock');
    expect(parseCliOptions([], { DATABASE_URL: 'postgresql://db/mock' }).databaseUrl).toBe('postgresql://db/mock');
    // a flag wins over the environment, as everywhere else
    expect(parseCliOptions(['--data', '/flag'], { ALLSIGN_MOCK_DATA: '/env' }).data).toBe('/flag');
  });

  it('refuses two stores at once, and a URL that is not PostgreSQL, without echoing a password', () => {
    expect(stderrOf(() => parseCliOptions(['--data', '/d', '--database-url', 'postgres://db/x'], {}))).toMatch(/--data \(ALLSIGN_MOCK_DATA\) and --database-url \(DATABASE_URL\) are two stores/);
    expect(stderrOf(() => parseCliOptions([], { ALLSIGN_MOCK_DATA: '/d', DATABASE_URL: 'postgres://db/x' }))).toMatch(/are two stores/);
    const wrong = stderrOf(() => parseCliOptions(['--database-url', 'mysql://root:hunter2@db/x'], {}));
    expect(wrong).toMatch(/starts with postgres:\/\//);
    expect(wrong).not.toContain('hunter2');
  });

  it('says in the banner that the memory store forgets, and exits 2 naming a server it cannot reach', async () => {
    const memory = await startMockProcess(['-p', '0', '--contacts', '3']);
    expect(memory.output()).toMatch(/store: memory, seeded with 3 contacts per tenant \(gone when the process stops/);
    memory.child.kill('SIGTERM');
    expect(await memory.exited).toBe(0);
    // a host name that resolves nowhere fails at once (a server refusing connections is waited for a while)
    const refused = await startMockProcess(['-p', '0', '--database-url', 'postgres://u:secret@nowhere.invalid:5432/x']).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/exited \(2\)[\s\S]*cannot open the store/);
    expect(refused).not.toContain('secret');
  }, 60_000);
});
