/**
 * The demo catalogue: every code of GB/T 47678.5-2026 (gbt47678_5_2026_components_matters.csv: 153
 * management components 管理部件 + 250 management matters 管理事项) plus a few local event classes, each
 * minor with one or two case-opening conditions and its responsible units, as plain rows keyed by codes.
 *
 * Codes: the standard numbers components and "component abnormal" matters alike (01001 is both 供水井盖 and
 * 供水井盖异常), but a category code must be unique. Matters keep the national code, since orders are
 * classified under them; component classes take the prefix 'B' (部件): B01001. A component identifier's
 * 5-digit type (6 division + 5 type + 6 sequence) maps to its class with componentCategoryCode().
 */
import { readFileSync } from 'node:fs';
import type { CataloguePlan, CategoryInput, CategoryKind, ConditionInput, ConditionUnitInput } from '../../catalogue/catalogue.types.ts';
import { parseCsvRecords } from '../../shared/csv.ts';
import { facilityConditions, facilityOwner } from './demo-facilities.ts';
import { defaultLevel, defaultResponse, TERRITORIAL, type DemoMatterSpec } from './demo-limits.ts';
import { LOCAL_CATEGORIES, LOCAL_MAJOR } from './demo-local.ts';
import { MATTERS } from './demo-matters.ts';

export const COMPONENT_CODE_PREFIX = 'B';
export const componentCategoryCode = (typeCode: string): string => `${COMPONENT_CODE_PREFIX}${typeCode}`;

export const STANDARD_CSV_URL = new URL('../data/gbt47678_5_2026_components_matters.csv', import.meta.url);

/** Categories the demo stories and tests refer to. */
export const DEMO_CATEGORY_CODES = {
  waterManholeCover: '01001', // 供水井盖异常
  sewageManholeCover: '01002', // 污水井盖异常
  rainManholeCover: '01003', // 雨水井盖异常
  exposedGarbage: '06010', // 暴露垃圾
  roadNotClean: '06012', // 道路不洁
  illegalConstruction: '06001', // 私搭乱建
  illegalParking: '09009', // 机动车乱停放
  bicycleParking: '09010', // 非机动车乱停放
  streetVending: '09006', // 占道经营
  noise: '06028', // 噪声扰民
  cropWasteOnRiverBank: '90001', // 秸秆/农作物废弃物倾倒河岸
  neighbourDispute: '90002', // 邻里纠纷
} as const;

/** Short English names of the major classes (小类 keep name_en null). */
const MAJOR_NAMES_EN: Record<string, string> = {
  'component:01': 'Public utility facilities',
  'component:02': 'Traffic facilities',
  'component:03': 'Sanitation and city-appearance facilities',
  'component:04': 'Parks and greening facilities',
  'component:05': 'Other managed components',
  'event:01': 'Public utility facility faults',
  'event:02': 'Traffic facility faults',
  'event:03': 'Sanitation facility faults',
  'event:04': 'Greening facility faults',
  'event:05': 'Other component faults',
  'event:06': 'City appearance and environment',
  'event:07': 'Advertising and publicity',
  'event:08': 'Construction management',
  'event:09': 'Street order',
  'event:10': 'Other matters',
};

interface StandardRow {
  kind: CategoryKind;
  majorCode: string;
  majorName: string;
  code: string;
  name: string;
  sourceTable: string;
}

export function readStandardRows(csvText = readFileSync(STANDARD_CSV_URL, 'utf8')): StandardRow[] {
  const [header, ...records] = parseCsvRecords(csvText);
  const col = (name: string) => header.fields.indexOf(name);
  const [k, mc, mn, c, n, s] = ['kind', 'major_code', 'major_name', 'code', 'name', 'source_table'].map(col);
  return records.map(({ fields: f, line }) => {
    const kind = f[k] === '管理部件' ? 'component' : f[k] === '管理事项' ? 'event' : undefined;
    if (!kind) throw new Error(`Standard list line ${line}: unknown kind ${f[k]}`);
    return { kind, majorCode: f[mc], majorName: f[mn], code: f[c], name: f[n], sourceTable: f[s] };
  });
}

/** Builds the whole demo catalogue; pure apart from reading the standard list when no text is given. */
export function buildDemoCatalogue(csvText?: string): CataloguePlan {
  const plan: CataloguePlan = { categories: [], conditions: [], conditionUnits: [] };
  const seen = new Set<string>();
  const addCategory = (c: Omit<CategoryInput, 'sort'>) => {
    if (seen.has(c.code)) return;
    seen.add(c.code);
    plan.categories.push({ ...c, sort: plan.categories.length + 1 });
  };

  for (const row of readStandardRows(csvText)) {
    const prefix = row.kind === 'component' ? COMPONENT_CODE_PREFIX : '';
    const standardRef = `GB/T 47678.5-2026 ${row.sourceTable}`;
    const majorCode = prefix + row.majorCode;
    const nameEn = MAJOR_NAMES_EN[`${row.kind}:${row.majorCode}`] ?? null;
    addCategory({ code: majorCode, kind: row.kind, level: 'major', parentCode: null, name: row.majorName, nameEn, standardRef });
    const code = prefix + row.code;
    addCategory({ code, kind: row.kind, level: 'minor', parentCode: majorCode, name: row.name, nameEn: null, standardRef });
    addConditions(plan, code, specFor(row));
  }

  addCategory({ code: LOCAL_MAJOR.code, kind: 'event', level: 'major', parentCode: null, name: LOCAL_MAJOR.name, nameEn: LOCAL_MAJOR.nameEn, standardRef: 'local' });
  for (const local of LOCAL_CATEGORIES) {
    addCategory({ code: local.code, kind: 'event', level: 'minor', parentCode: LOCAL_MAJOR.code, name: local.name, nameEn: local.nameEn, standardRef: 'local' });
    addConditions(plan, local.code, local.spec);
  }
  return plan;
}

/** Facility classes (majors 01–05, both kinds) by object; matters 06–10 from the explicit table. */
function specFor(row: StandardRow): DemoMatterSpec {
  if (row.kind === 'component' || Number(row.majorCode) <= 5) {
    // A facility's matter names the facility: its owner (权属单位) leads when the order names the component.
    return { ...facilityOwner(row.name), conditions: facilityConditions(row.name), componentOwnerLeads: true };
  }
  const spec = MATTERS[row.code];
  if (!spec) throw new Error(`Demo catalogue: no owner for matter ${row.code} ${row.name}`);
  return spec;
}

function addConditions(plan: CataloguePlan, categoryCode: string, spec: DemoMatterSpec): void {
  spec.conditions.forEach((c, i) => {
    const code = `${categoryCode}-${String(i + 1).padStart(2, '0')}`;
    const urgency = c.urgency ?? 'normal';
    const lead = c.lead ?? spec.lead;
    const response = c.response ?? defaultResponse(c.handle, urgency);
    const condition: ConditionInput = {
      code,
      categoryCode,
      description: c.description,
      responseValue: response[0],
      responseUnit: response[1],
      handleValue: c.handle[0],
      handleUnit: c.handle[1],
      closingStandard: c.closing,
      urgency,
      handlingLevel: c.level ?? (c.lead ? defaultLevel(c.lead) : (spec.level ?? defaultLevel(spec.lead))),
    };
    plan.conditions.push(condition);
    if (spec.componentOwnerLeads && !c.lead) plan.conditionUnits.push({ conditionCode: code, role: 'lead', unitCode: null, territorial: false, componentOwner: true, areaCode: null });
    plan.conditionUnits.push(unitRule(code, 'lead', lead));
    const co = new Set((c.co ?? spec.co ?? []).filter((u) => u !== lead));
    for (const u of co) plan.conditionUnits.push(unitRule(code, 'co', u));
  });
}

function unitRule(conditionCode: string, role: 'lead' | 'co', unit: string): ConditionUnitInput {
  const territorial = unit === TERRITORIAL;
  return { conditionCode, role, unitCode: territorial ? null : unit, territorial, componentOwner: false, areaCode: null };
}
