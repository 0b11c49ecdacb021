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
const state = globalThis as { liandongSeeds?: Map<TestEngine, Promise<Prepared>>; liandongSeedUsers?: Map<TestEngine, number> };

const engineOf = (project: TestProject) => (project.config.env?.LIANDONG_TEST_DB ?? 'pglite') as TestEngine;

function prepare(engine: TestEngine): Promise<Prepared> {
  const dir = mkdtempSync(join(tmpdir(), 'liandong-seeds-'));
  return prepareSeeds(engine, TEST_SEEDS, dir).then((p) => ({ ...p, dispose: async () => (await p.dispose(), rmSync(dir, { recursive: true, force: true })) }));
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = engineOf(project);
  // The first project's setup starts every engine's seeds at once: PGlite's are built in this process, the
  // server's mostly by PostgreSQL, so they overlap on two cores instead of taking turns.
  if (!state.liandongSeeds) {
    state.liandongSeeds = new Map();
    const engines = new Set(project.vitest.projects.filter((p) => p.config.globalSetup.length).map(engineOf));
    for (const e of engines) state.liandongSeeds.set(e, prepare(e));
  }
  let ready = state.liandongSeeds.get(engine);
  if (!ready) state.liandongSeeds.set(engine, (ready = prepare(engine)));
  const users = (state.liandongSeedUsers ??= new Map());
  users.set(engine, (users.get(engine) ?? 0) + 1);
  const p = await ready;
  process.env[p.env[0]] = p.env[1];
  return async () => {
    // An engine's seeds are removed when the last project using them is done.
    users.set(engine, users.get(engine)! - 1);
    if (users.get(engine) === 0) await p.dispose();
  };
}
