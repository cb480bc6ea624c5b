import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take 8 seconds or more (measured on 2 cores, longest first): they start first.
 * Vitest orders files by the last run's durations, which a fresh clone has none of, and then by
 * size; these spawn whole programs from small files, so they came last and left one worker waiting
 * alone for the longest of them at the end of the run.
 */
export const LONG_FILES = [
  'test/bench/smoke.test.ts',
  'test/package/pack.test.ts',
  'test/conformance/alternatives.test.ts',
  'test/mock/stores/pglite.test.ts',
  'test/mock/stores/outages.test.ts',
  'test/mock/stores/fuzz-sql.test.ts',
  'test/mock/stores/processes.test.ts',
  'test/conformance/generation-variants.test.ts',
  'test/mock/fuzz.test.ts',
];

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const i = LONG_FILES.findIndex((long) => file.moduleId.endsWith(`/${long}`));
      return i < 0 ? LONG_FILES.length : i;
    };
    // a stable sort: the rest keep vitest's own order
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
