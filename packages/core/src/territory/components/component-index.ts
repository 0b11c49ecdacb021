/**
 * Components (部件: manhole covers, street lamps, bins...) near a reported point. A report next to a
 * component can name its owner directly, so intake asks "what is the nearest lamp within 30 m?".
 *
 * Points go into flatbush in a local equirectangular projection (metres), good to well under 1% over a
 * city; reported distances use the mid-latitude of each pair.
 */
import Flatbush from 'flatbush';

export interface ComponentPoint {
  /** 17 digits: 6-digit division + 5-digit category + 6-digit sequence. */
  code: string;
  categoryCode: string;
  name: string;
  lng: number;
  lat: number;
  ownerUnitId: number | null;
  ownerUnitCode: string | null;
  ownerName: string | null;
  gridCode: string | null;
  status: string;
}

export interface ComponentMatch extends ComponentPoint {
  distanceMeters: number;
}

export interface NearestOptions {
  maxMeters: number;
  /** A 5-digit minor class ('01037' 路灯) or a 2-digit major class ('01'): matched as a prefix. */
  categoryCode?: string;
  /** How many to return, nearest first; default 1. */
  limit?: number;
}

/** Metres per degree of latitude on a sphere of the mean Earth radius. */
export const METERS_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

/** Equirectangular distance in metres between two WGS-84 points. */
export function distanceMeters(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const k = Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  return Math.hypot((lng2 - lng1) * k, lat2 - lat1) * METERS_PER_DEGREE;
}

export class ComponentIndex {
  private constructor(
    private readonly items: readonly ComponentPoint[],
    private readonly tree: Flatbush | null,
    private readonly cosLat0: number,
  ) {}

  static build(items: readonly ComponentPoint[]): ComponentIndex {
    if (items.length === 0) return new ComponentIndex(items, null, 1);
    const lat0 = items.reduce((s, c) => s + c.lat, 0) / items.length;
    const cosLat0 = Math.cos((lat0 * Math.PI) / 180);
    const tree = new Flatbush(items.length);
    for (const c of items) {
      const x = c.lng * cosLat0 * METERS_PER_DEGREE;
      const y = c.lat * METERS_PER_DEGREE;
      tree.add(x, y, x, y);
    }
    tree.finish();
    return new ComponentIndex(items, tree, cosLat0);
  }

  get size(): number {
    return this.items.length;
  }

  nearest(lng: number, lat: number, opts: NearestOptions): ComponentMatch[] {
    if (!this.tree || !Number.isFinite(lng) || !Number.isFinite(lat) || !(opts.maxMeters >= 0)) return [];
    const limit = Math.max(1, opts.limit ?? 1);
    const prefix = opts.categoryCode;
    const filter = prefix ? (i: number) => this.items[i].categoryCode.startsWith(prefix) : undefined;
    const x = lng * this.cosLat0 * METERS_PER_DEGREE;
    const y = lat * METERS_PER_DEGREE;
    // A few extra candidates and 1% slack absorb the difference between projected and reported distances.
    const ids = this.tree.neighbors(x, y, limit + 4, opts.maxMeters * 1.01 + 0.01, filter);
    return ids
      .map((i) => {
        const c = this.items[i];
        return { ...c, distanceMeters: distanceMeters(lng, lat, c.lng, c.lat) };
      })
      .filter((m) => m.distanceMeters <= opts.maxMeters)
      .sort((a, b) => a.distanceMeters - b.distanceMeters || (a.code < b.code ? -1 : 1))
      .slice(0, limit);
  }
}
