import type { FastifyInstance } from 'fastify';
import { territoryRoutes as routes, type CrsCode, type LayerCollection, type MapLayerName } from '@liandong/contracts';
import { describePoint, gridView, gridViews, toWgs84 } from '@liandong/core/territory/index.ts';
import { listDivisions } from '@liandong/core/territory/division-list.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

export function territoryRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.nearestComponents, async (req) => {
    requireActor(req);
    const [lng, lat] = toWgs84(req.query.lng, req.query.lat, req.query.crs ?? 'wgs84');
    return p.components.nearest(lng, lat, { maxMeters: req.query.radius ?? 50, categoryCode: req.query.category, limit: req.query.limit ?? 5 });
  });

  contractRoute(app, routes.listDivisions, async (req) => listDivisions(p.db, requireActor(req)));
  contractRoute(app, routes.listGrids, async (req) => gridViews(p.db, requireActor(req), req.query));
  contractRoute(app, routes.getGrid, async (req) => gridView(p.db, requireActor(req), req.params.code));

  contractRoute(app, routes.mapConfig, async (req) => {
    requireActor(req);
    return { basemap: p.map.basemap, bounds: await p.map.layers.extent(p.db) };
  });

  contractRoute(app, routes.mapLayer, async (req) => {
    requireActor(req);
    return mapLayerAnswer(p, req.params.layer, req.query);
  });

  contractRoute(app, routes.lookup, async (req) => {
    requireActor(req);
    return describePoint(p.db, p.territory, req.query);
  });
}

/** A map layer in a box for the zoom, as the staff map and the citizen portal's map ask for it. */
export async function mapLayerAnswer(p: Platform, layer: MapLayerName, query: { bbox?: string; zoom: number; crs?: CrsCode }): Promise<LayerCollection> {
  const bbox = query.bbox?.split(',').map(Number) as [number, number, number, number] | undefined;
  return { type: 'FeatureCollection' as const, features: await p.map.layers.features(p.db, layer, query.zoom, query.crs ?? 'wgs84', bbox) };
}
