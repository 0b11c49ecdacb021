/**
 * The loaded catalogue (事件部件清单) as the history needs it: every active case-opening condition (立案条件)
 * of an active minor event class, with its limits and its responsible-unit rules, and which condition a
 * category code alone resolves to (the first by id, as resolveClassification does).
 */
import type { Queryable } from '@liandong/db';
import type { TimeUnit } from '../../calendar/index.ts';
import type { UnitRule } from '../../catalogue/routing.rules.ts';

/** Who leads a condition: the territorial centre (属地), an ordinary department, or the enforcement unit. */
export type LeadKind = 'territorial' | 'department' | 'enforcement';

export interface HistoryCondition {
  id: number;
  code: string;
  categoryCode: string;
  categoryName: string;
  description: string;
  responseValue: number;
  responseUnit: TimeUnit;
  handleValue: number;
  handleUnit: TimeUnit;
  closing: string;
  urgency: string;
  handlingLevel: string;
  rules: UnitRule[];
  lead: LeadKind;
  /** The lead department, when lead is not territorial. */
  leadUnitId: number | null;
}

export interface HistoryCatalogue {
  conditions: HistoryCondition[];
  byId: Map<number, HistoryCondition>;
  byCode: Map<string, HistoryCondition>;
  /** The condition a bare category code classifies to. */
  firstOf: Map<string, HistoryCondition>;
}

interface ConditionRow {
  id: number;
  code: string;
  category_code: string;
  category_name: string;
  description: string;
  response_value: number;
  response_unit: TimeUnit;
  handle_value: number;
  handle_unit: TimeUnit;
  closing_standard: string;
  urgency: string;
  handling_level: string;
}

export async function loadHistoryCatalogue(q: Queryable, enforcementUnitIds: ReadonlySet<number>): Promise<HistoryCatalogue> {
  const r = await q.query<ConditionRow>(
    `select cc.id, cc.code, cc.category_code, c.name as category_name, cc.description, cc.response_value, cc.response_unit,
            cc.handle_value, cc.handle_unit, cc.closing_standard, cc.urgency, cc.handling_level
       from category_conditions cc join categories c on c.code = cc.category_code
      where cc.active and c.active and c.level = 'minor' and c.kind = 'event'
      order by cc.id`,
  );
  const u = await q.query<{ condition_id: number; role: 'lead' | 'co'; unit_id: number | null; territorial: boolean; component_owner: boolean; area_code: string | null }>(
    `select condition_id, role, unit_id, territorial, component_owner, area_code from condition_units order by role desc, id`,
  );
  const rules = new Map<number, UnitRule[]>();
  for (const x of u.rows) {
    const list = rules.get(x.condition_id) ?? [];
    list.push({ role: x.role, unitId: x.unit_id, territorial: x.territorial, componentOwner: x.component_owner, areaCode: x.area_code });
    rules.set(x.condition_id, list);
  }
  const conditions: HistoryCondition[] = [];
  for (const row of r.rows) {
    const mine = rules.get(row.id) ?? [];
    // The demo's rules carry no area; the general lead rule decides where the matter goes (the history's orders
    // name no component, so an owner rule gives way to it).
    const lead = mine.find((x) => x.role === 'lead' && x.areaCode == null && !x.componentOwner);
    if (!lead) continue;
    const leadKind: LeadKind = lead.territorial ? 'territorial' : enforcementUnitIds.has(lead.unitId!) ? 'enforcement' : 'department';
    conditions.push({
      id: row.id,
      code: row.code,
      categoryCode: row.category_code,
      categoryName: row.category_name,
      description: row.description,
      responseValue: Number(row.response_value),
      responseUnit: row.response_unit,
      handleValue: Number(row.handle_value),
      handleUnit: row.handle_unit,
      closing: row.closing_standard,
      urgency: row.urgency,
      handlingLevel: row.handling_level,
      rules: mine,
      lead: leadKind,
      leadUnitId: lead.territorial ? null : lead.unitId,
    });
  }
  const firstOf = new Map<string, HistoryCondition>();
  for (const c of r.rows) {
    if (firstOf.has(c.category_code)) continue;
    const found = conditions.find((x) => x.id === c.id);
    if (found) firstOf.set(c.category_code, found);
  }
  return { conditions, byId: new Map(conditions.map((c) => [c.id, c])), byCode: new Map(conditions.map((c) => [c.code, c])), firstOf };
}
