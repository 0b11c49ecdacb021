/**
 * Administration of the territory in the console (系统管理 · 网格): grid files checked feature by feature and
 * imported, and a grid's attributes corrected. The catalogue's editing is in catalogue-admin.ts.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { GridViewSchema } from './territory.ts';
import { CRS_CODES, literals } from './vocabulary.ts';

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
  updateGrid: route({
    method: 'PATCH',
    path: '/api/v1/admin/grids/:code',
    tags: ['admin'],
    summary: '修改网格属性 Correct a grid’s name, households, population or enterprises',
    params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }),
    body: GridPatchBody,
    response: { 200: GridViewSchema },
  }),
};
