// How the repository's tests and scripts start a command line of src/: `node --import tsx
// src/…/cli.ts`, or, where ALLSIGN_CLI_BUILD names a transpiled copy of src/ (the test run makes one
// for all its files: test/support/cli-build.ts), `node <copy>/…/cli.js`. tsx's loader costs each
// process about half a second of CPU to start, and the tests start some hundred of them.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The environment variable naming the transpiled copy of src/ (a directory beside src/, same layout). */
export const CLI_BUILD_ENV = 'ALLSIGN_CLI_BUILD';

/** The command and its arguments that run this CLI of src/ with `args`: spawn(...cliCommand(…), options). */
export function cliCommand(entry: 'mock/cli' | 'conformance/cli', args: string[] = []): [string, string[]] {
  const build = process.env[CLI_BUILD_ENV];
  if (build) return [process.execPath, [join(build, `${entry}.js`), ...args]];
  return [process.execPath, ['--import', 'tsx', join(root, 'src', `${entry}.ts`), ...args]];
}
