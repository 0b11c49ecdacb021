/**
 * Distances on the ground between WGS-84 points, and the lng/lat boxes that find the points within a distance by
 * the orders' point index before the exact distance decides. Pure. (components/ keeps a faster flat-earth one for
 * its index.)
 */

export const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Half the height of the box around a point within `radiusM`, in degrees of latitude: a hair (0.1 %) wider than
 * the radius, so that a point at the edge is never lost to rounding before the exact distance decides.
 */
export function boxHalfLat(radiusM: number): number {
  return ((radiusM * 1.001) / EARTH_RADIUS_M) * (180 / Math.PI);
}

/** The lng/lat box holding every point within `radiusM` of the centre (what the spatial index is asked for). */
export function boxAround(lng: number, lat: number, radiusM: number): { minLng: number; minLat: number; maxLng: number; maxLat: number } {
  const dLat = boxHalfLat(radiusM);
  const dLng = dLat / Math.max(0.01, Math.cos(rad(lat)));
  return { minLng: lng - dLng, minLat: lat - dLat, maxLng: lng + dLng, maxLat: lat + dLat };
}

/**
 * SQL: the point of row `b` lies in the box around the point of row `a` (both with `lng`, `lat` columns), the same
 * box as boxAround, its half height given by the parameter `halfLat` (boxHalfLat of the radius): for a query that
 * pairs each order with its neighbours.
 */
export function inBoxAroundSql(b: string, a: string, halfLat: string): string {
  const dLng = `${halfLat} / greatest(0.01, cos(radians(${a}.lat)))`;
  return `point(${b}.lng, ${b}.lat) <@ box(point(${a}.lng - ${dLng}, ${a}.lat - ${halfLat}), point(${a}.lng + ${dLng}, ${a}.lat + ${halfLat}))`;
}
