/**
 * Writes a catalogue plan (rows keyed by codes) with batched upserts: categories, then conditions, then
 * the responsible-unit rules of each written condition (replaced, not appended, so re-runs converge).
 * Run it inside a transaction: a failure half-way must leave the previous catalogue intact.
 */
import type { Queryable } from '@liandong/db';
import { replaceConditionUnits, upsertCategories, upsertConditions, type ConditionUnitRow } from './catalogue.upserts.ts';
import type { CataloguePlan, ConditionInput } from './catalogue.types.ts';

export interface WriteCatalogueOptions {
  /** Conditions per batch; progress is reported after each. */
  batchSize?: number;
  onProgress?(conditionsDone: number, conditionsTotal: number): void;
}

export interface WriteCatalogueResult {
  categories: number;
  conditions: number;
  conditionUnits: number;
}

export async function writeCataloguePlan(
  q: Queryable,
  plan: CataloguePlan,
  unitIdByCode: ReadonlyMap<string, number>,
  opts: WriteCatalogueOptions = {},
): Promise<WriteCatalogueResult> {
  const conditionCodes = new Set(plan.conditions.map((c) => c.code));
  const unitsByCondition = new Map<string, Omit<ConditionUnitRow, 'conditionId'>[]>();
  // Resolve every unit code before writing anything, so a bad code fails without a partial write.
  for (const u of plan.conditionUnits) {
    if (!conditionCodes.has(u.conditionCode)) throw new Error(`Unit rule for unknown condition ${u.conditionCode}`);
    let unitId: number | null = null;
    if (!u.territorial && !u.componentOwner) {
      const id = u.unitCode == null ? undefined : unitIdByCode.get(u.unitCode);
      if (id === undefined) throw new Error(`Unknown unit code ${u.unitCode ?? '(none)'} for condition ${u.conditionCode}`);
      unitId = id;
    }
    const list = unitsByCondition.get(u.conditionCode) ?? [];
    list.push({ role: u.role, unitId, territorial: u.territorial, componentOwner: u.componentOwner, areaCode: u.areaCode });
    unitsByCondition.set(u.conditionCode, list);
  }

  const categories = await upsertCategories(q, plan.categories);
  const batchSize = opts.batchSize ?? 500;
  const total = plan.conditions.length;
  let conditionUnits = 0;
  for (let start = 0; start < total; start += batchSize) {
    const batch: ConditionInput[] = plan.conditions.slice(start, start + batchSize);
    const ids = await upsertConditions(q, batch);
    const rows: ConditionUnitRow[] = [];
    for (const [code, conditionId] of ids) {
      for (const row of unitsByCondition.get(code) ?? []) rows.push({ conditionId, ...row });
    }
    conditionUnits += await replaceConditionUnits(q, [...ids.values()], rows);
    opts.onProgress?.(start + batch.length, total);
  }
  if (total === 0) opts.onProgress?.(0, 0);
  return { categories, conditions: total, conditionUnits };
}
