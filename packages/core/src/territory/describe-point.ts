/** Where a point lies, as the API shows it: its grids and the names of its village, town, district and city. */
import type { Queryable } from '@liandong/db';
import type { CrsCode, Lookup } from '@liandong/contracts';
import { toWgs84 } from './coordinates.ts';
import type { TerritoryService } from './territory-service.ts';

export async function describePoint(q: Queryable, territory: TerritoryService, point: { lng: number; lat: number; crs?: CrsCode }): Promise<Lookup> {
  const [lng, lat] = toWgs84(point.lng, point.lat, point.crs ?? 'wgs84');
  const match = await territory.lookup(lng, lat);
  const codes = [match.villageCode, match.townCode, match.districtCode].filter(Boolean);
  // The divisions the index knows, and the city the district belongs to (its parent of level 'city').
  const names = await q.query<{ code: string; name: string; level: string }>(
    `select code, name, level from divisions where code = any($1::text[])
     union all
     select c.code, c.name, c.level from divisions d join divisions c on c.code = d.parent_code and c.level = 'city' where d.code = $2`,
    [codes, match.districtCode],
  );
  const name = (code: string | null) => (code ? { code, name: names.rows.find((n) => n.code === code)?.name ?? null } : null);
  const city = names.rows.find((n) => n.level === 'city');
  return {
    wgs84: { lng, lat },
    grid: match.basicGrid,
    professionalGrids: match.professionalGrids,
    village: name(match.villageCode),
    town: name(match.townCode),
    district: name(match.districtCode),
    city: city ? { code: city.code, name: city.name } : null,
  };
}
