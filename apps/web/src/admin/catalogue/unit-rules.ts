/**
 * A condition's responsible-unit rules as the form edits them — each row a role, a target (a unit, 属地 or 权属单位)
 * and an area — and as the API states them (ConditionWithUnits.units in, ConditionUnitInput out).
 */
import type { ConditionUnitInput, ConditionWithUnits } from '@liandong/contracts';

export type RuleTarget = 'unit' | 'territorial' | 'owner';

export interface RuleRow {
  role: 'lead' | 'co';
  target: RuleTarget;
  unitId?: number | null;
  areaCode?: string | null;
}

export const NEW_RULE: RuleRow = { role: 'co', target: 'unit' };
export const FIRST_RULE: RuleRow = { role: 'lead', target: 'unit' };

export function rowsOf(units: ConditionWithUnits['units']): RuleRow[] {
  return units.map((u) => ({
    role: u.role,
    target: u.componentOwner ? 'owner' : u.territorial ? 'territorial' : 'unit',
    unitId: u.unit?.id ?? null,
    areaCode: u.area?.code ?? null,
  }));
}

export function rulesOf(rows: readonly RuleRow[]): ConditionUnitInput[] {
  return rows.map((r) => ({
    role: r.role,
    unitId: r.target === 'unit' ? (r.unitId ?? null) : null,
    territorial: r.target === 'territorial',
    componentOwner: r.target === 'owner',
    areaCode: r.areaCode ?? null,
  }));
}
