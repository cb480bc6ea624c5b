// Vitest global setup: src/ transpiled once (esbuild, as tsx would each time, no type check) into a
// directory beside it, for the tests that start the CLIs as processes (scripts/cli-command.ts). A
// copy at the same depth as src/ finds what src/ finds: the contracts, dist/reference-ui and
// node_modules by the same relative paths. Made again before each rerun in watch mode (an edited
// file must not be tested as it was), removed at the end of the run, or by the next run when this
// one was killed first.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { CLI_BUILD_ENV } from '../../scripts/cli-command.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Copies left by runs that were killed before their teardown (their process is gone). */
function removeOrphans(): void {
  for (const name of readdirSync(root)) {
    const pid = Number(/^\.cli-build-(\d+)$/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      // EPERM: alive, another user's
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(root, name), { recursive: true, force: true });
    }
  }
}

async function transpile(src: string, out: string): Promise<void> {
  const entryPoints = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(src, file));
  // a file removed from src/ leaves no copy behind
  rmSync(out, { recursive: true, force: true });
  await build({ entryPoints, outdir: out, outbase: src, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
}

export default async function setup(project: TestProject): Promise<() => void> {
  const src = join(root, 'src');
  const out = join(root, `.cli-build-${process.pid}`);
  removeOrphans();
  await transpile(src, out);
  project.onTestsRerun(() => transpile(src, out));
  // the workers are started after this: they and every process they start inherit it
  process.env[CLI_BUILD_ENV] = out;
  return () => rmSync(out, { recursive: true, force: true });
}
