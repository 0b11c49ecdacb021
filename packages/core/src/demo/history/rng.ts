/**
 * Seeded randomness for the history. Every day of history draws from its own stream, derived from the
 * seed and the day's start, so a restart regenerates exactly the orders of a half-written day.
 */
import { mulberry32, type Rng } from '../territory/prng.ts';

export type { Rng };

/** A 32-bit hash of a few integers (murmur-style mixing): the seed of one independent stream. */
export function hashSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    // Split large numbers (epoch minutes) into two 32-bit halves so nothing is lost.
    for (const half of [Math.floor(p / 2 ** 32), p >>> 0]) {
      h = Math.imul(h ^ half, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
    }
  }
  return h >>> 0;
}

export function streamFor(...parts: number[]): Rng {
  return mulberry32(hashSeed(...parts));
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

export function between(rng: Rng, lo: number, hi: number): number {
  return lo + rng() * (hi - lo);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)]!;
}

/** Draws items with probability proportional to their weights (cumulative table, binary search). */
export class Picker<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    let sum = 0;
    for (let i = 0; i < items.length; i++) {
      sum += Math.max(0, weights[i] ?? 0);
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new Error('Picker: no item has a positive weight');
    this.total = sum;
  }

  static by<T>(items: readonly T[], weight: (item: T) => number): Picker<T> {
    return new Picker(items, items.map(weight));
  }

  static of<T>(pairs: readonly (readonly [T, number])[]): Picker<T> {
    return new Picker(
      pairs.map(([item]) => item),
      pairs.map(([, w]) => w),
    );
  }

  draw(rng: Rng): T {
    const r = rng() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
