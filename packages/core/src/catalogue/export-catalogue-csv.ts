/**
 * Writes a catalogue plan in the import format (CATALOGUE_CSV.md), so that a catalogue built in code (the
 * demo's) can be handed to an administrator as a file to edit and import again.
 */
import type { CataloguePlan, CategoryInput, ConditionUnitInput } from './catalogue.types.ts';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS, type Column } from './import-header.ts';

export const CATALOGUE_CSV_COLUMNS: readonly Column[] = [
  'kind', 'major_code', 'major_name', 'major_name_en', 'code', 'name', 'name_en', 'condition_code', 'condition',
  'response_value', 'response_unit', 'handle_value', 'handle_unit', 'closing_standard', 'urgency',
  'handling_level', 'lead_unit', 'co_units', 'area_code', 'standard_ref',
];
// Every known column is written, so an exported file round-trips.
if (CATALOGUE_CSV_COLUMNS.length !== REQUIRED_COLUMNS.length + OPTIONAL_COLUMNS.length) {
  throw new Error('CATALOGUE_CSV_COLUMNS is out of step with import-header.ts');
}

/** Quotes a value for CSV when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  const s = value == null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const unitToken = (u: ConditionUnitInput) => (u.territorial ? '属地' : u.componentOwner ? '权属单位' : (u.unitCode ?? ''));

/** One row per condition (its default units), then one row per area that has its own units. */
export function catalogueToCsv(plan: CataloguePlan): string {
  const categories = new Map<string, CategoryInput>(plan.categories.map((c) => [c.code, c]));
  const unitsByCondition = new Map<string, ConditionUnitInput[]>();
  for (const u of plan.conditionUnits) {
    const list = unitsByCondition.get(u.conditionCode) ?? [];
    list.push(u);
    unitsByCondition.set(u.conditionCode, list);
  }
  const lines = [CATALOGUE_CSV_COLUMNS.join(',')];
  for (const cond of plan.conditions) {
    const minor = categories.get(cond.categoryCode);
    const major = minor?.parentCode ? categories.get(minor.parentCode) : undefined;
    if (!minor || !major) throw new Error(`Condition ${cond.code}: category ${cond.categoryCode} or its major is missing`);
    const units = unitsByCondition.get(cond.code) ?? [];
    const areas = [null, ...new Set(units.map((u) => u.areaCode).filter((a): a is string => a != null))];
    areas.forEach((area, i) => {
      const here = units.filter((u) => u.areaCode === area);
      const first = i === 0;
      const values: Record<Column, string | number | null> = {
        kind: minor.kind,
        major_code: major.code,
        major_name: major.name,
        major_name_en: major.nameEn,
        code: minor.code,
        name: minor.name,
        name_en: minor.nameEn,
        condition_code: cond.code,
        condition: first ? cond.description : null,
        response_value: first ? cond.responseValue : null,
        response_unit: first ? cond.responseUnit : null,
        handle_value: first ? cond.handleValue : null,
        handle_unit: first ? cond.handleUnit : null,
        closing_standard: first ? cond.closingStandard : null,
        urgency: first ? cond.urgency : null,
        handling_level: first ? cond.handlingLevel : null,
        lead_unit: here.filter((u) => u.role === 'lead').map(unitToken).join(';'),
        co_units: here.filter((u) => u.role === 'co').map(unitToken).join(';'),
        area_code: area,
        standard_ref: minor.standardRef,
      };
      lines.push(CATALOGUE_CSV_COLUMNS.map((c) => csvField(values[c])).join(','));
    });
  }
  return lines.join('\r\n') + '\r\n';
}
