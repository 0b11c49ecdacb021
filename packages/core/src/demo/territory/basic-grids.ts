/**
 * Basic grids (基础网格) of the demo district: the cells of one tiling grouped into the town-level units
 * (each a contiguous cluster around its centre, sized by its number of villages), then each town's cells
 * into its villages and communities (each at least one cell).
 */
import { shortDivisionName } from '../../territory/divisions.ts';
import type { Position } from '../../territory/geometry.ts';
import type { GridInput } from '../../territory/types.ts';
import { DISTRICT_CODE, toDivisionCode } from '../org-data.ts';
import type { SourceTown } from './demo-source.ts';
import { distinctNearest, growRegions, kMeans } from './partition.ts';
import { apportion, mulberry32, randInt } from './prng.ts';
import type { Tiling } from './tiling.ts';

const COS_LAT = Math.cos((31 * Math.PI) / 180);
/** Squared distance in a plane scaled for Wujiang's latitude; only used to compare. */
export const dist2 = (a: Position, b: Position) => ((a[0] - b[0]) * COS_LAT) ** 2 + (a[1] - b[1]) ** 2;
/** North to south, then west to east: the order people read a map in, used for numbering. */
export const byPosition = (a: Position, b: Position) => b[1] - a[1] || a[0] - b[0];
export const pad = (n: number, w: number) => String(n).padStart(w, '0');

export interface BasicPartition {
  grids: GridInput[];
  /** Cell indices of each town, in the order of the towns given. */
  townCells: number[][];
  /** Cell indices of each village, by village code. */
  villageCells: Map<string, number[]>;
}

/** Splits `cells` into k contiguous, equally sized groups around k-means centres; returns the groups. */
export function splitCells(tiling: Tiling, cells: number[], k: number, rng: () => number, centre?: Position): { centre: Position; cells: number[] }[] {
  const at = (c: number) => tiling.seeds[c];
  const centres = k === 1 ? [centre ?? at(cells[0])] : kMeans(cells.map(at), k, rng);
  const groupOf = growRegions({
    neighbours: tiling.neighbours,
    cells,
    starts: distinctNearest(centres, cells, at),
    targets: apportion(cells.length, centres.map(() => 1)),
    cost: (g, c) => dist2(at(c), centres[g]),
  });
  return centres.map((c, g) => ({ centre: c, cells: cells.filter((x) => groupOf.get(x) === g) }));
}

export function partitionBasicGrids(towns: SourceTown[], tiling: Tiling, seed: number): BasicPartition {
  const all = tiling.cells.map((_, i) => i);
  const at = (c: number) => tiling.seeds[c];
  const townOf = growRegions({
    neighbours: tiling.neighbours,
    cells: all,
    starts: distinctNearest(towns.map((t) => t.center), all, at),
    // Roughly in proportion to villages; the +3 gives the one-"village" development zones some room.
    targets: apportion(all.length, towns.map((t) => t.villages.length + 3)),
    cost: (r, c) => dist2(at(c), towns[r].center),
  });
  const rng = mulberry32(seed);
  const grids: GridInput[] = [];
  const townCells = towns.map((_, r) => all.filter((c) => townOf.get(c) === r));
  const villageCells = new Map<string, number[]>();
  towns.forEach((town, r) => {
    const cells = townCells[r];
    if (cells.length < town.villages.length) throw new Error(`demo: town ${town.code} got ${cells.length} cells for ${town.villages.length} villages`);
    // Communities (社区) take the groups nearest the town centre, villages (村) the outer ones.
    const groups = splitCells(tiling, cells, town.villages.length, rng, town.center).sort(
      (a, b) => dist2(a.centre, town.center) - dist2(b.centre, town.center),
    );
    const villages = [...town.villages].sort((a, b) => Number(a.kind === '村委会') - Number(b.kind === '村委会') || (a.code < b.code ? -1 : 1));
    villages.forEach((village, n) => {
      const mine = groups[n].cells.sort((a, b) => byPosition(at(a), at(b)));
      villageCells.set(village.code, mine);
      const short = village.kind === '虚拟社区' ? town.name : shortDivisionName(village.name);
      mine.forEach((c, s) => {
        const households = randInt(rng, 300, 500);
        grids.push({
          code: `${village.code}-${pad(s + 1, 2)}`,
          name: `${short}第${s + 1}网格`,
          kind: 'basic',
          specialty: null,
          level: 4,
          villageCode: village.code,
          townCode: toDivisionCode(town.code),
          districtCode: DISTRICT_CODE,
          households,
          // About three people a household, kept within the 1,000–1,500 a basic grid is sized for.
          population: Math.min(1500, Math.max(1000, households * 3 + randInt(rng, -60, 60))),
          enterprises: null,
          geometry: tiling.cells[c],
        });
      });
    });
  });
  grids.sort((a, b) => (a.code < b.code ? -1 : 1));
  return { grids, townCells, villageCells };
}
