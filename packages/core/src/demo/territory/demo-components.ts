/**
 * Demo components (部件): manhole covers, lamps, bins... scattered inside the basic grids, each with the
 * department or utility that owns it. Codes follow GB/T 47678.5: 6-digit division + 5-digit category +
 * 6-digit sequence. Category names come from the standard's table in ../data.
 */
import { readFileSync } from 'node:fs';
import type { Queryable } from '@liandong/db';
import { insertComponents } from '../../territory/components/component.repository.ts';
import { parseCsvTable } from '../../shared/csv.ts';
import { INSIDE, pointInPrepared, prepareGeometry } from '../../territory/geometry.ts';
import type { GridInput } from '../../territory/types.ts';
import { DEPARTMENTS, DISTRICT_CODE } from '../org-data.ts';
import { mulberry32, weightedIndex } from './prng.ts';
import { isWorkingGrid } from './build-demo-territory.ts';

/**
 * Component categories used by the demo, how common each is (weight) and who owns it; `thirdOwner` owns every
 * third one of its kind (the catalogue sends a component's matter to its owner: 权属单位).
 */
export const DEMO_COMPONENT_TYPES: { code: string; weight: number; owner: string; thirdOwner?: string }[] = [
  { code: '01001', weight: 6, owner: 'WJ-GSGS' }, // 供水井盖 → water supply company
  { code: '01002', weight: 6, owner: 'WJ-SWJ' }, // 污水井盖 → water affairs bureau
  { code: '01003', weight: 6, owner: 'WJ-SWJ', thirdOwner: 'WJ-JTJ' }, // 雨水井盖; on highways the transport bureau's (公路排水)
  { code: '01004', weight: 5, owner: 'WJ-SWJ', thirdOwner: 'WJ-JTJ' }, // 雨水箅子
  { code: '01005', weight: 3, owner: 'WJ-GDGS' }, // 电力井盖 → power supply company
  { code: '01006', weight: 2, owner: 'WJ-CGJ' }, // 路灯井盖 → urban management (street lighting)
  { code: '01011', weight: 3, owner: 'WJ-RQGS' }, // 燃气井盖 → gas company
  { code: '01013', weight: 3, owner: 'WJ-XFJ' }, // 消防设施 → fire brigade
  { code: '01030', weight: 3, owner: 'WJ-GDGS' }, // 电力立杆
  { code: '01037', weight: 18, owner: 'WJ-CGJ' }, // 路灯
  { code: '01048', weight: 2, owner: 'WJ-GDGS' }, // 变压器（箱）
  { code: '01049', weight: 1, owner: 'WJ-RQGS' }, // 燃气调压站（箱）
  { code: '01060', weight: 1, owner: 'WJ-CGJ' }, // 路灯配电箱
  { code: '02004', weight: 2, owner: 'WJ-JTJ' }, // 公交站设施 → transport bureau
  { code: '02010', weight: 5, owner: 'WJ-JJ' }, // 交通标志牌及标线 → traffic police
  { code: '02012', weight: 3, owner: 'WJ-MZJ' }, // 路名牌 → civil affairs (place names)
  { code: '02014', weight: 3, owner: 'WJ-JJ' }, // 交通信号灯
  { code: '02017', weight: 2, owner: 'WJ-JJ' }, // 交通护栏
  { code: '03001', weight: 2, owner: 'WJ-CGJ' }, // 公共厕所
  { code: '03005', weight: 15, owner: 'WJ-CGJ' }, // 垃圾箱
  { code: '04002', weight: 6, owner: 'WJ-ZJJ' }, // 行道树 → housing and construction (landscaping), a demo choice
  { code: '04007', weight: 2, owner: 'WJ-ZJJ' }, // 街头座椅
];

export interface DemoComponent {
  code: string;
  categoryCode: string;
  name: string;
  lng: number;
  lat: number;
  gridCode: string;
  ownerDepartmentCode: string;
  ownerName: string;
}

/** Names of the standard's management components (管理部件), by code. */
export function componentCategoryNames(): Map<string, string> {
  const csv = readFileSync(new URL('../data/gbt47678_5_2026_components_matters.csv', import.meta.url), 'utf8');
  const rows = parseCsvTable(csv).rows.filter((r) => r.values.kind === '管理部件');
  return new Map(rows.map((r) => [r.values.code, r.values.name]));
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** `count` components inside the basic grids; grids are drawn uniformly, so small (urban) grids get denser. */
export function buildDemoComponents(grids: readonly GridInput[], count = 5000, seed = 4_767_805): DemoComponent[] {
  const names = componentCategoryNames();
  const owners = new Map(DEPARTMENTS.map((d) => [d.code, d.name]));
  const basic = grids.filter(isWorkingGrid);
  if (basic.length === 0) return [];
  const prepared = basic.map((g) => prepareGeometry(g.geometry));
  const rng = mulberry32(seed);
  const weights = DEMO_COMPONENT_TYPES.map((t) => t.weight);
  const seq = new Map<string, number>();
  const out: DemoComponent[] = [];
  for (let n = 0; n < count; n++) {
    const type = DEMO_COMPONENT_TYPES[weightedIndex(rng, weights)];
    const g = Math.floor(rng() * basic.length);
    const [x0, y0, x1, y1] = prepared[g].bbox;
    let lng = 0;
    let lat = 0;
    do {
      lng = round7(x0 + rng() * (x1 - x0));
      lat = round7(y0 + rng() * (y1 - y0));
    } while (pointInPrepared(prepared[g], lng, lat) !== INSIDE);
    const s = (seq.get(type.code) ?? 0) + 1;
    seq.set(type.code, s);
    const owner = type.thirdOwner && s % 3 === 0 ? type.thirdOwner : type.owner;
    out.push({
      code: `${DISTRICT_CODE.slice(0, 6)}${type.code}${String(s).padStart(6, '0')}`,
      categoryCode: type.code,
      name: names.get(type.code) ?? type.code,
      lng,
      lat,
      gridCode: basic[g].code,
      ownerDepartmentCode: owner,
      ownerName: owners.get(owner) ?? owner,
    });
  }
  return out;
}

/**
 * Writes demo components. Needs the categories (catalogue) and units loaded first: owners are units,
 * resolved by code; an owner without a unit keeps just its name.
 */
export async function insertDemoComponents(q: Queryable, rows: readonly DemoComponent[], unitIdByCode: Map<string, number>): Promise<number> {
  return insertComponents(
    q,
    rows.map((c) => ({
      code: c.code,
      categoryCode: c.categoryCode,
      name: c.name,
      lng: c.lng,
      lat: c.lat,
      gridCode: c.gridCode,
      ownerUnitId: unitIdByCode.get(c.ownerDepartmentCode) ?? null,
      ownerName: c.ownerName,
    })),
  );
}
