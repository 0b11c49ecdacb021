/**
 * Coordinate systems. The platform stores and looks up WGS-84 (CGCS2000 is the same within centimetres),
 * but phones and web maps in China report GCJ-02 (火星坐标, AMap/Tencent) or BD-09 (Baidu), which are
 * offset by a few hundred metres: convert before any grid lookup.
 */
import gcoordModule from 'gcoord';

export type Crs = 'wgs84' | 'gcj02' | 'bd09';
export const CRS_VALUES: readonly Crs[] = ['wgs84', 'gcj02', 'bd09'];

// gcoord ships CommonJS whose typings declare an ES default export; Node hands us module.exports itself,
// a bundler may hand us { default }. Accept both.
type Gcoord = typeof gcoordModule.default;
const gcoord: Gcoord =
  (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);

/** Converts a point to WGS-84. Points outside China come back unchanged (GCJ-02 only shifts inside China). */
export function toWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84') return [lng, lat];
  const from = crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
  const [x, y] = gcoord.transform([lng, lat], from, gcoord.WGS84) as [number, number];
  return [x, y];
}

/** The reverse, for showing stored points on a GCJ-02 or BD-09 base map. */
export function fromWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84') return [lng, lat];
  const to = crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, to) as [number, number];
  return [x, y];
}

export function isCrs(v: unknown): v is Crs {
  return typeof v === 'string' && (CRS_VALUES as readonly string[]).includes(v);
}

/** Finite numbers within the lng/lat ranges. */
export function isValidLngLat(lng: unknown, lat: unknown): boolean {
  return (
    typeof lng === 'number' &&
    typeof lat === 'number' &&
    Number.isFinite(lng) &&
    Number.isFinite(lat) &&
    lng >= -180 &&
    lng <= 180 &&
    lat >= -90 &&
    lat <= 90
  );
}

/**
 * A coarse box around China (mainland, Hainan, Taiwan, the South China Sea islands down to 3.8°N). It
 * catches swapped lng/lat, zeros and projected metres sent as degrees; it is not a border test.
 */
export const CHINA_BBOX = { minLng: 73.4, minLat: 3.8, maxLng: 135.1, maxLat: 53.6 } as const;

export function isInChina(lng: number, lat: number): boolean {
  return (
    isValidLngLat(lng, lat) &&
    lng >= CHINA_BBOX.minLng &&
    lng <= CHINA_BBOX.maxLng &&
    lat >= CHINA_BBOX.minLat &&
    lat <= CHINA_BBOX.maxLat
  );
}

/** True when the pair looks like (lat, lng) given in the wrong order: a common client bug. */
export function looksSwapped(lng: number, lat: number): boolean {
  return !isInChina(lng, lat) && isInChina(lat, lng);
}
