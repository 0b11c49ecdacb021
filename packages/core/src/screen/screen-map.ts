/**
 * 大屏地图: the token's area as the screen draws it — its own outline, its parts (the district's towns, or the
 * town's villages) and the basic grids in it — from the territory's map layers (simplified once per zoom and
 * cached), WGS-84. The district's base map is not used: the wall draws our own outlines on its dark ground.
 */
import type { Queryable } from '@liandong/db';
import type { ScreenMap } from '@liandong/contracts';
import type { MapLayers, LayerFeature } from '../territory/map/map-layers.ts';
import type { ScreenScope } from './screen-tokens.ts';

const shape = (f: LayerFeature) => ({ code: f.properties.code, name: f.properties.name, geometry: f.geometry });

export async function screenMap(q: Queryable, layers: MapLayers, scope: ScreenScope): Promise<ScreenMap> {
  const zoom = scope.level === 'district' ? 12 : 14;
  const [district, towns, villages, grids] = await Promise.all(
    (['district', 'towns', 'villages', 'grids'] as const).map((l) => layers.features(q, l, zoom, 'wgs84')),
  );
  const outline = (scope.level === 'district' ? district! : towns!).filter((f) => f.properties.code === scope.areaCode);
  const townCodes = new Set(scope.level === 'district' ? towns!.filter((f) => f.properties.parentCode === scope.areaCode).map((f) => f.properties.code) : [scope.areaCode]);
  const villageList = villages!.filter((f) => townCodes.has(f.properties.parentCode ?? ''));
  const inside = new Set([...townCodes, ...villageList.map((f) => f.properties.code)]);
  const parts = scope.level === 'district' ? towns!.filter((f) => townCodes.has(f.properties.code)) : villageList;
  let bounds: ScreenMap['bounds'] = null;
  for (const f of outline.length ? outline : parts) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys)
      for (const [x, y] of poly[0] ?? []) {
        bounds = bounds ? [Math.min(bounds[0], x!), Math.min(bounds[1], y!), Math.max(bounds[2], x!), Math.max(bounds[3], y!)] : [x!, y!, x!, y!];
      }
  }
  return {
    bounds,
    outline: outline.map(shape),
    parts: parts.map(shape),
    grids: grids!.filter((f) => inside.has(f.properties.parentCode ?? '')).map(shape),
  };
}
