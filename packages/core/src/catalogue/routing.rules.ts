/**
 * Routing (派单规则): a catalogue condition's responsible-unit rules + the order's location (and the component
 * it names) → the lead unit (主办) and the co-handlers (协办). Pure: the caller loads the rules, knows each
 * town's sub-centre and the component's owner (权属单位).
 *
 * Precedence: a rule for the order's own area (属地 per area) overrides the general rules of the same role,
 * the most specific area first (village > town > district > no area). Lead and co-handlers are chosen
 * independently, so an area may override only the lead and still inherit the general co-handlers.
 */
import type { HandlingLevel, UnitRole } from './catalogue.types.ts';

export interface UnitRule {
  role: UnitRole;
  unitId: number | null;
  territorial: boolean;
  /** The owner (权属单位) of the order's component; a rule that gives way to the next when there is none. */
  componentOwner: boolean;
  areaCode: string | null;
}

export interface OrderLocation {
  districtCode: string | null;
  townCode: string | null;
  villageCode: string | null;
  /** The unit that owns the component the order names, if it names one that has an owner. */
  componentOwnerId?: number | null;
}

/** townCode → the unit id of that town's sub-centre (分中心), or null when the town has none. */
export type TerritorialResolver = (townCode: string) => number | null | undefined;

export interface RouteResult {
  /** null: no rule matches or resolves; the dispatcher must choose (难定责 → 协商). */
  leadUnitId: number | null;
  /** True when the lead came from a territorial rule (the town sub-centre). */
  leadTerritorial: boolean;
  coUnitIds: number[];
}

/** How specific a rule is for this location; -1 when it belongs to another area. */
function specificity(rule: UnitRule, at: OrderLocation): number {
  if (rule.areaCode == null) return 0;
  if (rule.areaCode === at.villageCode) return 3;
  if (rule.areaCode === at.townCode) return 2;
  if (rule.areaCode === at.districtCode) return 1;
  return -1;
}

function resolveUnit(rule: UnitRule, at: OrderLocation, resolveTown: TerritorialResolver): number | null {
  if (rule.componentOwner) return at.componentOwnerId ?? null;
  if (!rule.territorial) return rule.unitId;
  return at.townCode ? (resolveTown(at.townCode) ?? null) : null;
}

/** Matching rules of one role, most specific first (stable within a tier). */
function candidates(rules: readonly UnitRule[], role: UnitRole, at: OrderLocation) {
  return rules
    .map((rule, i) => ({ rule, i, s: specificity(rule, at) }))
    .filter((c) => c.rule.role === role && c.s >= 0)
    .sort((a, b) => b.s - a.s || a.i - b.i);
}

export function resolveResponsibleUnits(
  rules: readonly UnitRule[],
  at: OrderLocation,
  resolveTown: TerritorialResolver,
): RouteResult {
  let leadUnitId: number | null = null;
  let leadTerritorial = false;
  // A lead that cannot resolve (a territorial rule with no town, an owner rule with no owned component) falls back to the next one.
  for (const { rule } of candidates(rules, 'lead', at)) {
    const id = resolveUnit(rule, at, resolveTown);
    if (id != null) {
      leadUnitId = id;
      leadTerritorial = rule.territorial;
      break;
    }
  }
  const co = candidates(rules, 'co', at);
  const tier = co.length > 0 ? co[0].s : 0;
  const coUnitIds: number[] = [];
  for (const { rule, s } of co) {
    if (s !== tier) continue;
    const id = resolveUnit(rule, at, resolveTown);
    if (id != null && id !== leadUnitId && !coUnitIds.includes(id)) coUnitIds.push(id);
  }
  return { leadUnitId, leadTerritorial, coUnitIds };
}

/** The level an order works at (orders.level). */
export type OrderLevel = 'district' | 'town' | 'village' | 'grid';

const LEVEL_OF: Record<HandlingLevel, OrderLevel> = {
  department: 'district',
  town: 'town',
  village: 'village',
  grid: 'grid',
};

/** True when the matter belongs to a functional department (职能部门事项). */
export function isDepartmentalMatter(condition: { handlingLevel: HandlingLevel }): boolean {
  return condition.handlingLevel === 'department';
}

/**
 * The level that handles an order of this condition. Matters belonging to a functional department are not
 * pushed down to the grass roots (国办函〔2025〕66号: 职能部门事项不得派给基层): a departmental condition, or
 * a lead unit that is itself a department, keeps the order at district level whatever the condition says.
 */
export function handlingLevelOf(
  condition: { handlingLevel: HandlingLevel },
  leadUnitKind?: string | null,
): OrderLevel {
  if (leadUnitKind === 'department') return 'district';
  return LEVEL_OF[condition.handlingLevel];
}
