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

export function territoryRoutes(app: FastifyInstance, p: Platform): void {
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
