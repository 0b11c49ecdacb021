import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@liandong/db';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { defaultConditionFor, getConditionByCode, getConditionUnits } from '../../catalogue/catalogue.repository.ts';
import { catalogueToCsv } from '../../catalogue/export-catalogue-csv.ts';
import { importCatalogueCsv } from '../../catalogue/import-catalogue.ts';
import { resolveResponsibleUnits } from '../../catalogue/routing.rules.ts';
import { DEPARTMENTS } from '../org-data.ts';
import { buildDemoCatalogue } from './build-demo-catalogue.ts';
import { loadDemoCatalogue } from './load-demo-catalogue.ts';

const TOWN = '320509104000';
const plan = buildDemoCatalogue();
const dbs: TestDatabase[] = [];

/** A database with the departments and one town sub-centre; returns unit id by code. */
async function withUnits(): Promise<{ db: Db; ids: Map<string, number> }> {
  const t = await createTestDb();
  dbs.push(t);
  const r = await t.db.query<{ id: number; code: string }>(
    `insert into units (code, name, kind, level)
     select code, name, kind, level from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as u(code, name, kind, level)
     returning id, code`,
    [
      [...DEPARTMENTS.map((d) => d.code), 'T-SUB'],
      [...DEPARTMENTS.map((d) => d.name), '平望镇分中心'],
      [...DEPARTMENTS.map(() => 'department'), 'sub_centre'],
      [...DEPARTMENTS.map(() => 'district'), 'town'],
    ],
  );
  return { db: t.db, ids: new Map(r.rows.map((u) => [u.code, u.id])) };
}

/** The catalogue tables in a comparable form (unit ids replaced by codes). */
async function snapshot(db: Db) {
  const cats = await db.query(`select code, kind, level, parent_code, name, name_en, standard_ref, sort from categories order by code`);
  const conds = await db.query(
    `select code, category_code, description, response_value, response_unit, handle_value, handle_unit,
            closing_standard, urgency, handling_level from category_conditions order by code`,
  );
  const units = await db.query(
    `select c.code, cu.role, u.code as unit, cu.territorial, cu.area_code from condition_units cu
     join category_conditions c on c.id = cu.condition_id left join units u on u.id = cu.unit_id
     order by c.code, cu.role desc, u.code nulls first`,
  );
  return { cats: cats.rows, conds: conds.rows, units: units.rows };
}

let db: Db;
let ids: Map<string, number>;

beforeAll(async () => {
  ({ db, ids } = await withUnits());
});
afterAll(async () => {
  for (const t of dbs) await t.close();
});

describe('loadDemoCatalogue', () => {
  it('loads every category, condition and unit rule', async () => {
    const result = await loadDemoCatalogue(db, ids);
    expect(result).toEqual({
      categories: plan.categories.length,
      conditions: plan.conditions.length,
      conditionUnits: plan.conditionUnits.length,
    });
    const s = await snapshot(db);
    expect(s.cats).toHaveLength(plan.categories.length);
    expect(s.conds).toHaveLength(plan.conditions.length);
    expect(s.units).toHaveLength(plan.conditionUnits.length);
    const territorial = await db.query<{ n: number; bad: number }>(
      `select count(*) filter (where territorial)::int as n,
              count(*) filter (where territorial and unit_id is not null)::int as bad from condition_units`,
    );
    expect(territorial.rows[0].n).toBe(plan.conditionUnits.filter((u) => u.territorial).length);
    expect(territorial.rows[0].bad).toBe(0);
  });

  it('serves the stories through the repository and the routing rules', async () => {
    const cover = (await defaultConditionFor(db, '01001'))!;
    expect(cover).toMatchObject({ code: '01001-01', urgency: 'urgent', handleValue: 24, handleUnit: 'urgent_hours' });
    const parking = (await getConditionByCode(db, '09009-02'))!;
    const rules = await getConditionUnits(db, parking.id);
    const at = { districtCode: '320509000000', townCode: TOWN, villageCode: null };
    const route = resolveResponsibleUnits(rules, at, (town) => (town === TOWN ? ids.get('T-SUB') : null));
    expect(route).toMatchObject({ leadUnitId: ids.get('T-SUB'), leadTerritorial: true });
    const crop = (await getConditionByCode(db, '90001-01'))!;
    const cropRoute = resolveResponsibleUnits(await getConditionUnits(db, crop.id), at, () => null);
    expect(cropRoute).toEqual({ leadUnitId: ids.get('WJ-NYJ'), leadTerritorial: false, coUnitIds: [ids.get('WJ-SWJ')] });
  });

  it('reloads without duplicating', async () => {
    const before = await snapshot(db);
    await loadDemoCatalogue(db, ids);
    expect(await snapshot(db)).toEqual(before);
  });

  it('fails without writing when a department is missing', async () => {
    const t = await createTestDb();
    dbs.push(t);
    await expect(loadDemoCatalogue(t.db, new Map([['WJ-CGJ', 1]]))).rejects.toThrow(/Unknown unit code/);
    expect((await t.db.query(`select 1 from categories`)).rowCount).toBe(0);
  });

  it('round-trips through the catalogue CSV: importing the exported demo gives the same tables', async () => {
    const other = await withUnits();
    const csv = catalogueToCsv(plan);
    const r = await importCatalogueCsv(other.db, csv);
    expect(r).toEqual({ categories: plan.categories.length, conditions: plan.conditions.length });
    expect(await snapshot(other.db)).toEqual(await snapshot(db));
  });
});
