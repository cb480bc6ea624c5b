// Vitest global setup: src/ transpiled once (esbuild, as tsx would each time, no type check) into a
// directory beside it, for the tests that start the CLIs as processes (scripts/cli-command.ts). A
// copy at the same depth as src/ finds what src/ finds: the contracts, dist/reference-ui and
// node_modules by the same relative paths. Removed at the end of the run.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_BUILD_ENV } from '../../scripts/cli-command.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(): Promise<() => void> {
  const src = join(root, 'src');
  const out = join(root, `.cli-build-${process.pid}`);
  const entryPoints = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(src, file));
  await build({ entryPoints, outdir: out, outbase: src, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  // the workers are started after this: they and every process they start inherit it
  process.env[CLI_BUILD_ENV] = out;
  return () => rmSync(out, { recursive: true, force: true });
}
