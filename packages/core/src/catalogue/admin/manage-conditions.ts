/**
 * 立案条件维护: administrators add a case-opening condition to a minor class with its limits and responsible units,
 * change its text, limits, closing standard, urgency, handling level or use, and replace its responsible-unit rules
 * (condition-units.rules.ts says what a usable set is). Orders dispatched afterwards follow the change; clocks
 * already running keep their limits. Every change is on the audit trail.
 */
import type { Db, Queryable } from '@liandong/db';
import type { ConditionCreate, ConditionPatch, ConditionUnitInput, ConditionWithUnits } from '@liandong/contracts';
import type { Actor } from '../../org/actor.ts';
import { assertMay } from '../../org/permissions.rules.ts';
import { recordAudit, type AdminContext } from '../../audit/audit.repository.ts';
import { conflict, invalidField, notFound } from '../../shared/errors.ts';
import { CONDITION_COLUMNS, listConditionsWithUnits, replaceConditionUnits, toCondition } from '../catalogue.repository.ts';
import type { Condition } from '../catalogue.types.ts';
import { unitRulesProblem } from './condition-units.rules.ts';

export async function createCondition(db: Db, actor: Actor, categoryCode: string, input: ConditionCreate, ctx: AdminContext): Promise<ConditionWithUnits> {
  assertMay(actor, 'catalogue.manage');
  return db.transaction(async (tx) => {
    const category = await tx.query<{ level: string }>('select level from categories where code = $1', [categoryCode]);
    if (!category.rows[0]) throw notFound({ zh: '分类', en: 'Category' });
    if (category.rows[0].level !== 'minor') throw invalidField('categoryCode', '立案条件只能加在小类下', 'case-opening conditions belong to a minor class');
    await checkUnitRules(tx, input.units);
    const code = input.code ?? (await nextConditionCode(tx, categoryCode));
    const r = await tx.query<{ id: number }>(
      `insert into category_conditions (code, category_code, description, response_value, response_unit, handle_value, handle_unit,
         closing_standard, urgency, handling_level)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (code) do nothing returning id`,
      [code, categoryCode, input.description.trim(), input.responseValue, input.responseUnit, input.handleValue, input.handleUnit,
        input.closingStandard.trim(), input.urgency ?? 'normal', input.handlingLevel ?? 'department'],
    );
    if (!r.rows[0]) throw conflict('duplicate', `立案条件编码 ${code} 已存在`, `Condition code ${code} is taken`, 'code');
    const id = Number(r.rows[0].id);
    await writeUnitRules(tx, id, input.units);
    await recordAudit(tx, { actor, action: 'manage_catalogue', details: { categoryCode, conditionId: id, fields: Object.keys(input) }, ip: ctx.ip ?? null, at: ctx.now });
    return conditionWithUnits(tx, categoryCode, id);
  });
}

/** `<category>-NN`, the next number after the highest in use (as a catalogue file numbers them). */
async function nextConditionCode(q: Queryable, categoryCode: string): Promise<string> {
  const r = await q.query<{ code: string }>('select code from category_conditions where category_code = $1', [categoryCode]);
  const prefix = `${categoryCode}-`;
  const taken = r.rows.map((c) => (c.code.startsWith(prefix) ? Number(c.code.slice(prefix.length)) : 0)).filter(Number.isInteger);
  return `${prefix}${String(Math.max(0, ...taken) + 1).padStart(2, '0')}`;
}

const COLUMNS: Record<keyof ConditionPatch, string> = {
  description: 'description',
  responseValue: 'response_value',
  responseUnit: 'response_unit',
  handleValue: 'handle_value',
  handleUnit: 'handle_unit',
  closingStandard: 'closing_standard',
  urgency: 'urgency',
  handlingLevel: 'handling_level',
  active: 'active',
};

export async function updateCondition(db: Db, actor: Actor, id: number, patch: ConditionPatch, ctx: AdminContext): Promise<Condition> {
  assertMay(actor, 'catalogue.manage');
  return db.transaction(async (tx) => {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of Object.entries(COLUMNS) as [keyof ConditionPatch, string][]) {
      const value = patch[key];
      if (value === undefined) continue;
      params.push(typeof value === 'string' ? value.trim() : value);
      sets.push(`${column} = $${params.length}`);
    }
    const r = await tx.query<Condition>(`update category_conditions set ${sets.join(', ')} where id = $1 returning ${CONDITION_COLUMNS}`, params);
    if (!r.rows[0]) throw notFound({ zh: '立案条件', en: 'Case-opening condition' });
    await recordAudit(tx, { actor, action: 'manage_catalogue', details: { categoryCode: r.rows[0].categoryCode, conditionId: id, fields: Object.keys(patch) }, ip: ctx.ip ?? null, at: ctx.now });
    return toCondition(r.rows[0]);
  });
}

export async function setConditionUnits(db: Db, actor: Actor, id: number, units: ConditionUnitInput[], ctx: AdminContext): Promise<ConditionWithUnits> {
  assertMay(actor, 'catalogue.manage');
  return db.transaction(async (tx) => {
    const r = await tx.query<{ category_code: string }>('select category_code from category_conditions where id = $1 for update', [id]);
    if (!r.rows[0]) throw notFound({ zh: '立案条件', en: 'Case-opening condition' });
    await checkUnitRules(tx, units);
    await writeUnitRules(tx, id, units);
    await recordAudit(tx, { actor, action: 'manage_catalogue', details: { categoryCode: r.rows[0].category_code, conditionId: id, fields: ['units'] }, ip: ctx.ip ?? null, at: ctx.now });
    return conditionWithUnits(tx, r.rows[0].category_code, id);
  });
}

/** The set's shape (condition-units.rules.ts), then every unit in use and every area a division. */
async function checkUnitRules(q: Queryable, units: readonly ConditionUnitInput[]): Promise<void> {
  const problem = unitRulesProblem(units);
  if (problem) throw invalidField(problem.field, problem.zh, problem.en);
  const unitIds = [...new Set(units.flatMap((u) => (u.unitId == null ? [] : [u.unitId])))];
  const areaCodes = [...new Set(units.flatMap((u) => (u.areaCode == null ? [] : [u.areaCode])))];
  const found = await q.query<{ kind: 'unit' | 'area'; key: string }>(
    `select 'unit' as kind, id::text as key from units where id = any($1::int[]) and active
     union all select 'area', code from divisions where code = any($2::text[])`,
    [unitIds, areaCodes],
  );
  const known = new Set(found.rows.map((f) => `${f.kind}:${f.key}`));
  for (const [i, u] of units.entries()) {
    if (u.unitId != null && !known.has(`unit:${u.unitId}`)) throw invalidField(`units[${i}].unitId`, `第 ${i + 1} 条的单位不存在或已停用`, `the unit of rule ${i + 1} does not exist or is disabled`);
    if (u.areaCode != null && !known.has(`area:${u.areaCode}`)) throw invalidField(`units[${i}].areaCode`, `第 ${i + 1} 条的区域不存在`, `the area of rule ${i + 1} is not a known division`);
  }
}

async function writeUnitRules(q: Queryable, conditionId: number, units: readonly ConditionUnitInput[]): Promise<void> {
  await replaceConditionUnits(
    q,
    [conditionId],
    units.map((u) => ({
      conditionId,
      role: u.role,
      unitId: u.unitId ?? null,
      territorial: u.territorial ?? false,
      componentOwner: u.componentOwner ?? false,
      areaCode: u.areaCode ?? null,
    })),
  );
}

async function conditionWithUnits(q: Queryable, categoryCode: string, id: number): Promise<ConditionWithUnits> {
  return (await listConditionsWithUnits(q, categoryCode)).find((c) => c.id === id)!;
}
