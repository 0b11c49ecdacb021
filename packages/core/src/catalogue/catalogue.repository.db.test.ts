import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import {
  defaultConditionFor,
  getCategory,
  getCondition,
  getConditionByCode,
  getConditionUnits,
  listCategories,
  listChannels,
  listConditions,
  listNatures,
} from './catalogue.repository.ts';
import type { CataloguePlan, ConditionInput } from './catalogue.types.ts';
import { writeCataloguePlan } from './write-catalogue.ts';

const cond = (code: string, categoryCode: string, extra: Partial<ConditionInput> = {}): ConditionInput => ({
  code,
  categoryCode,
  description: `条件 ${code}`,
  responseValue: 0.5,
  responseUnit: 'urgent_hours',
  handleValue: 1.5,
  handleUnit: 'working_days',
  closingStandard: '处置完毕',
  urgency: 'normal',
  handlingLevel: 'department',
  ...extra,
});

const plan: CataloguePlan = {
  categories: [
    { code: '06010', kind: 'event', level: 'minor', parentCode: '06', name: '暴露垃圾', nameEn: 'Exposed garbage', standardRef: null, sort: 2 },
    { code: '06', kind: 'event', level: 'major', parentCode: null, name: '市容环境类', nameEn: 'City appearance', standardRef: null, sort: 1 },
    { code: '06012', kind: 'event', level: 'minor', parentCode: '06', name: '道路不洁', nameEn: null, standardRef: null, sort: 3 },
    { code: '06099', kind: 'event', level: 'minor', parentCode: '06', name: '停用小类', nameEn: null, standardRef: null, sort: 4, active: false },
    { code: 'B01', kind: 'component', level: 'major', parentCode: null, name: '市政公用设施', nameEn: null, standardRef: null, sort: 1 },
    { code: 'B01001', kind: 'component', level: 'minor', parentCode: 'B01', name: '供水井盖', nameEn: null, standardRef: null, sort: 2 },
  ],
  conditions: [
    cond('06010-02', '06010'),
    cond('06010-01', '06010', { active: false }),
    cond('06010-03', '06010', { urgency: 'urgent' }),
    cond('06012-01', '06012'),
  ],
  conditionUnits: [
    { conditionCode: '06010-02', role: 'co', unitCode: 'R-B', territorial: false, componentOwner: false, areaCode: null },
    { conditionCode: '06010-02', role: 'lead', unitCode: 'R-A', territorial: false, componentOwner: false, areaCode: null },
    { conditionCode: '06010-02', role: 'lead', unitCode: null, territorial: true, componentOwner: false, areaCode: '320509104000' },
  ],
};

let t: TestDatabase;
const unitIdByCode = new Map<string, number>();

beforeAll(async () => {
  t = await createTestDb();
  await t.db.query(`insert into divisions (code, name, level) values ('320509104000', '平望镇', 'town')`);
  const r = await t.db.query<{ id: number; code: string }>(
    `insert into units (code, name, kind, level) values ('R-A', 'A', 'department', 'district'),
       ('R-B', 'B', 'department', 'district') returning id, code`,
  );
  for (const u of r.rows) unitIdByCode.set(u.code, u.id);
  await writeCataloguePlan(t.db, plan, unitIdByCode);
});
afterAll(async () => {
  await t?.close();
});

describe('catalogue repository', () => {
  it('reads a category by code', async () => {
    expect(await getCategory(t.db, '06010')).toEqual({
      code: '06010', kind: 'event', level: 'minor', parentCode: '06', name: '暴露垃圾', nameEn: 'Exposed garbage',
      standardRef: null, sort: 2, active: true,
    });
    expect(await getCategory(t.db, 'nope')).toBeNull();
  });

  it('lists categories by kind, parent and name, hiding inactive ones', async () => {
    const codes = async (f: Parameters<typeof listCategories>[1]) => (await listCategories(t.db, f)).map((c) => c.code);
    expect(await codes({ kind: 'component' })).toEqual(['B01', 'B01001']);
    expect(await codes({ parentCode: null })).toEqual(['06', 'B01']);
    expect(await codes({ parentCode: '06' })).toEqual(['06010', '06012']);
    expect(await codes({ parentCode: '06', includeInactive: true })).toEqual(['06010', '06012', '06099']);
    expect(await codes({ q: '垃圾' })).toEqual(['06010']);
    expect(await codes({ q: 'garbage' })).toEqual(['06010']);
    expect(await codes({ q: 'B01' })).toEqual(['B01', 'B01001']);
    expect(await codes({ q: '%' })).toEqual([]); // a wildcard is searched as text
  });

  it('reads conditions by id and code with numeric limits as numbers', async () => {
    const c = (await getConditionByCode(t.db, '06010-02'))!;
    expect(c).toMatchObject({ categoryCode: '06010', responseValue: 0.5, handleValue: 1.5, handleUnit: 'working_days' });
    expect(await getCondition(t.db, c.id)).toEqual(c);
    expect(await getCondition(t.db, 999_999)).toBeNull();
  });

  it('lists conditions in code order and picks the first active as default', async () => {
    expect((await listConditions(t.db, '06010')).map((c) => c.code)).toEqual(['06010-01', '06010-02', '06010-03']);
    expect((await defaultConditionFor(t.db, '06010'))?.code).toBe('06010-02');
    expect(await defaultConditionFor(t.db, 'B01001')).toBeNull();
  });

  it('returns unit rules with leads first', async () => {
    const c = (await getConditionByCode(t.db, '06010-02'))!;
    const rules = await getConditionUnits(t.db, c.id);
    expect(rules.map((r) => [r.role, r.unitId, r.territorial, r.areaCode])).toEqual([
      ['lead', unitIdByCode.get('R-A'), false, null],
      ['lead', null, true, '320509104000'],
      ['co', unitIdByCode.get('R-B'), false, null],
    ]);
  });

  it('lists natures and channels in their configured order', async () => {
    expect((await listNatures(t.db)).map((n) => n.code)).toEqual([
      'consultation', 'help', 'complaint', 'report', 'suggestion', 'praise',
    ]);
    await t.db.query(`update channels set active = false where code = 'transfer'`);
    const channels = await listChannels(t.db);
    expect(channels[0]).toEqual({ code: 'hotline', nameZh: '12345热线', nameEn: '12345 hotline', intakeLevel: 'district', sort: 1, active: true });
    expect(channels.map((c) => c.code)).not.toContain('transfer');
    expect((await listChannels(t.db, { includeInactive: true })).map((c) => c.code)).toContain('transfer');
  });

  it('refuses a plan naming an unknown unit before writing', async () => {
    const bad: CataloguePlan = { ...plan, conditionUnits: [{ ...plan.conditionUnits[0], unitCode: 'R-NONE' }] };
    await expect(writeCataloguePlan(t.db, bad, unitIdByCode)).rejects.toThrow(/R-NONE/);
  });
});
