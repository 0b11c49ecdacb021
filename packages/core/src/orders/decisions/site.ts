import type { CreateOrderInput } from '@liandong/contracts';
import { toWgs84 } from '../../territory/coordinates.ts';

/** Where a grid worker stood for an action on site (核实, 核查, 自行处置), as the event records it: WGS-84. */
export function siteOf(location: CreateOrderInput['location'] | undefined): { location?: { lng: number; lat: number } } {
  if (!location) return {};
  const [lng, lat] = toWgs84(location.lng, location.lat, location.crs ?? 'wgs84');
  return { location: { lng, lat } };
}
