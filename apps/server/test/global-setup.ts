/**
 * Vitest global setup of the database projects: builds the test seeds once per run for the project's engine
 * (a PGlite dump, a PostgreSQL template) instead of once per test file, and removes them afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareSeeds, type TestEngine } from '@liandong/db/testing.ts';
import { TEST_SEEDS } from '@liandong/core/test/seeds.ts';

type Prepared = Awaited<ReturnType<typeof prepareSeeds>>;
const state = globalThis as { liandongSeeds?: Map<TestEngine, Promise<Prepared>> };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = (project.config.env?.LIANDONG_TEST_DB ?? 'pglite') as TestEngine;
  state.liandongSeeds ??= new Map();
  let ready = state.liandongSeeds.get(engine);
  const owner = !ready;
  if (!ready) {
    const dir = mkdtempSync(join(tmpdir(), 'liandong-seeds-'));
    ready = prepareSeeds(engine, TEST_SEEDS, dir).then((p) => ({ ...p, dispose: async () => (await p.dispose(), rmSync(dir, { recursive: true, force: true })) }));
    state.liandongSeeds.set(engine, ready);
  }
  const p = await ready;
  process.env[p.env[0]] = p.env[1];
  return async () => {
    if (owner) await p.dispose();
  };
}
