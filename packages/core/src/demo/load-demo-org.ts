/**
 * The demo district's organisation (SPEC §1–2): the district command centre, a sub-centre per town,
 * a grid work station per village or community, and the departments; then demo users for every role.
 */
import type { Queryable } from '@liandong/db';
import type { DivisionInput } from '../territory/index.ts';
import { CENTRE, DEPARTMENTS, DISTRICT_CODE, TOWNS, toDivisionCode } from './org-data.ts';

export type DemoDivision = Pick<DivisionInput, 'code' | 'name' | 'level' | 'parentCode'>;

interface UnitInsert {
  code: string;
  name: string;
  nameEn: string | null;
  kind: string;
  level: string;
  parentCode: string | null;
  divisionCode: string;
  enforcement: boolean;
  /** The leader who gets the level-4 SMS (短信督办); demo names and numbers in a reserved range, never real people. */
  leaderName?: string;
  leaderPhone?: string;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭', '林', '何', '高', '罗'];
/** A demo leader for the n-th unit: 「王局长」, 13900010001. */
function demoLeader(n: number, title: string): { leaderName: string; leaderPhone: string } {
  return { leaderName: `${SURNAMES[n % SURNAMES.length]}${title}`, leaderPhone: `1390001${String(n + 1).padStart(4, '0')}` };
}

/** Inserts the units and returns unit id by unit code. */
export async function loadDemoUnits(q: Queryable, divisions: readonly DemoDivision[]): Promise<Map<string, number>> {
  const units: UnitInsert[] = [
    { code: CENTRE.code, name: CENTRE.name, nameEn: CENTRE.nameEn, kind: 'centre', level: 'district', parentCode: null, divisionCode: DISTRICT_CODE, enforcement: false },
  ];
  DEPARTMENTS.forEach((d, i) => {
    const title = /公司$/.test(d.name) ? '经理' : /局$/.test(d.name.replace(/（.*）$/, '')) ? '局长' : '主任';
    units.push({ code: d.code, name: d.name, nameEn: d.nameEn, kind: 'department', level: 'district', parentCode: null, divisionCode: DISTRICT_CODE, enforcement: d.code === 'WJ-CGJ', ...demoLeader(i, title) });
  });
  const towns = divisions.filter((d) => d.level === 'town');
  towns.forEach((t, i) => {
    units.push({ code: subCentreCode(t.code), name: `${t.name}网格化联动分中心`, nameEn: null, kind: 'sub_centre', level: 'town', parentCode: CENTRE.code, divisionCode: t.code, enforcement: false, ...demoLeader(DEPARTMENTS.length + i, '主任') });
  });
  for (const v of divisions.filter((d) => d.level === 'village')) {
    const short = v.name.replace(/(社区居委会|村委会|居委会|村民委员会)$/, (m) => (m.startsWith('社区') ? '社区' : m === '村委会' || m === '村民委员会' ? '村' : ''));
    units.push({ code: stationCode(v.code), name: `${short}网格工作站`, nameEn: null, kind: 'station', level: 'village', parentCode: subCentreCode(v.parentCode!), divisionCode: v.code, enforcement: false });
  }
  const ids = new Map<string, number>();
  // Parents first: the centre, then departments and sub-centres, then stations.
  for (const tier of [units.filter((u) => !u.parentCode), units.filter((u) => u.kind === 'sub_centre'), units.filter((u) => u.kind === 'station')]) {
    if (tier.length === 0) continue;
    const r = await q.query<{ id: number; code: string }>(
      `insert into units (code, name, name_en, kind, level, parent_id, division_code, enforcement, leader_name, leader_phone)
       select u.code, u.name, u.name_en, u.kind, u.level, p.id, u.division_code, u.enforcement, u.leader_name, u.leader_phone
         from jsonb_to_recordset($1::jsonb) as u(code text, name text, name_en text, kind text, level text, parent_code text, division_code text, enforcement boolean,
              leader_name text, leader_phone text)
         left join units p on p.code = u.parent_code
       returning id, code`,
      [JSON.stringify(tier.map((u) => ({ code: u.code, name: u.name, name_en: u.nameEn, kind: u.kind, level: u.level, parent_code: u.parentCode, division_code: u.divisionCode, enforcement: u.enforcement, leader_name: u.leaderName ?? null, leader_phone: u.leaderPhone ?? null })))],
    );
    for (const row of r.rows) ids.set(row.code, row.id);
  }
  return ids;
}

export function subCentreCode(townCode: string): string {
  return `WJ-ZX-${townCode.slice(0, 9)}`;
}

export function stationCode(villageCode: string): string {
  return `WJ-GZZ-${villageCode}`;
}

export function townSlug(townCode: string): string {
  return TOWNS.find((t) => toDivisionCode(t.code) === townCode)?.slug ?? townCode.slice(6, 9);
}
