import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestSpecification, Vitest } from 'vitest/node';
import { expect, it } from 'vitest';
import { LONG_FILES, LongFirstSequencer } from '../support/long-first-sequencer.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('names files that exist (a renamed one would silently start late again)', () => {
  for (const file of LONG_FILES) expect(existsSync(join(root, file)), file).toBe(true);
});

it('starts the long files first, longest first, and leaves the order of the others to vitest', async () => {
  // a fresh clone: no durations cached, so vitest orders by size, largest first
  const sizes: Record<string, number> = { 'test/a.test.ts': 900, 'test/b.test.ts': 500, [LONG_FILES[2]!]: 100, [LONG_FILES[0]!]: 50, 'test/c.test.ts': 700 };
  const ctx = {
    config: { root },
    cache: { getFileTestResults: () => undefined, getFileStats: (key: string) => ({ size: sizes[key.slice(1)]! }) },
  } as unknown as Vitest;
  const spec = (file: string) => ({ project: { name: '' }, moduleId: join(root, file) }) as unknown as TestSpecification;
  const sorted = await new LongFirstSequencer(ctx).sort(Object.keys(sizes).map(spec));
  expect(sorted.map((s) => s.moduleId.slice(root.length))).toEqual([LONG_FILES[0], LONG_FILES[2], 'test/a.test.ts', 'test/c.test.ts', 'test/b.test.ts']);
});
