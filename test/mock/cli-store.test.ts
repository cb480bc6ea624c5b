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

  it('waits 30 s for a database server unless told: --database-wait or ALLSIGN_MOCK_DATABASE_WAIT, in whole seconds, 0 for not at all', () => {
    expect(parseCliOptions([], {}).databaseWaitSeconds).toBe(30);
    expect(parseCliOptions(['--database-wait', '0'], {}).databaseWaitSeconds).toBe(0);
    expect(parseCliOptions([], { ALLSIGN_MOCK_DATABASE_WAIT: '120' }).databaseWaitSeconds).toBe(120);
    expect(parseCliOptions(['--database-wait', '5'], { ALLSIGN_MOCK_DATABASE_WAIT: '120' }).databaseWaitSeconds).toBe(5);
    for (const wrong of ['-1', '1.5', 'soon', '3601']) expect(stderrOf(() => parseCliOptions(['--database-wait', wrong], {}))).toMatch(/--database-wait must be a whole number from 0 to 3600/);
  });

  it('says in the banner that the memory store forgets, and exits 2 naming a server it cannot reach, after the wait it was given', async () => {
    const failure = (args: string[]) =>
      startMockProcess(['-p', '0', '--database-url', 'postgres://u:secret@nowhere.invalid:5432/x', ...args]).then(
        () => 'started',
        (error: Error) => error.message,
      );
    // a host name that resolves nowhere is an outage like a server refusing connections: a replica
    // started beside its database waits for it, as long as --database-wait says
    const [memory, atOnce, waited] = await Promise.all([startMockProcess(['-p', '0', '--contacts', '3']), failure(['--database-wait', '0']), failure(['--database-wait', '1'])]);
    expect(memory.output()).toMatch(/store: memory, seeded with 3 contacts per tenant \(gone when the process stops/);
    memory.child.kill('SIGTERM');
    expect(await memory.exited).toBe(0);

    for (const refused of [atOnce, waited]) {
      expect(refused).toMatch(/exited \(2\)[\s\S]*cannot open the store/);
      expect(refused).not.toContain('secret');
    }
    const waits = (output: string) => output.match(/waiting for PostgreSQL at postgres:\/\/u:\*\*\*@nowhere\.invalid:5432\/x: /g)?.length ?? 0;
    expect(waits(atOnce)).toBe(0);
    // a try when it starts and one a second until the wait is over: one or two said they wait
    // (a timer may fire a millisecond early), never more
    expect(waits(waited)).toBeGreaterThanOrEqual(1);
    expect(waits(waited)).toBeLessThanOrEqual(2);
  });
});
