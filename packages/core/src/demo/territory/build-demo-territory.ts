/**
 * The demo district, Wujiang (吴江区), built deterministically from its real outline and division tree:
 * 899 basic grids (基础网格, 四级网格) tiling the outline, grouped into the 14 town-level units and 310 villages
 * and communities, and 165 professional grids (专业网格), each specialty tiling the outline again. Above the
 * basic grids, the management grids of the four-level system (一级网格 the district, 二级 each town, 三级 each
 * village or community) carry the division's code and shape and nest the ones below (parentCode). The shapes
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
  /** 899 basic grids (by code), then 165 professional grids, then the 325 management grids (levels 1–3). */
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
  const divisions = divisionRows(towns, outline, tiling, townCells, villageCells);
  return {
    divisions,
    grids: [...grids, ...professional, ...managementGrids(divisions, grids)],
    outline,
  };
}

/** A basic grid of level 4: where orders and grid workers are (the management grids above it only group them). */
export const isWorkingGrid = (g: Pick<GridInput, 'kind' | 'level'>): boolean => g.kind === 'basic' && (g.level ?? 4) === 4;

/** The demo grids a point is looked up in, as the platform loads them (loadGridShapes: the finest basic grids, and the professional ones). */
export const lookupGrids = (t: Pick<DemoTerritory, 'grids'>): GridInput[] => t.grids.filter((g) => g.kind === 'professional' || isWorkingGrid(g));

const GRID_LEVEL_OF = { district: 1, town: 2, village: 3 } as const;

/**
 * 一级/二级/三级网格: the district, each town and each village as a grid with the division's code, name and shape,
 * its households and population the sum of the grids below; every basic grid gets its village's grid as parent.
 */
function managementGrids(divisions: readonly DivisionInput[], basic: GridInput[]): GridInput[] {
  const parentOf = new Map(divisions.map((d) => [d.code, d.parentCode]));
  const sums = new Map<string, { households: number; population: number }>();
  for (const g of basic) {
    g.parentCode = g.villageCode;
    for (const code of [g.villageCode, g.townCode, g.districtCode]) {
      if (!code) continue;
      const s = sums.get(code) ?? { households: 0, population: 0 };
      s.households += g.households ?? 0;
      s.population += g.population ?? 0;
      sums.set(code, s);
    }
  }
  const out: GridInput[] = [];
  for (const d of divisions) {
    if (!(d.level === 'district' || d.level === 'town' || d.level === 'village') || !d.geometry) continue;
    const level = GRID_LEVEL_OF[d.level];
    out.push({
      code: d.code,
      name: d.name,
      kind: 'basic',
      specialty: null,
      level,
      parentCode: level === 1 ? null : (parentOf.get(d.code) ?? null),
      villageCode: d.level === 'village' ? d.code : null,
      townCode: d.level === 'village' ? (parentOf.get(d.code) ?? null) : d.level === 'town' ? d.code : null,
      districtCode: DISTRICT_CODE,
      households: sums.get(d.code)?.households ?? 0,
      population: sums.get(d.code)?.population ?? 0,
      enterprises: null,
      geometry: d.geometry,
    });
  }
  return out;
}
