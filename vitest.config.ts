import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // one PostgreSQL server per run, for the tests of the PostgreSQL store
    globalSetup: ['test/support/postgres-setup.ts'],
    // Prism and the container build run as child processes; give them room on a shared 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
