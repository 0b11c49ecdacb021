/**
 * SQL for reading the catalogue. Writes (batched upserts used by imports and the demo) live in
 * catalogue.upserts.ts and are re-exported here so callers have one repository to import.
 */
import { isInitialsQuery, pinyinInitials } from './pinyin-initials.ts';
import type { Queryable } from '@liandong/db';
import type { ConditionWithUnits, OrderStateRow } from '@liandong/contracts';
import type {
  Category,
  CategoryKind,
  CategoryLevel,
  Channel,
  Condition,
  ConditionUnit,
  Nature,
} from './catalogue.types.ts';

export { upsertCategories, upsertConditions, replaceConditionUnits } from './catalogue.upserts.ts';

const CATEGORY_COLUMNS = `code, kind, level, parent_code as "parentCode", name, name_en as "nameEn",
  standard_ref as "standardRef", sort, active`;

export const CONDITION_COLUMNS = `id, code, category_code as "categoryCode", description,
  response_value as "responseValue", response_unit as "responseUnit",
  handle_value as "handleValue", handle_unit as "handleUnit", closing_standard as "closingStandard",
  urgency, handling_level as "handlingLevel", active`;

/** numeric arrives as a number from both drivers (see @liandong/db), but be safe with strings. */
export function toCondition(row: Condition): Condition {
  return { ...row, responseValue: Number(row.responseValue), handleValue: Number(row.handleValue) };
}

export async function getCategory(q: Queryable, code: string): Promise<Category | null> {
  const r = await q.query<Category>(`select ${CATEGORY_COLUMNS} from categories where code = $1`, [code]);
  return r.rows[0] ?? null;
}

export interface CategoryFilter {
  kind?: CategoryKind;
  level?: CategoryLevel;
  /** Children of this major; null for majors only. */
  parentCode?: string | null;
  /** Text search in the Chinese or English name, or a code prefix. */
  q?: string;
  includeInactive?: boolean;
  limit?: number;
}

/** Events come before components: orders are classified under events far more often. */
export async function listCategories(q: Queryable, filter: CategoryFilter = {}): Promise<Category[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.kind) add('kind = ?', filter.kind);
  if (filter.level) add('level = ?', filter.level);
  if (filter.parentCode === null) where.push('parent_code is null');
  else if (filter.parentCode !== undefined) add('parent_code = ?', filter.parentCode);
  const search = filter.q?.trim() ?? '';
  // Latin letters may be pinyin initials (jg → 井盖) as well as English words: filtered below, on the names.
  const byInitials = isInitialsQuery(search);
  if (search && !byInitials) {
    // Escape LIKE wildcards so a search for "100%" means the text, not a pattern.
    params.push(search.replace(/[\\%_]/g, (m) => `\\${m}`));
    const p = `$${params.length}`;
    where.push(`(name ilike '%' || ${p} || '%' or name_en ilike '%' || ${p} || '%' or code like ${p} || '%')`);
  }
  if (!filter.includeInactive) where.push('active');
  const limit = filter.limit ?? 1000;
  params.push(byInitials ? null : limit);
  const sql = `select ${CATEGORY_COLUMNS} from categories ${where.length ? `where ${where.join(' and ')}` : ''}
    order by kind = 'component', sort, code limit $${params.length}`;
  const rows = (await q.query<Category>(sql, params)).rows;
  if (!byInitials) return rows;
  const letters = search.toLowerCase();
  return rows.filter((c) => pinyinInitials(c.name).includes(letters) || c.nameEn?.toLowerCase().includes(letters)).slice(0, limit);
}

export async function getCondition(q: Queryable, id: number): Promise<Condition | null> {
  const r = await q.query<Condition>(`select ${CONDITION_COLUMNS} from category_conditions where id = $1`, [id]);
  return r.rows[0] ? toCondition(r.rows[0]) : null;
}

export async function getConditionByCode(q: Queryable, code: string): Promise<Condition | null> {
  const r = await q.query<Condition>(`select ${CONDITION_COLUMNS} from category_conditions where code = $1`, [code]);
  return r.rows[0] ? toCondition(r.rows[0]) : null;
}

/** All conditions of a category (active or not), in code order. */
export async function listConditions(q: Queryable, categoryCode: string): Promise<Condition[]> {
  const r = await q.query<Condition>(
    `select ${CONDITION_COLUMNS} from category_conditions where category_code = $1 order by code`,
    [categoryCode],
  );
  return r.rows.map(toCondition);
}

/**
 * A category's conditions, each with its responsible units (lead and co-handlers, fixed or territorial, per area):
 * where `dispatch {}` will send an order of that condition.
 */
export async function listConditionsWithUnits(q: Queryable, categoryCode: string): Promise<ConditionWithUnits[]> {
  const conditions = await listConditions(q, categoryCode);
  const r = await q.query<{ condition_id: number; role: 'lead' | 'co'; unit_id: number | null; unit_name: string | null; territorial: boolean; component_owner: boolean; area_code: string | null; area_name: string | null }>(
    `select cu.condition_id, cu.role, cu.unit_id, u.name as unit_name, cu.territorial, cu.component_owner, cu.area_code, d.name as area_name
       from condition_units cu
       left join units u on u.id = cu.unit_id
       left join divisions d on d.code = cu.area_code
      where cu.condition_id = any($1::int[])
      order by cu.condition_id, cu.role desc, cu.area_code nulls first, cu.id`,
    [conditions.map((c) => c.id)],
  );
  return conditions.map((c) => ({
    ...c,
    units: r.rows
      .filter((u) => u.condition_id === c.id)
      .map((u) => ({
        role: u.role,
        unit: u.unit_id == null ? null : { id: u.unit_id, name: u.unit_name },
        territorial: u.territorial,
        componentOwner: u.component_owner,
        area: u.area_code == null ? null : { code: u.area_code, name: u.area_name },
      })),
  }));
}

/** The first active condition of a category, in catalogue order (orders never take it silently: condition-choice.rules.ts). */
export async function defaultConditionFor(q: Queryable, categoryCode: string): Promise<Condition | null> {
  const r = await q.query<Condition>(
    `select ${CONDITION_COLUMNS} from category_conditions where category_code = $1 and active
     order by code limit 1`,
    [categoryCode],
  );
  return r.rows[0] ? toCondition(r.rows[0]) : null;
}

/** The responsible-unit rules of a condition, leads first (the shape routing.rules.ts takes). */
export async function getConditionUnits(q: Queryable, conditionId: number): Promise<ConditionUnit[]> {
  const r = await q.query<ConditionUnit>(
    `select id, condition_id as "conditionId", role, unit_id as "unitId", territorial, component_owner as "componentOwner", area_code as "areaCode"
     from condition_units where condition_id = $1 order by role desc, id`,
    [conditionId],
  );
  return r.rows;
}

/** The order states with their labels (rows, so a deployment can rename them). */
export async function listOrderStates(q: Queryable): Promise<OrderStateRow[]> {
  return (await q.query<OrderStateRow>('select code, type, label_zh as "labelZh", label_en as "labelEn" from order_states order by sort')).rows;
}

export async function listNatures(q: Queryable, opts: { includeInactive?: boolean } = {}): Promise<Nature[]> {
  const r = await q.query<Nature>(
    `select code, name_zh as "nameZh", name_en as "nameEn", sort, active from natures
     where active or $1 order by sort, code`,
    [opts.includeInactive ?? false],
  );
  return r.rows;
}

export async function listChannels(q: Queryable, opts: { includeInactive?: boolean } = {}): Promise<Channel[]> {
  const r = await q.query<Channel>(
    `select code, name_zh as "nameZh", name_en as "nameEn", intake_level as "intakeLevel", sort, active
     from channels where active or $1 order by sort, code`,
    [opts.includeInactive ?? false],
  );
  return r.rows;
}
