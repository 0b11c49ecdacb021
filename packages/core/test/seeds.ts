/**
 * The seeds tests start from, built once per test run (vitest global setup) and cloned into each test's database:
 * `demo-district` is the demo district without its history (the stories and HTTP tests).
 */
import type { TestSeed } from '@liandong/db/testing.ts';
import { loadDemoDistrict } from '../src/demo/index.ts';

/** The password of every demo account in tests. */
export const DEMO_PASSWORD = 'demo-pass-123';

export const DEMO_SEED: TestSeed = {
  key: 'demo-district',
  run: async (db) => {
    await loadDemoDistrict(db, { password: DEMO_PASSWORD, components: 500 });
  },
};

export const TEST_SEEDS: readonly TestSeed[] = [DEMO_SEED];
