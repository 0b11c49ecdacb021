/**
 * A patrol track as the phone recorded it (巡查轨迹) made fit to count: positions too vague to place (accuracy worse
 * than `maxAccuracyM`) are dropped, and so is a jump — a position that would mean moving faster than a person on
 * foot or a bicycle from the last position kept (GPS drift near buildings, a cached fix). Pure: WGS-84 in and out.
 */
import { distanceMeters } from '../territory/components/component-index.ts';

export interface TrackPoint {
  lng: number;
  lat: number;
  /** metres (the device's horizontal accuracy); null when it gave none */
  accuracy: number | null;
  at: Date;
}

export interface TrackFilter {
  /** Positions less accurate than this are dropped (default 50 m: about two H3 cells of resolution 11). */
  maxAccuracyM?: number;
  /** Faster than this from the last kept position is a jump (default 8 m/s: a quick bicycle). */
  maxSpeedMps?: number;
}

export interface FilteredTrack {
  kept: TrackPoint[];
  vague: number;
  jumps: number;
}

export function filterTrack(points: readonly TrackPoint[], opts: TrackFilter = {}): FilteredTrack {
  const maxAccuracy = opts.maxAccuracyM ?? 50;
  const maxSpeed = opts.maxSpeedMps ?? 8;
  const kept: TrackPoint[] = [];
  let vague = 0;
  let jumps = 0;
  for (const p of [...points].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (p.accuracy != null && p.accuracy > maxAccuracy) {
      vague++;
      continue;
    }
    const last = kept[kept.length - 1];
    if (last) {
      const seconds = (p.at.getTime() - last.at.getTime()) / 1000;
      const metres = distanceMeters(last.lng, last.lat, p.lng, p.lat);
      // A second fix at the same instant is a duplicate unless it is where the first was.
      if (seconds <= 0 ? metres > 1 : metres / seconds > maxSpeed) {
        jumps++;
        continue;
      }
      if (seconds <= 0) continue;
    }
    kept.push(p);
  }
  return { kept, vague, jumps };
}
