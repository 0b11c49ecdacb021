import { Type, type Static } from '@sinclair/typebox';
import { NamedRef, Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { CRS_CODES, literals } from './vocabulary.ts';

export const SPECIALTIES = ['work_safety', 'fire', 'environment', 'labour'] as const;
export type Specialty = (typeof SPECIALTIES)[number];

const point = {
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Optional(literals(CRS_CODES)),
};
export const LookupQuery = Obj(point);
export const NearestQuery = Obj({
  ...point,
  radius: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 2000, description: 'metres, default 50' })),
  category: Type.Optional(Type.String({ maxLength: 20, description: 'component category code or prefix, e.g. B01 or B01001' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
});

/** Where a point lies: its basic grid (基础网格), professional grids (专业网格) and divisions up to the city (市). */
export const LookupSchema = Obj({
  wgs84: Obj({ lng: Type.Number(), lat: Type.Number() }),
  grid: Nullable(Obj({ code: Type.String(), name: Type.String() })),
  professionalGrids: Type.Array(Obj({ code: Type.String(), name: Type.String(), specialty: literals(SPECIALTIES) })),
  village: NamedRef,
  town: NamedRef,
  district: NamedRef,
  city: NamedRef,
});

/** A component (部件) near a point, with its owner. */
export const ComponentMatchSchema = Obj({
  code: Type.String({ description: '17 digits: division + category + sequence' }),
  categoryCode: Type.String(),
  name: Type.String(),
  lng: Type.Number(),
  lat: Type.Number(),
  ownerUnitId: Nullable(Type.Integer()),
  ownerUnitCode: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  gridCode: Nullable(Type.String()),
  status: Type.String(),
  distanceMeters: Type.Number(),
});
export type Lookup = Static<typeof LookupSchema>;
export type ComponentMatchView = Static<typeof ComponentMatchSchema>;

/** A grid (网格) as the console and the field app show it: where it lies, what it holds, who works it. */
export const GridViewSchema = Obj({
  code: Type.String(),
  name: Type.String(),
  kind: literals(['basic', 'professional'] as const),
  specialty: Nullable(literals(SPECIALTIES)),
  level: Type.Integer({ minimum: 1, maximum: 4, description: '网格层级: 1–3 the grids above (district, town, village), 4 a basic grid' }),
  parent: Nullable(Obj({ code: Type.String(), name: Type.String() })),
  village: NamedRef,
  town: NamedRef,
  district: NamedRef,
  households: Nullable(Type.Integer({ description: '户数' })),
  population: Nullable(Type.Integer({ description: '实有人口' })),
  enterprises: Nullable(Type.Integer({ description: '企业（单位）数' })),
  point: Obj({ lng: Type.Number(), lat: Type.Number() }, 'a point inside the grid (WGS-84): where a report placed by the grid’s name goes'),
  workers: Type.Array(Obj({ id: Type.Integer(), name: Type.String(), kind: Nullable(literals(['full_time', 'part_time'] as const)) }), {
    description: 'the grid workers (网格员) covering it',
  }),
});
export type GridView = Static<typeof GridViewSchema>;

/** A division (行政区划) by its national 12-digit code. */
export const DivisionSchema = Obj({
  code: Type.String(),
  name: Type.String(),
  level: literals(['province', 'city', 'district', 'town', 'village'] as const),
  parentCode: Nullable(Type.String()),
  kind: Nullable(Type.String({ description: '街道, 镇, 社区居委会, 村委会 …' })),
});
export type DivisionView = Static<typeof DivisionSchema>;
export const GridListQuery = Obj({
  townCode: Type.Optional(Type.String({ maxLength: 12 })),
  villageCode: Type.Optional(Type.String({ maxLength: 12 })),
  kind: Type.Optional(literals(['basic', 'professional'] as const)),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: '1 一级 (district), 2 二级 (town), 3 三级 (village), 4 基础网格' })),
  search: Type.Optional(Type.String({ maxLength: 40, description: 'part of the code or name' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});

/** The territory's map layers (地图图层), drawn from the API: nothing on a map reaches the internet. */
export const MAP_LAYERS = ['district', 'towns', 'villages', 'grids', 'professional'] as const;
export type MapLayerName = (typeof MAP_LAYERS)[number];

const NUM = '-?[0-9]+(\\.[0-9]+)?';
export const MapLayerQuery = Obj({
  bbox: Type.Optional(Type.String({ pattern: `^${NUM},${NUM},${NUM},${NUM}$`, description: 'minLng,minLat,maxLng,maxLat in the crs asked for; default the whole layer' })),
  zoom: Type.Number({ minimum: 0, maximum: 24, description: 'the map zoom: outlines are simplified to about a third of a pixel at it' }),
  crs: Type.Optional(literals(CRS_CODES, { description: 'coordinates of the answer and of bbox: the base map’s system (default wgs84)' })),
});

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
export const LayerFeatureSchema = Obj({
  type: Type.Literal('Feature'),
  properties: Obj({
    code: Type.String(),
    name: Type.String(),
    parentCode: Nullable(Type.String({ description: 'the division it lies in (a grid: its village or town)' })),
    specialty: Nullable(literals(SPECIALTIES)),
  }),
  geometry: Type.Union([
    Obj({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Position)) }),
    Obj({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Type.Array(Position))) }),
  ]),
});
export const LayerCollectionSchema = Obj({ type: Type.Literal('FeatureCollection'), features: Type.Array(LayerFeatureSchema) });
export type LayerCollection = Static<typeof LayerCollectionSchema>;

/** How the console draws its maps: the deployment's base map, if any, and the territory's extent. */
export const MapConfigSchema = Obj({
  basemap: Nullable(
    Obj({
      tiles: Type.String({ description: 'tile URL template with {z}/{x}/{y} (Tianditu, Gaode, OSM …), set by LIANDONG_BASEMAP_URL' }),
      crs: literals(CRS_CODES, { description: 'the tiles’ coordinate system; the console asks the API for layers in it' }),
      attribution: Type.String(),
    }),
  ),
  bounds: Nullable(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], { description: 'the district’s extent, WGS-84: minLng, minLat, maxLng, maxLat' })),
});
export type MapConfig = Static<typeof MapConfigSchema>;

export const territoryRoutes = {
  mapConfig: route({
    method: 'GET',
    path: '/api/v1/map/config',
    tags: ['territory'],
    summary: '地图配置 The base map (if the deployment set one) and the territory’s extent',
    response: { 200: MapConfigSchema },
  }),
  mapLayer: route({
    method: 'GET',
    path: '/api/v1/map/layers/:layer',
    tags: ['territory'],
    summary: '地图图层 District, towns, villages, grids or professional grids as GeoJSON, in a box, simplified for the zoom',
    params: Type.Object({ layer: literals(MAP_LAYERS) }),
    querystring: MapLayerQuery,
    response: { 200: LayerCollectionSchema },
  }),
  listDivisions: route({
    method: 'GET',
    path: '/api/v1/territory/divisions',
    tags: ['territory'],
    summary: '行政区划 The divisions of the deployment (district, towns, villages), parents before children, without outlines',
    response: { 200: Type.Array(DivisionSchema) },
  }),
  listGrids: route({
    method: 'GET',
    path: '/api/v1/territory/grids',
    tags: ['territory'],
    summary: '网格 The grids in your areas, with households, population and their grid workers',
    querystring: GridListQuery,
    response: { 200: Type.Array(GridViewSchema) },
  }),
  getGrid: route({
    method: 'GET',
    path: '/api/v1/territory/grids/:code',
    tags: ['territory'],
    summary: '网格详情 One grid in your areas: level, parent, village, town, households, population, grid workers',
    params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
    response: { 200: GridViewSchema },
  }),
  nearestComponents: route({
    method: 'GET',
    path: '/api/v1/territory/components/nearest',
    tags: ['territory'],
    summary: '附近部件 Nearest components (部件) with their owners, nearest first',
    querystring: NearestQuery,
    response: { 200: Type.Array(ComponentMatchSchema) },
  }),
  lookup: route({
    method: 'GET',
    path: '/api/v1/territory/lookup',
    tags: ['territory'],
    summary: '定位网格 Point → basic grid, professional grids, village, town, district, city',
    querystring: LookupQuery,
    response: { 200: LookupSchema },
  }),
};
