/**
 * Batched catalogue writes. Each function is one statement whatever the row count: rows travel as one
 * array parameter per column and `unnest` turns them back into rows, so the SQL stays fixed and visible
 * and a whole catalogue loads in a handful of round trips (the embedded PGlite pays per statement).
 */
import type { Queryable } from '@liandong/db';
import type { CategoryInput, ConditionInput, UnitRole } from './catalogue.types.ts';

/** Inserts or updates categories by code. Parents must already exist or come earlier in the same call. */
export async function upsertCategories(q: Queryable, rows: readonly CategoryInput[]): Promise<number> {
  if (rows.length === 0) return 0;
  // Majors first: a minor's parent must exist when its row is checked.
  const ordered = [...rows].sort((a, b) => (a.level === b.level ? 0 : a.level === 'major' ? -1 : 1));
  const majors = ordered.filter((r) => r.level === 'major');
  const minors = ordered.filter((r) => r.level === 'minor');
  for (const batch of [majors, minors]) {
    if (batch.length === 0) continue;
    await q.query(
      `insert into categories (code, kind, level, parent_code, name, name_en, standard_ref, sort, active)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::int[], $9::boolean[])
       on conflict (code) do update set kind = excluded.kind, level = excluded.level,
         parent_code = excluded.parent_code, name = excluded.name, name_en = excluded.name_en,
         standard_ref = excluded.standard_ref, sort = excluded.sort, active = excluded.active`,
      [
        batch.map((r) => r.code),
        batch.map((r) => r.kind),
        batch.map((r) => r.level),
        batch.map((r) => r.parentCode),
        batch.map((r) => r.name),
        batch.map((r) => r.nameEn),
        batch.map((r) => r.standardRef),
        batch.map((r) => r.sort),
        batch.map((r) => r.active ?? true),
      ],
    );
  }
  return rows.length;
}

/** Inserts or updates conditions by code; returns code → id for every row written. */
export async function upsertConditions(q: Queryable, rows: readonly ConditionInput[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (rows.length === 0) return ids;
  const r = await q.query<{ id: number; code: string }>(
    `insert into category_conditions (code, category_code, description, response_value, response_unit,
       handle_value, handle_unit, closing_standard, urgency, handling_level, active)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::numeric[],
                          $7::text[], $8::text[], $9::text[], $10::text[], $11::boolean[])
     on conflict (code) do update set category_code = excluded.category_code,
       description = excluded.description, response_value = excluded.response_value,
       response_unit = excluded.response_unit, handle_value = excluded.handle_value,
       handle_unit = excluded.handle_unit, closing_standard = excluded.closing_standard,
       urgency = excluded.urgency, handling_level = excluded.handling_level, active = excluded.active
     returning id, code`,
    [
      rows.map((c) => c.code),
      rows.map((c) => c.categoryCode),
      rows.map((c) => c.description),
      rows.map((c) => c.responseValue),
      rows.map((c) => c.responseUnit),
      rows.map((c) => c.handleValue),
      rows.map((c) => c.handleUnit),
      rows.map((c) => c.closingStandard),
      rows.map((c) => c.urgency),
      rows.map((c) => c.handlingLevel),
      rows.map((c) => c.active ?? true),
    ],
  );
  for (const row of r.rows) ids.set(row.code, Number(row.id));
  return ids;
}

export interface ConditionUnitRow {
  conditionId: number;
  role: UnitRole;
  unitId: number | null;
  territorial: boolean;
  componentOwner: boolean;
  areaCode: string | null;
}

/**
 * Replaces the responsible-unit rules of the given conditions with `rows` (which must only name those
 * conditions): a re-import states the whole rule set of a condition, so stale rules must go.
 */
export async function replaceConditionUnits(
  q: Queryable,
  conditionIds: readonly number[],
  rows: readonly ConditionUnitRow[],
): Promise<number> {
  if (conditionIds.length > 0) {
    await q.query(`delete from condition_units where condition_id = any($1::int[])`, [conditionIds]);
  }
  if (rows.length === 0) return 0;
  await q.query(
    `insert into condition_units (condition_id, role, unit_id, territorial, component_owner, area_code)
     select * from unnest($1::int[], $2::text[], $3::int[], $4::boolean[], $5::boolean[], $6::text[])`,
    [
      rows.map((r) => r.conditionId),
      rows.map((r) => r.role),
      rows.map((r) => r.unitId),
      rows.map((r) => r.territorial),
      rows.map((r) => r.componentOwner),
      rows.map((r) => r.areaCode),
    ],
  );
  return rows.length;
}
