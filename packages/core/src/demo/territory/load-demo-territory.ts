/**
 * Loads the demo territory (divisions and grids) at first start. Components come later, from the
 * caller, once units exist (insertDemoComponents).
 */
import type { Db } from '@liandong/db';
import { upsertDivisions, upsertGrids } from '../../territory/territory.repository.ts';
import { buildDemoTerritory, type DemoTerritory } from './build-demo-territory.ts';

export interface LoadDemoTerritoryResult {
  territory: DemoTerritory;
  divisions: number;
  grids: number;
  buildMs: number;
  insertMs: number;
}

export type DemoProgress = (done: number, total: number, phase: 'build' | 'divisions' | 'grids') => void;

export async function loadDemoTerritory(db: Db, onProgress?: DemoProgress): Promise<LoadDemoTerritoryResult> {
  const t0 = performance.now();
  onProgress?.(0, 1, 'build');
  const territory = buildDemoTerritory();
  const t1 = performance.now();
  onProgress?.(1, 1, 'build');
  await db.transaction(async (tx) => {
    await upsertDivisions(tx, territory.divisions, { onProgress: (d, t) => onProgress?.(d, t, 'divisions') });
    await upsertGrids(tx, territory.grids, { onProgress: (d, t) => onProgress?.(d, t, 'grids') });
  });
  return {
    territory,
    divisions: territory.divisions.length,
    grids: territory.grids.length,
    buildMs: Math.round(t1 - t0),
    insertMs: Math.round(performance.now() - t1),
  };
}
