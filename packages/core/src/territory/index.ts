/** Territory (区划/网格): divisions, grids, the point → grid index, components, and their imports. */
export * from './types.ts';
export * from './geometry.ts';
export * from './coordinates.ts';
export * from './divisions.ts';
export { TerritoryIndex } from './territory-index.ts';
export { gridView, gridViews } from './grid-view.ts';
export { TerritoryService, type TerritoryServiceOptions } from './territory-service.ts';
export {
  TERRITORY_VERSION_KEY,
  bumpTerritoryVersion,
  existingCodes,
  getGrid,
  inTransaction,
  listGrids,
  loadGridShapes,
  territoryVersion,
  upsertDivisions,
  upsertGrids,
  type GridFilter,
  type UpsertOptions,
} from './territory.repository.ts';
export * from './components/index.ts';
export { CsvSyntaxError, detectDelimiter, parseCsv, parseCsvRecords, parseCsvTable, type CsvOptions, type CsvRecord, type CsvTable } from '../shared/csv.ts';
export { ImportValidationError, featureError, fileError, lineError } from './import-errors.ts';
export { validateGeometry, validateGridFeature } from './grid-feature.ts';
export { importGridsGeoJson, validateGridCollection, MAX_IMPORT_FEATURES, type ImportGridsOptions } from './import-grids.ts';
export { importDivisionsCsv, parseDivisionsCsv, type ImportDivisionsOptions } from './import-divisions.ts';
export { describePoint } from './describe-point.ts';
export { MapLayers, MAP_ZOOMS, type LayerFeature } from './map/map-layers.ts';
export { checkGridFile, importGridFile } from './grid-files.ts';
