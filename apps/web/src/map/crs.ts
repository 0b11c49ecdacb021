/** Points between WGS-84 (what the API stores) and the base map's coordinate system (GCJ-02 for Gaode tiles). */
import gcoord from 'gcoord';
import type { CrsCode } from '@liandong/contracts';

export interface LngLat {
  lng: number;
  lat: number;
}

const SYSTEM = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

export function toMap(p: LngLat, crs: CrsCode): LngLat {
  if (crs === 'wgs84') return p;
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, SYSTEM[crs]) as [number, number];
  return { lng, lat };
}

export function fromMap(p: LngLat, crs: CrsCode): LngLat {
  if (crs === 'wgs84') return p;
  const [lng, lat] = gcoord.transform([p.lng, p.lat], SYSTEM[crs], gcoord.WGS84) as [number, number];
  return { lng, lat };
}
