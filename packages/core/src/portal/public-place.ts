/**
 * 位置核对: where a point a citizen picked on the portal's map lies, by name only — whether the platform serves it
 * (the intake's own rule, territory isServed) and its town and village. No grid, no codes: the citizen needs to know
 * his point is right, nothing of how the centre divides its work.
 */
import type { CrsCode, PublicPlaceView } from '@liandong/contracts';
import type { Queryable } from '@liandong/db';
import { isServed, toWgs84, type TerritoryService } from '../territory/index.ts';

export async function publicPlace(q: Queryable, territory: TerritoryService, point: { lng: number; lat: number; crs?: CrsCode }): Promise<PublicPlaceView> {
  const [lng, lat] = toWgs84(point.lng, point.lat, point.crs ?? 'wgs84');
  const match = await territory.lookup(lng, lat);
  const codes = [match.townCode, match.villageCode].filter((c): c is string => c !== null);
  const names = codes.length ? (await q.query<{ code: string; name: string }>('select code, name from divisions where code = any($1::text[])', [codes])).rows : [];
  const name = (code: string | null) => names.find((n) => n.code === code)?.name ?? null;
  return { inside: isServed(match), town: name(match.townCode), village: name(match.villageCode) };
}
