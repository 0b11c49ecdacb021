import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './vitest.sequencer.ts';

// Tiers: pure rule tests (unit), tests against a real migrated PostgreSQL (*.db.test.ts), HTTP API tests
// (apps/*/test) — these two on the embedded PGlite and again on the PostgreSQL server when
// TEST_DATABASE_URL is set — and browser journeys in Debian's Chromium (e2e/).
const dbTests = ['packages/*/src/**/*.db.test.ts', 'apps/*/src/**/*.db.test.ts', 'apps/*/test/**/*.test.ts'];
// Seeds (a migrated database, the demo district) built once per run and engine, cloned by each test file.
const SEEDS = 'apps/server/test/global-setup.ts';
// Test files of one project share a worker's module graph (isolate: false): the files clean up what they open,
// and restore-env.ts undoes their environment settings. Re-evaluating core, Fastify and PGlite for every file
// cost ~40 s of a run. VITEST_ISOLATE=1 isolates each file again (to hunt a leak between files).
const ISOLATE = process.env.VITEST_ISOLATE === '1';
const engines = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    // Two workers even on two cores: the database tiers mostly wait on PostgreSQL, PGlite and child processes.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          setupFiles: ['apps/server/test/restore-env.ts'],
          isolate: ISOLATE,
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          env: { LIANDONG_TEST_DB: 'pglite' },
          globalSetup: [SEEDS],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      ...engines.map((engine) => ({
        test: {
          name: engine,
          include: dbTests,
          env: { LIANDONG_TEST_DB: engine },
          globalSetup: [SEEDS],
          setupFiles: ['apps/server/test/restore-env.ts'],
          isolate: ISOLATE,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      })),
    ],
  },
});
