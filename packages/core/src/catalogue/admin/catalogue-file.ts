/**
 * The catalogue as a file in the console (事件部件清单导入导出): the catalogue in use exported in the import format
 * (CATALOGUE_CSV.md) with a byte-order mark, so that Excel opens the Chinese right; a file checked (every row, all
 * the references, written and rolled back) or imported, all or nothing. Conditions taken out of use are not
 * exported (the format has no column for it), and an import leaves what the file does not name as it is, so a
 * round trip keeps them out of use.
 */
import type { Db, Queryable } from '@liandong/db';
import type { Actor } from '../../org/actor.ts';
import { assertMay } from '../../org/permissions.rules.ts';
import { recordAudit, type AdminContext } from '../../audit/audit.repository.ts';
import type { CataloguePlan, CategoryInput, ConditionInput, ConditionUnitInput } from '../catalogue.types.ts';
import { catalogueToCsv } from '../export-catalogue-csv.ts';
import { importCatalogueCsv, type ImportCatalogueResult } from '../import-catalogue.ts';

const BOM = '\uFEFF';

/** The catalogue in use as a plan: active categories and conditions, each condition's unit rules in their order. */
export async function readCataloguePlan(q: Queryable): Promise<CataloguePlan> {
  const categories = await q.query<CategoryInput>(
    `select code, kind, level, parent_code as "parentCode", name, name_en as "nameEn", standard_ref as "standardRef", sort, active
       from categories where active order by level, sort, code`,
  );
  const conditions = await q.query<ConditionInput & { responseValue: string | number; handleValue: string | number }>(
    `select c.code, c.category_code as "categoryCode", c.description, c.response_value as "responseValue", c.response_unit as "responseUnit",
            c.handle_value as "handleValue", c.handle_unit as "handleUnit", c.closing_standard as "closingStandard", c.urgency,
            c.handling_level as "handlingLevel", c.active
       from category_conditions c join categories k on k.code = c.category_code
      where c.active and k.active order by c.id`,
  );
  const units = await q.query<ConditionUnitInput>(
    `select c.code as "conditionCode", cu.role, un.code as "unitCode", cu.territorial, cu.component_owner as "componentOwner", cu.area_code as "areaCode"
       from condition_units cu join category_conditions c on c.id = cu.condition_id left join units un on un.id = cu.unit_id
      where c.active order by cu.id`,
  );
  return {
    categories: categories.rows,
    conditions: conditions.rows.map((c) => ({ ...c, responseValue: Number(c.responseValue), handleValue: Number(c.handleValue) })),
    conditionUnits: units.rows,
  };
}

export async function exportCatalogueAs(q: Queryable, actor: Actor): Promise<string> {
  assertMay(actor, 'catalogue.manage');
  return BOM + catalogueToCsv(await readCataloguePlan(q));
}

/** Checks (`check`: written then rolled back) or imports a catalogue file; a bad row is a 422 naming its line and column. */
export async function importCatalogueAs(db: Db, actor: Actor, csvText: string, ctx: AdminContext & { check?: boolean }): Promise<ImportCatalogueResult & { checked: boolean }> {
  assertMay(actor, 'catalogue.manage');
  const checked = ctx.check === true;
  const result = await importCatalogueCsv(db, csvText, { dryRun: checked });
  if (!checked) await recordAudit(db, { actor, action: 'manage_catalogue', details: { fields: ['file'] }, ip: ctx.ip ?? null, at: ctx.now });
  return { ...result, checked };
}
