import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { toWgs84 } from '@liandong/core/territory/index.ts';
import { requireActor } from '../http/auth.ts';
import type { Platform } from '../platform.ts';
import { errorResponses } from './schemas.ts';

const LookupQuery = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Optional(Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')])),
});

const NearestQuery = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Optional(Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')])),
  radius: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 2000, description: 'metres, default 50' })),
  category: Type.Optional(Type.String({ maxLength: 20, description: 'component category code or prefix, e.g. B01 or B01001' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
});

export function territoryRoutes(app: FastifyInstance, p: Platform): void {
  app.get<{ Querystring: Static<typeof NearestQuery> }>(
    '/api/v1/territory/components/nearest',
    {
      schema: {
        tags: ['territory'],
        summary: '附近部件 Nearest components (部件) with their owners, nearest first',
        querystring: NearestQuery,
        response: errorResponses,
      },
    },
    async (req) => {
      requireActor(req);
      const [lng, lat] = toWgs84(req.query.lng, req.query.lat, req.query.crs ?? 'wgs84');
      return p.components.nearest(lng, lat, { maxMeters: req.query.radius ?? 50, categoryCode: req.query.category, limit: req.query.limit ?? 5 });
    },
  );

  app.get<{ Querystring: Static<typeof LookupQuery> }>(
    '/api/v1/territory/lookup',
    {
      schema: {
        tags: ['territory'],
        summary: '定位网格 Point → basic grid, professional grids, village, town, district',
        querystring: LookupQuery,
        response: errorResponses,
      },
    },
    async (req) => {
      requireActor(req);
      const [lng, lat] = toWgs84(req.query.lng, req.query.lat, req.query.crs ?? 'wgs84');
      const match = await p.territory.lookup(lng, lat);
      const codes = [match.villageCode, match.townCode, match.districtCode].filter(Boolean);
      const names = await p.db.query<{ code: string; name: string }>('select code, name from divisions where code = any($1::text[])', [codes]);
      const name = (code: string | null) => (code ? { code, name: names.rows.find((n) => n.code === code)?.name ?? null } : null);
      return {
        wgs84: { lng, lat },
        grid: match.basicGrid,
        professionalGrids: match.professionalGrids,
        village: name(match.villageCode),
        town: name(match.townCode),
        district: name(match.districtCode),
      };
    },
  );
}
