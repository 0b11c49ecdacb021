import { describe, expect, it } from 'vitest';
import type { FigureView } from '@liandong/contracts';
import { compositeScore, DEFAULT_GRADES, DEFAULT_WEIGHTS, figureValue, gradeOf, ranks } from './scores.rules.ts';

const fig = (code: FigureView['code'], numerator: number, denominator: number): FigureView => ({ code, numerator, denominator, value: figureValue('rate', numerator, denominator) });
const lower = (c: string) => c === 'rework_rate';

describe('composite scores, grades and ranks', () => {
  it('a rate with nothing below the line is empty, not 0 or 100', () => {
    expect(figureValue('rate', 0, 0)).toBeNull();
    expect(figureValue('rate', 2, 3)).toBe(66.7);
    expect(figureValue('count', 7, 0)).toBe(7);
  });

  it('weights the figures, a lower-is-better rate as 100 minus it, over the figures that counted anything', () => {
    const all = [fig('completion_rate', 5, 6), fig('completion_on_time_rate', 4, 6), fig('rework_rate', 1, 5), fig('sign_on_time_rate', 4, 5)];
    expect(compositeScore(all, DEFAULT_WEIGHTS.department, lower)).toBe(77);
    // No rework counted: its weight leaves the mean rather than scoring 100 or 0.
    const noRework = [fig('completion_rate', 5, 6), fig('completion_on_time_rate', 4, 6), fig('rework_rate', 0, 0), fig('sign_on_time_rate', 4, 5)];
    expect(compositeScore(noRework, DEFAULT_WEIGHTS.department, lower)).toBe(Math.round(((30 * 83.3 + 30 * 66.7 + 10 * 80) / 70) * 10) / 10);
    expect(compositeScore([fig('completion_rate', 0, 0)], DEFAULT_WEIGHTS.department, lower)).toBeNull();
  });

  it('grades at 90, 75, 60 and 40', () => {
    expect([95, 90, 89.9, 75, 60, 59.9, 40, 39.9].map((s) => gradeOf(s, DEFAULT_GRADES))).toEqual(['A', 'A', 'B', 'B', 'C', 'D', 'D', 'E']);
    expect(gradeOf(null, DEFAULT_GRADES)).toBeNull();
  });

  it('ranks by competition (1, 2, 2, 4) within each kind; no score, no rank', () => {
    const items = [
      { k: 'a', s: 80 },
      { k: 'a', s: 90 },
      { k: 'a', s: 80 },
      { k: 'a', s: 70 },
      { k: 'b', s: 50 },
      { k: 'a', s: null },
    ];
    const r = ranks(items, (x) => x.s, (x) => x.k);
    expect(items.map((x) => r.get(x))).toEqual([2, 1, 2, 4, 1, null]);
  });
});
