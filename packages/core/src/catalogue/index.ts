export type * from './catalogue.types.ts';
export { HANDLING_LEVELS, TIME_UNITS } from './catalogue.types.ts';
export {
  defaultConditionFor,
  getCategory,
  getCondition,
  getConditionByCode,
  getConditionUnits,
  listCategories,
  listChannels,
  listConditions,
  listNatures,
  replaceConditionUnits,
  upsertCategories,
  upsertConditions,
  type CategoryFilter,
} from './catalogue.repository.ts';
export type { ConditionUnitRow } from './catalogue.upserts.ts';
export {
  handlingLevelOf,
  isDepartmentalMatter,
  resolveResponsibleUnits,
  type OrderLevel,
  type OrderLocation,
  type RouteResult,
  type TerritorialResolver,
  type UnitRule,
} from './routing.rules.ts';
export { importCatalogueCsv, type ImportCatalogueOptions, type ImportCatalogueResult } from './import-catalogue.ts';
export { CatalogueImportError, type CsvPosition } from './import-errors.ts';
export { catalogueToCsv, CATALOGUE_CSV_COLUMNS, csvField } from './export-catalogue-csv.ts';
export { writeCataloguePlan, type WriteCatalogueOptions, type WriteCatalogueResult } from './write-catalogue.ts';
