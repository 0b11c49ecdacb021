/**
 * Models in dispatch_models: a run trained on the demo district is stored ready with its version, what it learned
 * and its weights, and loaded back; the newest ready version is the one used; one run trains at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { DEMO_SEED } from '../../test/seeds.ts';
import { suggest } from './dispatch-model.rules.ts';
import { currentModel, listModels, startModelRow } from './model-store.ts';
import { trainDispatchModel } from './train-job.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDb(DEMO_SEED);
});
afterAll(async () => {
  await t?.close();
});

describe('dispatch models in the database', () => {
  it('a trained model is stored with its version and loaded back as it was trained', async () => {
    const now = new Date('2026-12-01T02:00:00Z');
    const v1 = await trainDispatchModel(t.db, { now });
    expect(v1).toBe(1);
    const [row] = await listModels(t.db);
    expect(row).toMatchObject({ version: 1, state: 'ready', progress: 1, stage: 'done' });
    expect(row!.examples.conditions).toBeGreaterThan(100);
    expect(row!.examples.taxonomy).toBeGreaterThan(100);
    const loaded = await currentModel(t.db, {}); // a fresh cache key: read from the database
    expect(loaded?.version).toBe(1);
    const s = suggest(loaded!.model, '路边污水井盖缺失', 1);
    expect(s[0]!.condition?.categoryName).toMatch(/污水井盖/);

    const v2 = await trainDispatchModel(t.db, { now });
    expect(v2).toBe(2);
    expect((await currentModel(t.db))?.version).toBe(2);
  });

  it('one run at a time: a second start while one trains is refused', async () => {
    const now = new Date();
    const v = await startModelRow(t.db, null, now);
    expect(v).toBe(3);
    expect(await startModelRow(t.db, null, now)).toBeNull();
    // A training row does not replace the ready model.
    expect((await currentModel(t.db))?.version).toBe(2);
  });
});
