/**
 * 网格属性维护: an administrator corrects a grid's name and its base figures (households, population, enterprises).
 * Its outline comes from a grid file (grid-files.ts); its workers are the grid workers whose data scope names it
 * (用户管理). The territory version moves, so every process's index and map layers show the new name.
 */
import type { Db } from '@liandong/db';
import type { GridPatch, GridView } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { notFound } from '../shared/errors.ts';
import { gridView } from './grid-view.ts';
import { bumpTerritoryVersion } from './territory.repository.ts';

const COLUMNS: Record<keyof GridPatch, string> = { name: 'name', households: 'households', population: 'population', enterprises: 'enterprises' };

export async function updateGrid(db: Db, actor: Actor, code: string, patch: GridPatch): Promise<GridView> {
  assertMay(actor, 'territory.manage');
  return db.transaction(async (tx) => {
    const params: unknown[] = [code];
    const sets = ['updated_at = now()'];
    for (const [key, column] of Object.entries(COLUMNS) as [keyof GridPatch, string][]) {
      const value = patch[key];
      if (value === undefined) continue;
      params.push(typeof value === 'string' ? value.trim() : value);
      sets.push(`${column} = $${params.length}`);
    }
    const r = await tx.query(`update grids set ${sets.join(', ')} where code = $1 returning id`, params);
    if (!r.rows.length) throw notFound({ zh: '网格', en: 'Grid' });
    await bumpTerritoryVersion(tx);
    return gridView(tx, actor, code);
  });
}
