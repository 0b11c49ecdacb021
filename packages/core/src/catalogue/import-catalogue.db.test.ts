import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@liandong/db';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { getCategory, getConditionByCode, getConditionUnits, listConditions } from './catalogue.repository.ts';
import { importCatalogueCsv } from './import-catalogue.ts';
import { CatalogueImportError } from './import-errors.ts';

const HEADER =
  'kind,major_code,major_name,code,name,condition_code,condition,response_value,response_unit,handle_value,handle_unit,closing_standard,urgency,handling_level,lead_unit,co_units,area_code,standard_ref';
const ROWS = [
  '事件,06,市容环境类,06010,暴露垃圾,06010-01,成堆、成片的垃圾,1,工作时,1,工作日,清除,一般,部门,T-CGJ,,,GB/T 47678.5-2026 C.1',
  'event,06,市容环境类,06010,暴露垃圾,06010-02,"村内道路两侧、河岸的垃圾堆放",2,working_hours,3,working_days,"清理干净, 无残留",normal,village,属地,T-CGJ,,',
  '部件,B01,市政公用设施,B01001,供水井盖,B01001-01,井盖缺失、破损,2,紧急小时,24,紧急小时,恢复完好,紧急,department,权属单位;T-GSGS,T-CGJ;属地,,',
  '部件,B01,市政公用设施,B01001,供水井盖,B01001-01,,,,,,,,,T-SWJ,,320509104,',
];
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

let t: TestDatabase;
let db: Db;
const unitId = new Map<string, number>();

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await db.query(`insert into divisions (code, name, level) values ('320509104000', '平望镇', 'town')`);
  const r = await db.query<{ id: number; code: string }>(
    `insert into units (code, name, kind, level) values
       ('T-CGJ', '城管局', 'department', 'district'), ('T-GSGS', '供水公司', 'department', 'district'),
       ('T-SWJ', '水务局', 'department', 'district'), ('WJ-CGJ', '城管局', 'department', 'district'),
       ('WJ-GSGS', '供水公司', 'department', 'district'), ('WJ-SWJ', '水务局', 'department', 'district')
     returning id, code`,
  );
  for (const u of r.rows) unitId.set(u.code, u.id);
});
afterAll(async () => {
  await t?.close();
});

async function counts() {
  const r = await db.query<{ c: number; k: number; u: number }>(
    `select (select count(*)::int from categories) as c, (select count(*)::int from category_conditions) as k,
            (select count(*)::int from condition_units) as u`,
  );
  return r.rows[0];
}

describe('importCatalogueCsv', () => {
  beforeEach(async () => {
    await db.exec(`delete from condition_units; delete from category_conditions;
      delete from categories where level = 'minor'; delete from categories;`);
  });

  it('imports categories, conditions and unit rules, accepting Chinese labels', async () => {
    const progress: [number, number][] = [];
    const r = await importCatalogueCsv(db, '\uFEFF' + csv(...ROWS), { onProgress: (d, n) => progress.push([d, n]) });
    expect(r).toEqual({ categories: 4, conditions: 3 });
    expect(progress.at(-1)).toEqual([4, 4]);

    const minor = await getCategory(db, '06010');
    expect(minor).toMatchObject({ kind: 'event', level: 'minor', parentCode: '06', name: '暴露垃圾', standardRef: 'GB/T 47678.5-2026 C.1' });
    expect(await getCategory(db, 'B01')).toMatchObject({ kind: 'component', level: 'major', parentCode: null });

    const conds = await listConditions(db, '06010');
    expect(conds.map((c) => c.code)).toEqual(['06010-01', '06010-02']);
    expect(conds[0]).toMatchObject({ responseValue: 1, responseUnit: 'working_hours', handleValue: 1, handleUnit: 'working_days', urgency: 'normal', handlingLevel: 'department' });
    expect(conds[1]).toMatchObject({ closingStandard: '清理干净, 无残留', handlingLevel: 'village' });

    const cover = (await getConditionByCode(db, 'B01001-01'))!;
    expect(cover).toMatchObject({ responseValue: 2, responseUnit: 'urgent_hours', handleValue: 24, urgency: 'urgent' });
    const rules = await getConditionUnits(db, cover.id);
    expect(rules.map(({ role, unitId: u, territorial, componentOwner, areaCode }) => ({ role, u, territorial, componentOwner, areaCode }))).toEqual([
      { role: 'lead', u: null, territorial: false, componentOwner: true, areaCode: null },
      { role: 'lead', u: unitId.get('T-GSGS'), territorial: false, componentOwner: false, areaCode: null },
      { role: 'lead', u: unitId.get('T-SWJ'), territorial: false, componentOwner: false, areaCode: '320509104000' },
      { role: 'co', u: unitId.get('T-CGJ'), territorial: false, componentOwner: false, areaCode: null },
      { role: 'co', u: null, territorial: true, componentOwner: false, areaCode: null },
    ]);
    const village = (await getConditionByCode(db, '06010-02'))!;
    expect((await getConditionUnits(db, village.id)).map((u) => [u.role, u.territorial])).toEqual([
      ['lead', true],
      ['co', false],
    ]);
  });

  it('updates on re-import instead of duplicating, and replaces unit rules', async () => {
    await importCatalogueCsv(db, csv(...ROWS));
    const before = await counts();
    const id = (await getConditionByCode(db, '06010-01'))!.id;
    const edited = ROWS[0].replace('暴露垃圾,06010-01,成堆、成片的垃圾,1,工作时,1,工作日', '暴露垃圾,06010-01,成堆的垃圾,1,工作时,4,工作时')
      .replace('部门,T-CGJ,,', '部门,T-SWJ,T-CGJ,');
    await importCatalogueCsv(db, csv(edited, ...ROWS.slice(1)));
    expect(await counts()).toEqual({ ...before, u: before.u + 1 });
    const c = (await getConditionByCode(db, '06010-01'))!;
    expect(c).toMatchObject({ id, description: '成堆的垃圾', handleValue: 4, handleUnit: 'working_hours' });
    const rules = await getConditionUnits(db, id);
    expect(rules.map((u) => [u.role, u.unitId])).toEqual([
      ['lead', unitId.get('T-SWJ')],
      ['co', unitId.get('T-CGJ')],
    ]);
  });

  it('imports the example of CATALOGUE_CSV.md', async () => {
    const doc = readFileSync(new URL('./CATALOGUE_CSV.md', import.meta.url), 'utf8');
    const example = /```csv\n([\s\S]*?)```/.exec(doc)![1];
    expect(await importCatalogueCsv(db, example)).toEqual({ categories: 4, conditions: 3 });
    const cover = (await getConditionByCode(db, 'B01001-01'))!;
    expect((await getConditionUnits(db, cover.id)).map((u) => [u.componentOwner, u.areaCode])).toEqual([[true, null], [false, null], [false, '320509104000'], [false, null]]);
  });

  it('reads missing trailing cells as empty', async () => {
    const short = ROWS[0].replace(/,,,GB\/T 47678.5-2026 C.1$/, '');
    expect(short.split(',')).toHaveLength(15);
    expect(await importCatalogueCsv(db, csv(short))).toEqual({ categories: 2, conditions: 1 });
    expect((await getCategory(db, '06010'))?.standardRef).toBeNull();
  });

  it('generates condition codes when the column is left empty', async () => {
    const noCodes = ROWS.slice(0, 2).map((r) => r.replace(/,06010-0\d,/, ',,'));
    await importCatalogueCsv(db, csv(...noCodes));
    expect((await listConditions(db, '06010')).map((c) => c.code)).toEqual(['06010-01', '06010-02']);
  });

  // Each invalid file: [what, csv text, line, column named in the message]
  const cell = (row: string, col: number, value: string) => {
    const parts = row.split(',');
    parts[col - 1] = value;
    return parts.join(',');
  };
  const invalid: [string, string, number, string][] = [
    ['unknown kind', csv(ROWS[0], cell(ROWS[2], 1, '物件')), 3, 'kind'],
    ['empty name', csv(cell(ROWS[0], 5, '')), 2, 'name'],
    ['bad number', csv(ROWS[0], cell(ROWS[2], 10, '-3')), 3, 'handle_value'],
    ['unknown time unit', csv(cell(ROWS[0], 9, '分钟')), 2, 'response_unit'],
    ['unknown urgency', csv(cell(ROWS[0], 13, '很急')), 2, 'urgency'],
    ['unknown handling level', csv(cell(ROWS[0], 14, '省')), 2, 'handling_level'],
    ['two leads', csv(cell(ROWS[0], 15, 'T-CGJ;T-SWJ')), 2, 'lead_unit'],
    ['the owner after a lead', csv(cell(ROWS[0], 15, 'T-CGJ;权属单位')), 2, 'lead_unit'],
    ['the owner twice', csv(cell(ROWS[0], 15, '权属单位;owner')), 2, 'lead_unit'],
    ['no lead', csv(cell(ROWS[0], 15, '')), 2, 'lead_unit'],
    ['unknown unit', csv(ROWS[0], ROWS[1], cell(ROWS[2], 16, 'T-CGJ;T-NONE')), 4, 'co_units'],
    ['unknown area', csv(ROWS[2], cell(ROWS[3], 17, '320509999')), 3, 'area_code'],
    ['malformed area', csv(ROWS[2], cell(ROWS[3], 17, 'abc')), 3, 'area_code'],
    ['repeated condition without area', csv(ROWS[2], cell(ROWS[3], 17, '')), 3, 'area_code'],
    ['disagreeing major name', csv(ROWS[0], cell(ROWS[1], 3, '市容类')), 3, 'major_name'],
    ['bad code', csv(cell(ROWS[0], 4, '06 010')), 2, 'code'],
    ['an extra cell', csv(ROWS[0], ROWS[1] + ',extra'), 3, '?'],
    ['unknown column', csv(ROWS[0]).replace('standard_ref', 'standard_reference'), 1, 'standard_reference'],
    ['missing column', csv(ROWS[0]).replace(',closing_standard,', ',closing,'), 1, 'closing'],
  ];
  it.each(invalid)('rejects %s, naming line and column, and writes nothing', async (_what, text, line, column) => {
    await importCatalogueCsv(db, csv(ROWS[0].replace('暴露垃圾', '旧名称')));
    const before = await counts();
    const err = await importCatalogueCsv(db, text).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CatalogueImportError);
    const e = err as CatalogueImportError;
    expect(e.line).toBe(line);
    expect(e.message).toContain(`第 ${line} 行`);
    expect(e.message).toMatch(new RegExp(`[Ll]ine ${line}\\b`));
    if (column) expect(e.message).toContain(`(${column})`);
    expect(await counts()).toEqual(before);
    expect((await getCategory(db, '06010'))?.name).toBe('旧名称'); // the valid rows before it were not written either
  });

  it('rejects a code that exists with another kind, writing nothing', async () => {
    await importCatalogueCsv(db, csv(ROWS[0]));
    const before = await counts();
    const clash = ROWS[2].replace(/B01001/g, '06010'); // a component minor reusing an event's code
    await expect(importCatalogueCsv(db, csv(clash))).rejects.toThrow(/第 2 行.*line 2, column 4 \(code\)/s);
    expect(await counts()).toEqual(before);
  });

  it('rejects an unterminated quote', async () => {
    const unterminated = csv(ROWS[0], '事件,06,"市容');
    await expect(importCatalogueCsv(db, unterminated)).rejects.toThrow(/第 3 行.*line 3/s);
  });
});
