/**
 * 折叠: many detections of one thing become one order. A detection joins a fold (an order, or a detection waiting
 * for review, or a dismissed one) of its type when it lies within the type's radius of the fold's first detection
 * and within the type's window of the fold's last (or inside the fold's span: detections may arrive out of order).
 * Of several such folds, the nearest wins. Otherwise it starts a fold of its own.
 *
 * Deciding needs every fold that could take a detection to be seen, including one another request is creating at
 * that moment: the caller locks, inside its transaction, the detection's cell and its eight neighbours in a square
 * grid whose cells are as wide as the radius (`foldLockKeys`), so any two detections within a radius of each other
 * share at least one lock and are decided one after the other.
 */
import { distanceM } from '../territory/distance.rules.ts';

const rad = (d: number) => (d * Math.PI) / 180;

export interface FoldCandidate {
  id: number;
  lng: number;
  lat: number;
  firstAt: Date;
  lastAt: Date;
}

/** Whether moment `t` (ms) lies within the window after the fold's last detection, or before its first, or between. */
function inWindow(t: number, f: FoldCandidate, windowMinutes: number): boolean {
  const windowMs = windowMinutes * 60_000;
  return t <= f.lastAt.getTime() + windowMs && t >= f.firstAt.getTime() - windowMs;
}

/** A fold within the radius of a point, and how far. */
export interface NearFold<F> {
  fold: F;
  m: number;
}

/**
 * The fold decision in two halves. First the candidates within `radiusM` of a point, with their distances: the half
 * that depends on the place only, worked out once for the many detections a camera reports at one point.
 */
export function foldsNear<F extends FoldCandidate>(point: { lng: number; lat: number }, candidates: readonly F[], radiusM: number): NearFold<F>[] {
  const near: NearFold<F>[] = [];
  for (const fold of candidates) {
    const m = distanceM(point, fold);
    if (m <= radiusM) near.push({ fold, m });
  }
  return near;
}

/**
 * The other half: of the folds near the detection's point, the nearest whose window takes its moment `t` (ms) —
 * the fold it joins; null: it starts a new one.
 */
export function chooseNearFold<F extends FoldCandidate>(t: number, near: readonly NearFold<F>[], windowMinutes: number): F | null {
  let best: F | null = null;
  let bestM = Infinity;
  for (const { fold, m } of near) {
    if (m < bestM && inWindow(t, fold, windowMinutes)) {
      best = fold;
      bestM = m;
    }
  }
  return best;
}

/** Keys hashed lately (a camera's detections fall in the same few cells; BigInt hashing is slow): bounded. */
const recentKeys = new Map<string, bigint>();

/** A 64-bit advisory lock key for a type's cell (signed, as PostgreSQL's bigint): FNV-1a, 64 bits. */
function lockKey(typeCode: string, x: number, y: number): bigint {
  const text = `fold:${typeCode}:${x}:${y}`;
  const known = recentKeys.get(text);
  if (known !== undefined) return known;
  if (recentKeys.size >= 50_000) recentKeys.clear();
  const key = fnv1a64(text);
  recentKeys.set(text, key);
  return key;
}

function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) h = BigInt.asUintN(64, (h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n);
  return BigInt.asIntN(64, h);
}

/** The keys of points met lately, by type and radius, longitude and latitude (a camera reports the same few points). */
const recentPoints = new Map<string, Map<number, Map<number, readonly bigint[]>>>();
let recentPointCount = 0;

/**
 * The advisory locks a detection's fold decision takes: its cell and the eight around it (rows above and below
 * measured with their own longitude step, widened by one cell, so nothing within the radius is missed).
 */
export function foldLockKeys(typeCode: string, lng: number, lat: number, radiusM: number): readonly bigint[] {
  const kind = `${typeCode}:${radiusM}`;
  let byLng = recentPoints.get(kind);
  if (!byLng) recentPoints.set(kind, (byLng = new Map()));
  let byLat = byLng.get(lng);
  if (!byLat) byLng.set(lng, (byLat = new Map()));
  const known = byLat.get(lat);
  if (known) return known;
  const keys: bigint[] = [];
  const dLat = radiusM / 111_320;
  const row = Math.floor(lat / dLat);
  for (const dy of [-1, 0, 1]) {
    const r = row + dy;
    const stepLng = radiusM / (111_320 * Math.max(0.01, Math.cos(rad(r * dLat))));
    const col = Math.floor(lng / stepLng);
    for (const dx of [-1, 0, 1]) keys.push(lockKey(typeCode, col + dx, r));
  }
  if (++recentPointCount > 50_000) {
    recentPoints.clear();
    recentPointCount = 0;
  }
  byLat.set(lat, keys);
  return keys;
}

/** The lock keys of many detections, once each and in one order (every transaction takes them in that order: no deadlock). */
export function sortedLockKeys(keys: Iterable<bigint>): bigint[] {
  return [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
