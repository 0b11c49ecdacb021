/**
 * What makes a condition's responsible-unit rules (责任单位) a set routing can use, the same as a catalogue file
 * states it (CATALOGUE_CSV.md, lead_unit/co_units/area_code): each rule names exactly one target — a unit, the
 * territorial sub-centre (属地) or the component's owner (权属单位); per area (or everywhere) at most one lead, or
 * the owner followed by the unit that leads when the component has none; a lead everywhere; no rule twice. Pure:
 * whether units and areas exist is checked against the database by the caller.
 */
import type { UnitRole } from '../catalogue.types.ts';

export interface UnitRuleDraft {
  role: UnitRole;
  unitId?: number | null;
  territorial?: boolean;
  componentOwner?: boolean;
  areaCode?: string | null;
}

export interface UnitRuleProblem {
  /** e.g. `units[2].unitId`, or `units` for the set as a whole */
  field: string;
  zh: string;
  en: string;
}

const targetOf = (r: UnitRuleDraft): string => (r.componentOwner ? 'owner' : r.territorial ? 'territorial' : `unit:${r.unitId}`);

/**
 * Whether the leads of one area (each: is it the component's owner?) are a usable set: one lead, or the owner
 * followed by the unit that leads when the component has none. The catalogue file (import-validate.ts) and the
 * editor both ask this.
 */
export function leadsAgree(isOwner: readonly boolean[]): boolean {
  return isOwner.length <= 1 || (isOwner.length === 2 && isOwner[0]! && !isOwner[1]!);
}

export function unitRulesProblem(rules: readonly UnitRuleDraft[]): UnitRuleProblem | null {
  const seen = new Set<string>();
  const leadsByArea = new Map<string, UnitRuleDraft[]>();
  for (const [i, r] of rules.entries()) {
    const nth = { zh: `第 ${i + 1} 条`, en: `rule ${i + 1}` };
    const targets = Number(r.unitId != null) + Number(Boolean(r.territorial)) + Number(Boolean(r.componentOwner));
    if (targets !== 1) {
      return {
        field: `units[${i}].unitId`,
        zh: `${nth.zh}须且只能选一个：指定单位、属地或权属单位`,
        en: `${nth.en} must name exactly one of a unit, territorial or the component's owner`,
      };
    }
    const key = `${r.role}|${targetOf(r)}|${r.areaCode ?? ''}`;
    if (seen.has(key)) return { field: `units[${i}]`, zh: `${nth.zh}与前面的规则重复`, en: `${nth.en} repeats an earlier rule` };
    seen.add(key);
    if (r.role === 'lead') leadsByArea.set(r.areaCode ?? '', [...(leadsByArea.get(r.areaCode ?? '') ?? []), r]);
  }
  for (const [area, leads] of leadsByArea) {
    if (!leadsAgree(leads.map((l) => Boolean(l.componentOwner)))) {
      return {
        field: 'units',
        zh: `${area ? `区域 ${area} 的` : ''}主办单位只能有一个（或先“权属单位”，再写无权属单位时的主办单位）`,
        en: `${area ? `area ${area} has` : 'there is'} more than one lead (only the component's owner may come first, followed by the unit that leads when there is none)`,
      };
    }
  }
  if (!leadsByArea.has('')) return { field: 'units', zh: '须有一条不限区域的主办单位', en: 'a lead unit for every area (no area set) is required' };
  return null;
}
