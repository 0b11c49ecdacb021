/**
 * Turns the records of a catalogue CSV into a plan (rows keyed by codes), checking each value and the
 * agreement between rows. Pure: references to the database (unit codes, area codes, existing categories
 * and conditions) are collected with their position and checked by the caller. Format: CATALOGUE_CSV.md.
 */
import type { CsvRecord } from '../shared/csv.ts';
import type { CataloguePlan, CategoryInput, ConditionInput, TimeUnit } from './catalogue.types.ts';
import { CatalogueImportError, type CsvPosition } from './import-errors.ts';
import {
  CODE_PATTERN,
  isComponentOwnerToken,
  isTerritorialToken,
  parseAreaCode,
  parseHandlingLevel,
  parseKind,
  parsePositiveNumber,
  splitUnitList,
} from './import-labels.ts';
import { readHeader, type Column } from './import-header.ts';
import { leadsAgree } from './admin/condition-units.rules.ts';

export interface ImportLookups {
  /** label or code → time unit code */
  timeUnits: ReadonlyMap<string, string>;
  /** label or code → urgency code */
  urgencies: ReadonlyMap<string, string>;
  labelKey(s: string): string;
}

/** Codes the file refers to, each with the first place it appears. */
export interface ImportRefs {
  units: Map<string, CsvPosition>;
  areas: Map<string, CsvPosition>;
  categories: Map<string, { at: CsvPosition; kind: string; level: string }>;
  conditions: Map<string, { at: CsvPosition; categoryCode: string }>;
}

export interface ValidatedImport {
  plan: CataloguePlan;
  refs: ImportRefs;
  rows: number;
}

interface ConditionDraft {
  input: ConditionInput;
  areas: Set<string>; // '' = the default (no-area) rule set
}

export function validateCatalogueRecords(records: readonly CsvRecord[], lookups: ImportLookups): ValidatedImport {
  if (records.length === 0) throw new CatalogueImportError({ line: 1 }, '文件为空', 'the file is empty');
  const header = readHeader(records[0]);
  const data = records.slice(1).filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (data.length === 0) throw new CatalogueImportError({ line: 1 }, '没有数据行', 'there are no data rows');

  const categories = new Map<string, CategoryInput>();
  const conditions = new Map<string, ConditionDraft>();
  const plan: CataloguePlan = { categories: [], conditions: [], conditionUnits: [] };
  const refs: ImportRefs = { units: new Map(), areas: new Map(), categories: new Map(), conditions: new Map() };
  const generatedPerCategory = new Map<string, number>();
  const condCol: Column = header.has('condition_code') ? 'condition_code' : 'code';

  for (const rec of data) {
    // Missing trailing cells read as empty (some editors drop them); extra non-empty cells are an error.
    const extra = rec.fields.slice(header.count).findIndex((f) => f.trim() !== '');
    if (extra >= 0) {
      const column = { index: header.count + extra + 1, name: '?' };
      throw new CatalogueImportError({ line: rec.line, column }, `多出的列：表头只有 ${header.count} 列`,
        `an extra cell: the header has only ${header.count} columns`);
    }
    const pos = (c: Column): CsvPosition => ({ line: rec.line, column: { index: header.index(c) + 1, name: c } });
    const fail = (c: Column, zh: string, en: string): never => {
      throw new CatalogueImportError(pos(c), zh, en);
    };
    const get = (c: Column): string => (header.has(c) ? (rec.fields[header.index(c)] ?? '').trim() : '');
    const required = (c: Column): string => get(c) || fail(c, '不能为空', 'must not be empty');
    const code = (c: Column): string => {
      const v = required(c);
      return CODE_PATTERN.test(v) ? v : fail(c, `编码“${v}”只能由字母、数字、点、横线组成`, `code "${v}" may hold only letters, digits, '.', '-' or '_'`);
    };
    const agree = (c: Column, before: string | null, now: string | null): void => {
      if (before && now && before !== now) fail(c, `与前面的行不一致（“${before}”）`, `disagrees with an earlier row ("${before}")`);
    };

    // ── categories: the major and the minor this row belongs to ──
    const kindText = required('kind');
    const kind = parseKind(kindText) ?? fail('kind', `类型“${kindText}”无效，应为 事件 或 部件`, `kind "${kindText}" must be event or component`);
    const majorCode = code('major_code');
    const minorCode = code('code');
    if (minorCode === majorCode) fail('code', '小类编码不能与大类编码相同', 'the minor code must differ from the major code');
    const upsert = (c: Column, input: CategoryInput, nameCol: Column) => {
      const seen = categories.get(input.code);
      if (!seen) {
        categories.set(input.code, input);
        plan.categories.push(input);
        refs.categories.set(input.code, { at: pos(c), kind: input.kind, level: input.level });
        return;
      }
      if (seen.level !== input.level) fail(c, `编码 ${input.code} 已用作${seen.level === 'major' ? '大类' : '小类'}`, `code ${input.code} is already used as a ${seen.level} category`);
      agree('kind', seen.kind, input.kind);
      agree(nameCol, seen.name, input.name);
      if (input.level === 'minor') agree('major_code', seen.parentCode, input.parentCode);
      if (input.level === 'minor') agree('standard_ref', seen.standardRef, input.standardRef);
      seen.nameEn ??= input.nameEn;
      seen.standardRef ??= input.standardRef;
    };
    const standardRef = get('standard_ref') || null;
    upsert('major_code', { code: majorCode, kind, level: 'major', parentCode: null, name: required('major_name'),
      nameEn: get('major_name_en') || null, standardRef, sort: categories.size + 1 }, 'major_name');
    upsert('code', { code: minorCode, kind, level: 'minor', parentCode: majorCode, name: required('name'),
      nameEn: get('name_en') || null, standardRef, sort: categories.size + 1 }, 'name');

    // ── the condition, or an area-specific rule set of a condition seen on an earlier row ──
    let conditionCode = get('condition_code');
    if (conditionCode && !CODE_PATTERN.test(conditionCode)) code('condition_code');
    const draft = conditionCode ? conditions.get(conditionCode) : undefined;
    if (!conditionCode) {
      const n = (generatedPerCategory.get(minorCode) ?? 0) + 1;
      generatedPerCategory.set(minorCode, n);
      conditionCode = `${minorCode}-${String(n).padStart(2, '0')}`;
      if (conditions.has(conditionCode)) fail(condCol, `自动生成的条件编码 ${conditionCode} 与其他行重复`, `the generated condition code ${conditionCode} repeats another row's`);
    }
    const timeUnit = (c: Column): TimeUnit | null => {
      const v = get(c);
      if (!v) return null;
      return (lookups.timeUnits.get(lookups.labelKey(v)) as TimeUnit | undefined) ??
        fail(c, `时间单位“${v}”无效，应为 紧急小时/工作时/工作日/自然日`, `time unit "${v}" must be urgent_hours, working_hours, working_days or natural_days`);
    };
    const number = (c: Column): number | null => {
      const v = get(c);
      if (!v) return null;
      return parsePositiveNumber(v) ?? fail(c, `“${v}”不是正数`, `"${v}" is not a positive number`);
    };
    const parsed = {
      description: get('condition') || null,
      responseValue: number('response_value'),
      responseUnit: timeUnit('response_unit'),
      handleValue: number('handle_value'),
      handleUnit: timeUnit('handle_unit'),
      closingStandard: get('closing_standard') || null,
      urgency: get('urgency') ? (lookups.urgencies.get(lookups.labelKey(get('urgency'))) ??
        fail('urgency', `紧急程度“${get('urgency')}”无效，应为 一般/紧急/特急`, `urgency "${get('urgency')}" must be normal, urgent or critical`)) : null,
      handlingLevel: get('handling_level') ? (parseHandlingLevel(get('handling_level')) ??
        fail('handling_level', `处置层级“${get('handling_level')}”无效，应为 部门/镇/村/网格`, `handling level "${get('handling_level')}" must be department, town, village or grid`)) : null,
    };
    const areaText = get('area_code');
    const areaCode = areaText ? (parseAreaCode(areaText) ?? fail('area_code', `区划代码“${areaText}”应为 6、9 或 12 位数字`, `division code "${areaText}" must have 6, 9 or 12 digits`)) : null;
    if (areaCode && !refs.areas.has(areaCode)) refs.areas.set(areaCode, pos('area_code'));

    if (!draft) {
      if (areaCode) fail('area_code', '立案条件的第一行须不填区域（默认责任单位），按区域的责任单位写在其后同编码的行', "a condition's first row must leave area_code empty (its default units); area rules follow on rows with the same condition_code");
      const input: ConditionInput = {
        code: conditionCode,
        categoryCode: minorCode,
        description: parsed.description ?? required('condition'),
        responseValue: parsed.responseValue ?? Number(required('response_value')),
        responseUnit: parsed.responseUnit ?? (required('response_unit') as TimeUnit),
        handleValue: parsed.handleValue ?? Number(required('handle_value')),
        handleUnit: parsed.handleUnit ?? (required('handle_unit') as TimeUnit),
        closingStandard: parsed.closingStandard ?? required('closing_standard'),
        urgency: parsed.urgency ?? 'normal',
        handlingLevel: parsed.handlingLevel ?? 'department',
      };
      conditions.set(conditionCode, { input, areas: new Set(['']) });
      plan.conditions.push(input);
      refs.conditions.set(conditionCode, { at: pos(condCol), categoryCode: minorCode });
    } else {
      const area = areaCode ?? fail('area_code', `条件编码 ${conditionCode} 重复；重复的行须填写区域`, `condition_code ${conditionCode} repeats; a repeated row must name an area`);
      if (draft.areas.has(area)) fail('area_code', `条件 ${conditionCode} 的区域 ${area} 重复`, `area ${area} repeats for condition ${conditionCode}`);
      draft.areas.add(area);
      agree('code', draft.input.categoryCode, minorCode);
      const i = draft.input;
      const same: [Column, unknown, unknown][] = [
        ['condition', i.description, parsed.description], ['response_value', i.responseValue, parsed.responseValue],
        ['response_unit', i.responseUnit, parsed.responseUnit], ['handle_value', i.handleValue, parsed.handleValue],
        ['handle_unit', i.handleUnit, parsed.handleUnit], ['closing_standard', i.closingStandard, parsed.closingStandard],
        ['urgency', i.urgency, parsed.urgency], ['handling_level', i.handlingLevel, parsed.handlingLevel],
      ];
      for (const [c, before, now] of same) if (now !== null) agree(c, String(before), String(now));
    }

    // ── responsible units of this row (for its area, or the default set) ──
    const leadTokens = splitUnitList(get('lead_unit'));
    // One lead; "权属单位" (the component's owner) may come first, with the unit that leads when there is none.
    if (!leadsAgree(leadTokens.map(isComponentOwnerToken))) {
      fail('lead_unit', '主办单位只能有一个（可写“权属单位;单位编码”：有权属单位时由其主办，否则由该单位主办）', 'there can be only one lead unit (or "owner;UNIT": the component\'s owner leads, else that unit)');
    }
    if (leadTokens.length === 0 && !draft) required('lead_unit');
    if (draft && leadTokens.length === 0 && !get('co_units')) {
      fail('lead_unit', '按区域的行须填写主办或协办单位', 'an area row must name a lead or co-handling unit');
    }
    const unitRule = (c: Column, role: 'lead' | 'co', token: string) => {
      if (isTerritorialToken(token)) {
        plan.conditionUnits.push({ conditionCode, role, unitCode: null, territorial: true, componentOwner: false, areaCode });
        return;
      }
      if (isComponentOwnerToken(token)) {
        plan.conditionUnits.push({ conditionCode, role, unitCode: null, territorial: false, componentOwner: true, areaCode });
        return;
      }
      if (!CODE_PATTERN.test(token)) fail(c, `单位编码“${token}”无效`, `unit code "${token}" is not valid`);
      if (!refs.units.has(token)) refs.units.set(token, pos(c));
      plan.conditionUnits.push({ conditionCode, role, unitCode: token, territorial: false, componentOwner: false, areaCode });
    };
    for (const t of leadTokens) unitRule('lead_unit', 'lead', t);
    for (const t of new Set(splitUnitList(get('co_units')))) unitRule('co_units', 'co', t);
  }
  return { plan, refs, rows: data.length };
}
