/**
 * Professional grids (专业网格) of the demo district. Each specialty tiles the whole district again with
 * its own, larger grids; like real ones they follow basic-grid borders and stay within one town, so a
 * professional grid is a dissolved group of basic cells.
 */
import { SPECIALTIES, SPECIALTY_NAMES, type GridInput, type Specialty } from '../../territory/types.ts';
import { DISTRICT_CODE, toDivisionCode } from '../org-data.ts';
import { byPosition, pad, splitCells } from './basic-grids.ts';
import type { SourceTown } from './demo-source.ts';
import { dissolve } from './dissolve.ts';
import { apportion, mulberry32, randInt } from './prng.ts';
import type { Tiling } from './tiling.ts';

export const DEMO_PROFESSIONAL_GRIDS: Record<Specialty, { count: number; prefix: string }> = {
  work_safety: { count: 60, prefix: 'AQ' }, // 安全
  fire: { count: 40, prefix: 'XF' }, // 消防
  environment: { count: 40, prefix: 'HB' }, // 环保
  labour: { count: 25, prefix: 'LD' }, // 劳动
};

export function professionalGrids(towns: SourceTown[], tiling: Tiling, townCells: number[][], seed: number): GridInput[] {
  return SPECIALTIES.flatMap((specialty, s) => {
    const { count, prefix } = DEMO_PROFESSIONAL_GRIDS[specialty];
    const rng = mulberry32(seed + 101 * (s + 1));
    // Every town gets at least one grid of each specialty; the rest go by size (about 80 enterprises each).
    const extra = apportion(count - towns.length, townCells.map((c) => c.length));
    let i = 0;
    return towns.flatMap((town, r) => {
      const k = Math.min(1 + extra[r], townCells[r].length);
      const groups = splitCells(tiling, townCells[r], k, rng, town.center)
        .filter((g) => g.cells.length > 0)
        .sort((a, b) => byPosition(a.centre, b.centre));
      return groups.map((g, n): GridInput => ({
        code: `ZY-${prefix}-${pad(++i, 3)}`,
        name: `${town.name}${SPECIALTY_NAMES[specialty].zh}第${n + 1}专业网格`,
        kind: 'professional',
        specialty,
        level: 4,
        villageCode: null,
        townCode: toDivisionCode(town.code),
        districtCode: DISTRICT_CODE,
        households: null,
        population: null,
        enterprises: randInt(rng, 60, 100),
        geometry: dissolve(g.cells.map((c) => tiling.cells[c])),
      }));
    });
  });
}
