/**
 * Administration in the console (系统管理), beyond the CLI: grid files checked feature by feature and imported,
 * and the catalogue's case-opening conditions edited (limits, closing standard, urgency, in use or not).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { ConditionSchema } from './catalogue.ts';
import { GridViewSchema } from './territory.ts';
import { CRS_CODES, literals, TIME_UNITS } from './vocabulary.ts';

/** A GeoJSON FeatureCollection of grids (GRIDS in the README: code, name, kind, village/town codes, …). */
export const GridFileBody = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 20_000, description: 'each feature is checked on its own; the problems are answered per feature' }),
  },
  { description: 'a GeoJSON FeatureCollection; other members (name, crs) are ignored' },
);
export const GridFileQuery = Obj({ crs: Type.Optional(literals(CRS_CODES, { description: 'the file’s coordinate system (GCJ-02 when drawn on AMap); default wgs84' })) });

export const ImportProblemSchema = Obj({
  feature: Nullable(Type.Integer({ description: 'index in features (0-based); null for the file as a whole' })),
  field: Type.String(),
  message: Type.String({ description: 'in the request’s language' }),
});
export const GridCheckSchema = Obj({
  features: Type.Integer(),
  valid: Type.Integer({ description: 'features without a problem' }),
  problems: Type.Array(ImportProblemSchema, { description: 'every problem found, by feature (at most 200)' }),
});
export type GridCheck = Static<typeof GridCheckSchema>;

export const ConditionPatchBody = Type.Object(
  {
    responseValue: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 365, description: '签收（响应）时限' })),
    responseUnit: Type.Optional(literals(TIME_UNITS)),
    handleValue: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 365, description: '办结（处置）时限' })),
    handleUnit: Type.Optional(literals(TIME_UNITS)),
    closingStandard: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: '结案标准' })),
    urgency: Type.Optional(literals(['normal', 'urgent', 'critical'] as const)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ConditionPatch = Static<typeof ConditionPatchBody>;

const Count = (description: string) => Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000, description })));
export const GridPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '网格名称' })),
    households: Count('户数'),
    population: Count('实有人口'),
    enterprises: Count('企业（单位）数'),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type GridPatch = Static<typeof GridPatchBody>;

export const CatalogueImportQuery = Obj({
  check: Type.Optional(Type.Boolean({ description: 'true: check every row and reference, write nothing' })),
});
export const CatalogueImportSchema = Obj({
  categories: Type.Integer({ description: 'categories written (or that would be)' }),
  conditions: Type.Integer({ description: 'case-opening conditions written (or that would be)' }),
  checked: Type.Boolean({ description: 'true: only checked, nothing written' }),
});

export const adminRoutes = {
  checkGrids: route({
    method: 'POST',
    path: '/api/v1/admin/grids/check',
    tags: ['admin'],
    summary: '网格导入校验 Check a grid file feature by feature against the territory; nothing is written',
    querystring: GridFileQuery,
    body: GridFileBody,
    response: { 200: GridCheckSchema },
  }),
  importGrids: route({
    method: 'POST',
    path: '/api/v1/admin/grids/import',
    tags: ['admin'],
    summary: '网格导入 Import a grid file: all or nothing (a file with any problem is refused, naming it)',
    querystring: GridFileQuery,
    body: GridFileBody,
    response: { 200: Obj({ inserted: Type.Integer(), updated: Type.Integer() }) },
  }),
  updateCondition: route({
    method: 'PATCH',
    path: '/api/v1/admin/catalogue/conditions/:id',
    tags: ['admin'],
    summary: '修改立案条件 Change a case-opening condition’s limits, closing standard, urgency or use; orders dispatched later follow it',
    params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
    body: ConditionPatchBody,
    response: { 200: ConditionSchema },
  }),
  updateGrid: route({
    method: 'PATCH',
    path: '/api/v1/admin/grids/:code',
    tags: ['admin'],
    summary: '修改网格属性 Correct a grid’s name, households, population or enterprises',
    params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }),
    body: GridPatchBody,
    response: { 200: GridViewSchema },
  }),
  exportCatalogue: route({
    method: 'GET',
    path: '/api/v1/admin/catalogue/export',
    tags: ['admin'],
    summary: '导出事件部件清单 The catalogue in use as CSV (UTF-8 with BOM), the import format: edit it in a spreadsheet and import it again',
    binary: true,
    contentType: 'text/csv',
    response: { 200: Type.String({ description: 'CSV' }) },
  }),
  importCatalogue: route({
    method: 'POST',
    path: '/api/v1/admin/catalogue/import',
    tags: ['admin'],
    summary: '导入事件部件清单 Check or import a catalogue CSV (text/csv): all or nothing; a bad row is a 422 naming its line and column',
    querystring: CatalogueImportQuery,
    body: Type.String({ description: 'the CSV file (text/csv, UTF-8)' }),
    response: { 200: CatalogueImportSchema },
  }),
};
