import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './test/support/long-first-sequencer.js';
import { testReports } from './test/support/test-reports.js';

const reports = testReports();

export default defineConfig({
  // the examples import the package by name, as an app would; here that name is the sources
  resolve: {
    alias: Object.fromEntries(
      Object.entries({ playwright: 'mock/adapters/playwright.ts', msw: 'mock/adapters/msw.ts', admin: 'admin-client/index.ts', 'mock/core': 'mock/core.ts' }).map(([name, file]) => [
        `allsign-v2-toolkit/${name}`,
        fileURLToPath(new URL(`./src/${file}`, import.meta.url)),
      ]),
    ),
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // one PostgreSQL server per run, for the tests of the PostgreSQL store; src/ transpiled once,
    // for the tests that start the CLIs as processes
    globalSetup: ['test/support/postgres-setup.ts', 'test/support/cli-build.ts'],
    // Prism and the container build run as child processes; give them room on a shared 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two files at a time (vitest's default on 2 cores is one): many files mostly wait on child
    // processes (PostgreSQL, Prism, WireMock, Chromium, the CLIs) while the other one computes.
    // Each worker is a process of its own (a pid each, as the stores' lock and template files
    // expect) that keeps the modules it loaded from one file to the next: a fresh process per file
    // re-imported the contract, ajv and the engine every time, over a second of CPU a file. So a
    // test file leaves nothing global behind: it closes what it starts and restores what it
    // patches (fetch under MSW, console, process.stderr, process.env).
    maxWorkers: 2,
    // the longest files first, also on a fresh clone (test/support/long-first-sequencer.ts)
    sequence: { sequencer: LongFirstSequencer },
    pool: 'forks',
    isolate: false,
    // besides the console, machine reports that CI reads (scripts/test-report.ts): vitest's JSON
    // (counts per test and file) and the run's verdict with its unhandled errors
    reporters: ['default', 'json', ['./test/support/run-verdict-reporter.ts', { outputFile: reports.verdict }]],
    outputFile: { json: reports.json },
  },
});
