import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { beforeAll, describe, expect, it } from 'vitest';
import Flatbush from 'flatbush';
import { geometryBBox, INSIDE, pointInPrepared, prepareGeometry, type AreaGeometry } from '../../territory/geometry.ts';
import { TerritoryIndex } from '../../territory/territory-index.ts';
import { SPECIALTIES } from '../../territory/types.ts';
import { buildDemoTerritory, DEMO_PROFESSIONAL_GRIDS, isWorkingGrid, lookupGrids, type DemoTerritory } from './build-demo-territory.ts';
import { loadWujiangTree } from './demo-source.ts';
import { geometryArea } from './dissolve.ts';
import { mulberry32 } from './prng.ts';

let demo: DemoTerritory;
const basic = () => demo.grids.filter(isWorkingGrid);

beforeAll(() => {
  demo = buildDemoTerritory();
}, 30_000);

describe('demo territory (Wujiang)', () => {
  it('has 899 basic grids and 165 professional grids (60/40/40/25) with unique, well-formed codes', () => {
    expect(basic()).toHaveLength(899);
    for (const s of SPECIALTIES) {
      expect(demo.grids.filter((g) => g.specialty === s)).toHaveLength(DEMO_PROFESSIONAL_GRIDS[s].count);
    }
    expect(demo.grids).toHaveLength(1064 + 325);
    expect(new Set(demo.grids.map((g) => g.code)).size).toBe(1064 + 325);
    for (const g of basic()) {
      expect(g.code).toMatch(new RegExp(`^${g.villageCode}-\\d{2}$`));
      expect(g.name).toMatch(/第\d+网格$/);
      expect(g.level).toBe(4);
    }
    for (const g of demo.grids.filter((x) => x.kind === 'professional')) {
      expect(g.code).toMatch(new RegExp(`^ZY-${DEMO_PROFESSIONAL_GRIDS[g.specialty!].prefix}-\\d{3}$`));
    }
    expect(basic()[0]).toMatchObject({ code: '320509001001-01', name: '西塘社区第1网格' });
  });

  it('nests the basic grids in the management grids of the four-level system: district, town, village (一级–三级网格)', () => {
    const byCode = new Map(demo.grids.map((g) => [g.code, g]));
    const levels = [1, 2, 3].map((l) => demo.grids.filter((g) => g.kind === 'basic' && g.level === l));
    expect(levels.map((x) => x.length)).toEqual([1, 14, 310]);
    expect(levels[0]![0]).toMatchObject({ code: '320509000000', name: '吴江区', parentCode: null });
    for (const g of [...levels[1]!, ...levels[2]!, ...basic()]) {
      const parent = byCode.get(g.parentCode!)!;
      expect(parent.level, g.code).toBe(g.level! - 1);
      if (g.level === 4 || g.level === 3) expect(parent.code).toBe(g.level === 4 ? g.villageCode : g.townCode);
    }
    // A village's grid counts what its basic grids count, and the district counts everyone.
    const village = levels[2]![0]!;
    const mine = basic().filter((g) => g.parentCode === village.code);
    expect(village.population).toBe(mine.reduce((n, g) => n + g.population!, 0));
    expect(levels[0]![0]!.households).toBe(basic().reduce((n, g) => n + g.households!, 0));
  });

  it('gives every village at least one grid and every town its grids, within its own town', () => {
    const { towns } = loadWujiangTree();
    const perVillage = new Map<string, number>();
    for (const g of basic()) perVillage.set(g.villageCode!, (perVillage.get(g.villageCode!) ?? 0) + 1);
    const villages = towns.flatMap((t) => t.villages);
    expect(villages).toHaveLength(310);
    for (const v of villages) expect(perVillage.get(v.code) ?? 0, v.name).toBeGreaterThanOrEqual(1);
    for (const t of towns) {
      const mine = basic().filter((g) => g.townCode === `${t.code}000`);
      expect(mine.length, t.name).toBeGreaterThanOrEqual(t.villages.length);
      expect(mine.every((g) => g.villageCode!.startsWith(t.code))).toBe(true);
    }
  });

  it('sizes grids like real ones: 300–500 households, 1,000–1,500 people, about 80 enterprises', () => {
    for (const g of basic()) {
      expect(g.households).toBeGreaterThanOrEqual(300);
      expect(g.households).toBeLessThanOrEqual(500);
      expect(g.population).toBeGreaterThanOrEqual(1000);
      expect(g.population).toBeLessThanOrEqual(1500);
    }
    const enterprises = demo.grids.filter((g) => g.kind === 'professional').map((g) => g.enterprises!);
    expect(Math.min(...enterprises)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...enterprises)).toBeLessThanOrEqual(100);
    const mean = enterprises.reduce((s, e) => s + e, 0) / enterprises.length;
    expect(Math.abs(mean - 80)).toBeLessThan(5);
  });

  it('lists the divisions: province, city, district, 14 towns, 310 villages, contiguous towns', () => {
    expect(demo.divisions).toHaveLength(327);
    expect(demo.divisions.slice(0, 3).map((d) => [d.code, d.name, d.level])).toEqual([
      ['320000000000', '江苏省', 'province'],
      ['320500000000', '苏州市', 'city'],
      ['320509000000', '吴江区', 'district'],
    ]);
    const towns = demo.divisions.filter((d) => d.level === 'town');
    expect(towns).toHaveLength(14);
    expect(towns.find((d) => d.name === '松陵街道')?.kind).toBe('街道');
    expect(towns.find((d) => d.name === '平望镇')?.kind).toBe('镇');
    expect(towns.every((d) => d.geometry?.type === 'Polygon')).toBe(true);
    const villages = demo.divisions.filter((d) => d.level === 'village');
    expect(new Set(villages.map((d) => d.kind))).toEqual(new Set(['社区居委会', '村委会', '虚拟社区']));
    expect(villages.every((d) => /^\d{12}$/.test(d.code) && d.parentCode === `${d.code.slice(0, 9)}000`)).toBe(true);
  });

  it('covers the outline: the area of the basic grids (and of each specialty) is the outline area within 1%', () => {
    const outline = geometryArea(demo.outline);
    expect(outline).toBeGreaterThan(1e9); // ≈1,100 km²: the outline really was loaded
    const sum = (gs: { geometry: AreaGeometry }[]) => gs.reduce((s, g) => s + geometryArea(g.geometry), 0);
    expect(Math.abs(sum(basic()) / outline - 1)).toBeLessThan(0.01);
    for (const s of SPECIALTIES) expect(Math.abs(sum(demo.grids.filter((g) => g.specialty === s)) / outline - 1)).toBeLessThan(0.01);
  });

  it('tiles without gaps or overlaps: 20,000 random points each lie in one basic grid and one grid per specialty', () => {
    const rng = mulberry32(7);
    const outline = prepareGeometry(demo.outline);
    const grids = lookupGrids(demo);
    const boxes = new Flatbush(grids.length);
    for (const g of grids) boxes.add(...geometryBBox(g.geometry));
    boxes.finish();
    const index = TerritoryIndex.build(grids);
    const [x0, y0, x1, y1] = outline.bbox;
    let checked = 0;
    while (checked < 20_000) {
      const x = x0 + rng() * (x1 - x0);
      const y = y0 + rng() * (y1 - y0);
      if (pointInPrepared(outline, x, y) !== INSIDE) continue;
      checked++;
      // An independent point-in-polygon (turf) over every grid whose box holds the point.
      const holding = boxes
        .search(x, y, x, y)
        .map((i) => grids[i]!)
        .filter((g) => booleanPointInPolygon([x, y], g.geometry));
      const basics = holding.filter((g) => g.kind === 'basic');
      expect(basics, `${x},${y}`).toHaveLength(1);
      for (const s of SPECIALTIES) expect(holding.filter((g) => g.specialty === s), `${x},${y} ${s}`).toHaveLength(1);
      // Professional grids stay within the basic grid's town, and the index agrees with turf.
      expect(holding.filter((g) => g.kind === 'professional').every((g) => g.townCode === basics[0].townCode)).toBe(true);
      const m = index.lookup(x, y);
      expect(m.basicGrid?.code).toBe(basics[0].code);
      expect(m.professionalGrids.map((g) => g.code)).toEqual(SPECIALTIES.map((s) => holding.find((g) => g.specialty === s)!.code));
    }
  }, 30_000);

  it('is deterministic', () => {
    const again = buildDemoTerritory();
    expect(JSON.stringify(again.grids)).toBe(JSON.stringify(demo.grids));
    expect(JSON.stringify(again.divisions)).toBe(JSON.stringify(demo.divisions));
    expect(buildDemoTerritory({ seed: 1 }).grids[0].geometry).not.toEqual(demo.grids[0].geometry);
  }, 30_000);

  it('finds the basic grid of every point inside the outline (50,000 random points)', () => {
    const index = TerritoryIndex.build(lookupGrids(demo));
    const rng = mulberry32(11);
    const outline = prepareGeometry(demo.outline);
    const [x0, y0, x1, y1] = outline.bbox;
    let found = 0;
    let tried = 0;
    while (tried < 50_000) {
      const x = x0 + rng() * (x1 - x0);
      const y = y0 + rng() * (y1 - y0);
      if (pointInPrepared(outline, x, y) !== INSIDE) continue;
      tried++;
      if (index.lookup(x, y).basicGrid) found++;
    }
    expect(found).toBe(tried);
  }, 30_000);
});
