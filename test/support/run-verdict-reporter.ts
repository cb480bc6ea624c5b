// A vitest reporter that writes the run's own verdict (passed, failed or interrupted) and its
// unhandled errors to a JSON file. vitest's JSON and JUnit reports count tests but leave out the
// errors thrown outside any test (an unhandled rejection, a timer that throws), which fail a run;
// scripts/test-report.ts reads both files, so CI does not rest on the exit code alone.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

export default class RunVerdictReporter implements Reporter {
  constructor(private readonly options: { outputFile: string }) {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    mkdirSync(dirname(this.options.outputFile), { recursive: true });
    writeFileSync(
      this.options.outputFile,
      JSON.stringify({ reason, files: modules.length, unhandledErrors: unhandledErrors.map((e) => `${e.name ?? 'Error'}: ${e.message}`) }, null, 2),
    );
  }
}
