import { defineConfig } from 'vitest/config';

// Three tiers: pure rule tests (unit), tests against a real migrated PostgreSQL (db: *.db.test.ts) and
// HTTP API tests (*.api.test.ts). The db and api tiers run on the embedded PGlite, and again on the
// PostgreSQL server when TEST_DATABASE_URL is set.
const dbTests = ['packages/*/src/**/*.db.test.ts', 'apps/*/src/**/*.db.test.ts', 'apps/*/test/**/*.test.ts'];
const engines = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
        },
      },
      ...engines.map((engine) => ({
        test: {
          name: engine,
          include: dbTests,
          env: { LIANDONG_TEST_DB: engine },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      })),
    ],
  },
});
