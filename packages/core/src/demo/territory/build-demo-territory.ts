/**
 * The demo district, Wujiang (吴江区), built deterministically from its real outline and division tree:
 * 899 basic grids (基础网格) tiling the outline, grouped into the 14 town-level units and 310 villages and
 * communities, and 165 professional grids (专业网格), each specialty tiling the outline again. The shapes
 * are invented (Voronoi cells); the names, codes and counts follow the real district.
 */
import { divisionKindFromName } from '../../territory/divisions.ts';
import type { AreaGeometry } from '../../territory/geometry.ts';
import type { DivisionInput, GridInput } from '../../territory/types.ts';
import { CITY_CODE, DISTRICT_CODE, PROVINCE_CODE, toDivisionCode } from '../org-data.ts';
import { dist2, partitionBasicGrids } from './basic-grids.ts';
import { loadWujiangOutline, loadWujiangTree, type SourceTown } from './demo-source.ts';
import { dissolve } from './dissolve.ts';
import { professionalGrids } from './professional-grids.ts';
import { mulberry32 } from './prng.ts';
import { sampleSeeds, voronoiTiling, type Density, type Tiling } from './tiling.ts';

export { DEMO_PROFESSIONAL_GRIDS } from './professional-grids.ts';
export const DEMO_BASIC_GRID_COUNT = 899;
export const DEMO_SEED = 20_240_509;

export interface DemoTerritory {
  /** Province, city, district, 14 towns, 310 villages; district, towns and villages with geometry. */
  divisions: DivisionInput[];
  /** 899 basic grids (by code), then 165 professional grids. */
  grids: GridInput[];
  /** The district outline, WGS-84. */
  outline: AreaGeometry;
}

/** Seeds crowd around town centres (towns with more villages crowd more) and thin out in the countryside. */
function townDensity(towns: SourceTown[], floor: number): Density {
  const sigma2 = 2 * 0.03 ** 2;
  return (lng, lat) => {
    let d = floor;
    for (const t of towns) d += (0.6 + t.villages.length / 20) * Math.exp(-dist2([lng, lat], t.center) / sigma2);
    return d;
  };
}

function divisionRows(towns: SourceTown[], outline: AreaGeometry, tiling: Tiling, townCells: number[][], villageCells: Map<string, number[]>): DivisionInput[] {
  const shape = (cells: number[]) => dissolve(cells.map((c) => tiling.cells[c]));
  const rows: DivisionInput[] = [
    { code: PROVINCE_CODE, name: '江苏省', level: 'province', parentCode: null, kind: '省' },
    { code: CITY_CODE, name: '苏州市', level: 'city', parentCode: PROVINCE_CODE, kind: '市' },
    { code: DISTRICT_CODE, name: '吴江区', level: 'district', parentCode: CITY_CODE, kind: '区', geometry: outline },
  ];
  towns.forEach((t, r) => {
    const code = toDivisionCode(t.code);
    // 开发区, 度假区 and the silk market are "similar to township" units (类似乡级单位) in the NBS list.
    const kind = divisionKindFromName(t.name) ?? '类似乡级单位';
    rows.push({ code, name: t.name, level: 'town', parentCode: DISTRICT_CODE, kind, geometry: shape(townCells[r]) });
    for (const v of t.villages) {
      rows.push({ code: v.code, name: v.name, level: 'village', parentCode: code, kind: v.kind, geometry: shape(villageCells.get(v.code)!) });
    }
  });
  return rows;
}

export function buildDemoTerritory(opts: { seed?: number } = {}): DemoTerritory {
  const seed = opts.seed ?? DEMO_SEED;
  const { towns } = loadWujiangTree();
  const outline = loadWujiangOutline();
  const seeds = sampleSeeds(outline, DEMO_BASIC_GRID_COUNT, townDensity(towns, 0.35), mulberry32(seed));
  const tiling = voronoiTiling(seeds, outline);
  const { grids, townCells, villageCells } = partitionBasicGrids(towns, tiling, seed + 1);
  const professional = professionalGrids(towns, tiling, townCells, seed + 2);
  return {
    divisions: divisionRows(towns, outline, tiling, townCells, villageCells),
    grids: [...grids, ...professional],
    outline,
  };
}
