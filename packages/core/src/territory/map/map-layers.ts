/**
 * The territory as map layers (地图图层): the district outline, towns, villages, the basic grids people work in
 * and the professional grids, as GeoJSON for a box at a zoom. Each layer is read once per territory version and
 * simplified once per zoom (about a third of a pixel), so a whole district stays light when seen whole and exact
 * when seen close. Outlines are public geography: every signed-in user may draw them (who works a grid is not here).
 */
import type { Queryable } from '@liandong/db';
import type { LayerCollection, MapLayerName, Specialty } from '@liandong/contracts';
import { territoryVersion } from '../territory.repository.ts';
import { fromWgs84, type Crs } from '../coordinates.ts';
import { geometryBBox, type AreaGeometry } from '../geometry.ts';
import { convertGeometry, simplifyGeometry, toleranceAtZoom } from './simplify.ts';

export type LayerFeature = LayerCollection['features'][number];

interface Stored {
  properties: LayerFeature['properties'];
  geometry: AreaGeometry;
  bbox: [number, number, number, number];
}

const SOURCES: Record<MapLayerName, string> = {
  district: `select code, name, parent_code as parent, null as specialty, geometry from divisions where level = 'district' and geometry is not null`,
  towns: `select code, name, parent_code as parent, null as specialty, geometry from divisions where level = 'town' and geometry is not null`,
  villages: `select code, name, parent_code as parent, null as specialty, geometry from divisions where level = 'village' and geometry is not null`,
  // The finest basic grids (四级网格), as the point lookup uses them.
  grids: `select g.code, g.name, coalesce(g.village_code, g.town_code) as parent, null as specialty, g.geometry from grids g
           where g.kind = 'basic' and not exists (select 1 from grids c where c.parent_id = g.id and c.kind = 'basic')`,
  professional: `select code, name, town_code as parent, specialty, geometry from grids where kind = 'professional'`,
};

/** Zooms outside this range are read as its ends. */
export const MAP_ZOOMS = { min: 6, max: 18 } as const;

export class MapLayers {
  private version = -1;
  private layers = new Map<MapLayerName, Promise<Stored[]>>();
  private simplified = new Map<string, Stored[]>();

  constructor(private readonly maxCachedZooms = 64) {}

  /** The layer's features in `crs` (the base map's system; the box is in it too), simplified for the zoom. */
  async features(q: Queryable, layer: MapLayerName, zoom: number, crs: Crs = 'wgs84', bbox?: [number, number, number, number]): Promise<LayerFeature[]> {
    const version = await territoryVersion(q);
    if (version !== this.version) {
      this.version = version;
      this.layers.clear();
      this.simplified.clear();
    }
    const z = Math.max(MAP_ZOOMS.min, Math.min(MAP_ZOOMS.max, Math.floor(zoom)));
    const key = `${layer}@${z}/${crs}`;
    let shapes = this.simplified.get(key);
    if (!shapes) {
      const exact = await this.load(q, layer);
      const tolerance = toleranceAtZoom(z);
      shapes = exact.map((s) => {
        const geometry = convertGeometry(simplifyGeometry(s.geometry, tolerance), (p) => fromWgs84(p[0], p[1], crs));
        return { ...s, geometry, bbox: crs === 'wgs84' ? s.bbox : geometryBBox(geometry) };
      });
      if (this.simplified.size >= this.maxCachedZooms) this.simplified.clear();
      this.simplified.set(key, shapes);
    }
    const inBox = bbox ? shapes.filter((s) => s.bbox[0] <= bbox[2] && s.bbox[2] >= bbox[0] && s.bbox[1] <= bbox[3] && s.bbox[3] >= bbox[1]) : shapes;
    return inBox.map((s) => ({ type: 'Feature', properties: s.properties, geometry: s.geometry as LayerFeature['geometry'] }));
  }

  /** The extent of the territory (WGS-84): its district outlines, else its grids; null for an empty territory. */
  async extent(q: Queryable): Promise<[number, number, number, number] | null> {
    for (const layer of ['district', 'grids'] as const) {
      const shapes = await this.load(q, layer);
      if (shapes.length === 0) continue;
      return shapes.reduce<[number, number, number, number]>(
        (b, s) => [Math.min(b[0], s.bbox[0]), Math.min(b[1], s.bbox[1]), Math.max(b[2], s.bbox[2]), Math.max(b[3], s.bbox[3])],
        [Infinity, Infinity, -Infinity, -Infinity],
      );
    }
    return null;
  }

  private load(q: Queryable, layer: MapLayerName): Promise<Stored[]> {
    let p = this.layers.get(layer);
    if (!p) {
      p = q
        .query<{ code: string; name: string; parent: string | null; specialty: Specialty | null; geometry: AreaGeometry }>(`${SOURCES[layer]} order by code`)
        .then((r) => r.rows.map((row) => ({ properties: { code: row.code, name: row.name, parentCode: row.parent, specialty: row.specialty }, geometry: row.geometry, bbox: geometryBBox(row.geometry) })));
      p.catch(() => this.layers.delete(layer));
      this.layers.set(layer, p);
    }
    return p;
  }
}
