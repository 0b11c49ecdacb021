/**
 * What the model learns from: the catalogue itself (each condition's category, major class, condition text and
 * closing standard, taught to its lead unit and to the condition), each unit's own name, the TipDM taxonomy (each
 * second- and third-level class name taught to every unit that answers its first-level class:
 * data/tipdm2020_class_to_units.csv), and the dispatches of the orders (派遣/改派 teach the unit and the order's
 * condition; 退单 teaches that the returning unit was wrong).
 */
import { readFileSync } from 'node:fs';
import type { Queryable } from '@liandong/db';
import { parseCsvTable } from '../shared/csv.ts';
import type { ConditionInfo, TrainingExample } from './dispatch-model.rules.ts';

const TAXONOMY = new URL('./data/tipdm2020_label_taxonomy.csv', import.meta.url);
const CLASS_UNITS = new URL('./data/tipdm2020_class_to_units.csv', import.meta.url);

export interface CatalogueText {
  condition: ConditionInfo;
  closingStandard: string;
  majorName: string | null;
}

/** Conditions in use with their categories and fixed lead units, and the units that may lead (departments). */
export async function loadCatalogueTexts(q: Queryable): Promise<{ conditions: CatalogueText[]; units: { code: string; name: string }[] }> {
  const c = await q.query<{ code: string; description: string; closing_standard: string; category_code: string; category_name: string; major_name: string | null; unit_code: string | null }>(
    `select cc.code, cc.description, cc.closing_standard, c.code as category_code, c.name as category_name, p.name as major_name,
            (select u.code from condition_units cu join units u on u.id = cu.unit_id
              where cu.condition_id = cc.id and cu.role = 'lead' and cu.area_code is null and u.active order by cu.id limit 1) as unit_code
       from category_conditions cc join categories c on c.code = cc.category_code left join categories p on p.code = c.parent_code
      where cc.active and c.active order by cc.code`,
  );
  const u = await q.query<{ code: string; name: string }>(`select code, name from units where active and kind = 'department' order by code`);
  return {
    conditions: c.rows.map((r) => ({
      condition: { code: r.code, description: r.description, categoryCode: r.category_code, categoryName: r.category_name, unitCode: r.unit_code },
      closingStandard: r.closing_standard,
      majorName: r.major_name,
    })),
    units: u.rows,
  };
}

/** A unit's name without the district's prefix and the bureau's suffix words that every unit shares. */
function unitWords(name: string): string {
  return name.replace(/^(苏州市)?吴江(区|分局)?/, '').replace(/[（(].*?[）)]/g, ' ');
}

export function catalogueExamples(conditions: readonly CatalogueText[], units: readonly { code: string; name: string }[]): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const c of conditions) {
    const text = [c.condition.categoryName, c.condition.categoryName, c.majorName ?? '', c.condition.description, c.closingStandard].join(' ');
    out.push({ text, unitCode: c.condition.unitCode, conditionCode: c.condition.code, weight: 1, prior: false });
  }
  for (const u of units) out.push({ text: unitWords(u.name), unitCode: u.code, conditionCode: null, weight: 1, prior: false });
  return out;
}

export interface Taxonomy {
  /** first-level class → its second- and third-level names */
  classes: Map<string, string[]>;
  /** first-level class → the unit codes that answer it */
  units: Map<string, string[]>;
}

export function readTaxonomy(): Taxonomy {
  const classes = new Map<string, string[]>();
  for (const { values: v } of parseCsvTable(readFileSync(TAXONOMY, 'utf8')).rows) {
    const l1 = v['一级分类']!;
    const list = classes.get(l1) ?? [];
    list.push(`${v['二级分类']} ${v['三级分类']}`);
    classes.set(l1, list);
  }
  const units = new Map<string, string[]>();
  for (const { values: v } of parseCsvTable(readFileSync(CLASS_UNITS, 'utf8')).rows) units.set(v['tipdm_class']!, v['unit_codes']!.split(';').filter(Boolean));
  return { classes, units };
}

/** Each taxonomy line taught to every unit of its first-level class that the deployment has. */
export function taxonomyExamples(t: Taxonomy, known: ReadonlySet<string>): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const [l1, lines] of t.classes) {
    const units = (t.units.get(l1) ?? []).filter((u) => known.has(u));
    for (const line of [l1, ...lines]) for (const u of units) out.push({ text: line, unitCode: u, conditionCode: null, weight: 1, prior: false });
  }
  return out;
}

/** Weight of a return (退单) against the unit that returned it. */
export const RETURN_WEIGHT = -1;

/**
 * The orders' dispatches, oldest first: each 派遣/改派 to a handling unit (not a sub-centre: that is a second-level
 * dispatch still to come) teaches the unit and the order's condition; each 退单 teaches the returning unit was wrong.
 */
export async function dispatchExamples(q: Queryable, afterEventId = 0): Promise<{ examples: TrainingExample[]; lastEventId: number }> {
  const r = await q.query<{ id: string; action: string; description: string; unit_code: string | null; condition_code: string | null }>(
    `select e.id, e.action, o.description, u.code as unit_code, cc.code as condition_code
       from order_events e
       join orders o on o.id = e.order_id
       left join units u on u.id = case when e.action = 'return' then e.actor_unit_id else (e.data->>'unitId')::int end
       left join category_conditions cc on cc.id = o.condition_id
      where e.id > $1 and e.action in ('dispatch', 'redispatch', 'return') and coalesce(e.data->>'secondLevel', 'false') <> 'true'
      order by e.id`,
    [afterEventId],
  );
  const examples: TrainingExample[] = [];
  let lastEventId = afterEventId;
  for (const e of r.rows) {
    lastEventId = Math.max(lastEventId, Number(e.id));
    if (!e.unit_code) continue;
    if (e.action === 'return') examples.push({ text: e.description, unitCode: e.unit_code, conditionCode: null, weight: RETURN_WEIGHT, prior: true });
    else examples.push({ text: e.description, unitCode: e.unit_code, conditionCode: e.condition_code, weight: 1, prior: true });
  }
  return { examples, lastEventId };
}
