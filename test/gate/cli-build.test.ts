import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { CLI_BUILD_ENV, cliCommand } from '../../scripts/cli-command.js';

// The tests start the CLIs from a copy of src/ transpiled once for the run (test/support/cli-build.ts):
// the whole of src/, at the depth of src/, and what they start is that copy.

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

it('the run has a transpiled copy of every file of src/, beside it', () => {
  const copy = process.env[CLI_BUILD_ENV]!;
  expect(copy, `${CLI_BUILD_ENV} is set by the global setup`).toBeTruthy();
  expect(relative(root, copy)).toMatch(/^\.cli-build-\d+$/);
  const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  expect(sources.filter((f) => !existsSync(join(copy, f.replace(/\.ts$/, '.js'))))).toEqual([]);
});

it('the CLIs start from it, and from src/ through tsx without it', async () => {
  const [node, args] = cliCommand('mock/cli', ['--help']);
  expect(args[0]).toBe(join(process.env[CLI_BUILD_ENV]!, 'mock/cli.js'));
  expect((await run(node, args)).stdout).toMatch(/^Usage: allsign-mock/m);
  const saved = process.env[CLI_BUILD_ENV];
  delete process.env[CLI_BUILD_ENV];
  try {
    expect(cliCommand('conformance/cli', ['--list'])[1]).toEqual(['--import', 'tsx', join(root, 'src/conformance/cli.ts'), '--list']);
  } finally {
    process.env[CLI_BUILD_ENV] = saved;
  }
});
