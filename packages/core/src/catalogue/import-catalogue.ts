/**
 * Imports a catalogue (事件部件清单) from CSV: one row per case-opening condition (立案条件), with its
 * category, time limits, closing standard and responsible units. The format is documented in
 * CATALOGUE_CSV.md; in short the header names these columns, in any order:
 *
 *   kind, major_code, major_name, [major_name_en], code, name, [name_en], [condition_code], condition,
 *   response_value, response_unit, handle_value, handle_unit, closing_standard, [urgency], [handling_level],
 *   lead_unit, [co_units], [area_code], [standard_ref]
 *
 * kind: event|component|事件|部件; *_unit: urgent_hours|working_hours|working_days|natural_days or
 * 紧急小时|工作时|工作日|自然日; urgency: normal|urgent|critical or 一般|紧急|特急; lead_unit: one unit code or
 * 属地 (the town sub-centre); co_units: codes or 属地 separated by ';'. A later row repeating a
 * condition_code with an area_code adds rules that apply only in that area.
 *
 * All or nothing: every row is checked first (values, agreement between rows, unit and area codes in the
 * database) and the writes run in one transaction; an invalid row throws a CatalogueImportError naming
 * its line and column in Chinese and English, and nothing is written. Categories and conditions are
 * upserted by code, so importing an edited file updates them; a condition's unit rules are replaced by
 * the file's. Rows absent from the file are left as they are.
 */
import type { Db, Queryable } from '@liandong/db';
import { CsvSyntaxError, parseCsvRecords } from '../shared/csv.ts';
import { CatalogueImportError } from './import-errors.ts';
import { labelKey, labelLookup, TIME_UNIT_ALIASES, type LabelledCode } from './import-labels.ts';
import { validateCatalogueRecords, type ImportLookups, type ImportRefs } from './import-validate.ts';
import { writeCataloguePlan } from './write-catalogue.ts';

export interface ImportCatalogueOptions {
  /** Called as conditions are written: done and total count data rows. */
  onProgress?(done: number, total: number): void;
  /** Everything is checked and written, then rolled back: the answer says what an import would do. */
  dryRun?: boolean;
}

/** Carries a dry run's result out of its transaction, rolling the transaction back. */
class DryRunDone extends Error {
  constructor(readonly result: ImportCatalogueResult) {
    super('dry run');
  }
}

export interface ImportCatalogueResult {
  categories: number;
  conditions: number;
}

export async function importCatalogueCsv(
  db: Db,
  csvText: string,
  opts: ImportCatalogueOptions = {},
): Promise<ImportCatalogueResult> {
  let records;
  try {
    records = parseCsvRecords(csvText);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    throw new CatalogueImportError({ line: e.line }, '引号未闭合', 'a quoted field is not closed');
  }
  try {
    return await db.transaction(async (tx) => {
      const result = await writeCatalogueFile(tx, records, opts);
      if (opts.dryRun) throw new DryRunDone(result);
      return result;
    });
  } catch (e) {
    if (e instanceof DryRunDone) return e.result;
    throw e;
  }
}

async function writeCatalogueFile(tx: Queryable, records: ReturnType<typeof parseCsvRecords>, opts: ImportCatalogueOptions): Promise<ImportCatalogueResult> {
  const lookups = await loadLookups(tx);
  const { plan, refs, rows } = validateCatalogueRecords(records, lookups);
  const unitIdByCode = await checkReferences(tx, refs);
  const perCondition = rows / Math.max(plan.conditions.length, 1);
  const written = await writeCataloguePlan(tx, plan, unitIdByCode, {
    onProgress: (done, total) => opts.onProgress?.(done === total ? rows : Math.round(done * perCondition), rows),
  });
  return { categories: written.categories, conditions: written.conditions };
}

async function loadLookups(q: Queryable): Promise<ImportLookups> {
  const labels = (table: 'time_units' | 'urgencies') =>
    q.query<LabelledCode>(`select code, name_zh as "nameZh", name_en as "nameEn" from ${table}`);
  const timeUnits = await labels('time_units');
  const urgencies = await labels('urgencies');
  return {
    timeUnits: labelLookup(timeUnits.rows, TIME_UNIT_ALIASES),
    urgencies: labelLookup(urgencies.rows),
    labelKey,
  };
}

/** Checks the codes the file names against the database; returns unit code → id. */
async function checkReferences(q: Queryable, refs: ImportRefs): Promise<Map<string, number>> {
  const units = await q.query<{ id: number; code: string }>(`select id, code from units where code = any($1::text[])`, [
    [...refs.units.keys()],
  ]);
  const unitIdByCode = new Map(units.rows.map((u) => [u.code, Number(u.id)]));
  for (const [code, at] of refs.units) {
    if (!unitIdByCode.has(code)) throw new CatalogueImportError(at, `单位编码 ${code} 不存在`, `no unit has the code ${code}`);
  }

  const areas = await q.query<{ code: string }>(`select code from divisions where code = any($1::text[])`, [
    [...refs.areas.keys()],
  ]);
  const knownAreas = new Set(areas.rows.map((a) => a.code));
  for (const [code, at] of refs.areas) {
    if (!knownAreas.has(code)) throw new CatalogueImportError(at, `区划代码 ${code} 不存在`, `no division has the code ${code}`);
  }

  // A code may not change kind or level: orders and components already point at it.
  const cats = await q.query<{ code: string; kind: string; level: string }>(
    `select code, kind, level from categories where code = any($1::text[])`,
    [[...refs.categories.keys()]],
  );
  for (const c of cats.rows) {
    const ref = refs.categories.get(c.code)!;
    if (ref.kind !== c.kind || ref.level !== c.level) {
      throw new CatalogueImportError(ref.at, `编码 ${c.code} 已存在，类型或层级不同（${c.kind}/${c.level}）`,
        `code ${c.code} already exists as a ${c.kind} ${c.level} category`);
    }
  }

  const conds = await q.query<{ code: string; categoryCode: string }>(
    `select code, category_code as "categoryCode" from category_conditions where code = any($1::text[])`,
    [[...refs.conditions.keys()]],
  );
  for (const c of conds.rows) {
    const ref = refs.conditions.get(c.code)!;
    if (ref.categoryCode !== c.categoryCode) {
      throw new CatalogueImportError(ref.at, `条件编码 ${c.code} 已属于小类 ${c.categoryCode}`,
        `condition code ${c.code} already belongs to category ${c.categoryCode}`);
    }
  }
  return unitIdByCode;
}
