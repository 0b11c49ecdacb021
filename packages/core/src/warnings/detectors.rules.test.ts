import { describe, expect, it } from 'vitest';
import { atRisk, backlogTest, formatP, placeClusters, poissonTail, spikeTest, spikeTexts } from './detectors.rules.ts';
import { DEFAULT_PARAMS, mergeParams, paramsOf } from './rule-params.rules.ts';

describe('the Poisson tail P(X ≥ k)', () => {
  it('matches values worked by hand', () => {
    // λ = 1: P(X ≥ 1) = 1 − e^-1; P(X ≥ 3) = 1 − e^-1 (1 + 1 + 1/2).
    expect(poissonTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(poissonTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
    // λ = 2, k = 9: the sum of the upper terms.
    let s = 0;
    let f = 1;
    for (let i = 0; i < 9; i++) {
      s += (Math.exp(-2) * 2 ** i) / f;
      f *= i + 1;
    }
    expect(poissonTail(9, 2)).toBeCloseTo(1 - s, 12);
    expect(poissonTail(0, 5)).toBe(1);
    expect(poissonTail(1, 0)).toBe(0);
  });

  it('keeps the digits of tiny tails and stays within [0, 1] for large λ', () => {
    const p = poissonTail(40, 2);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-25);
    expect(poissonTail(400, 400)).toBeGreaterThan(0.45);
    expect(poissonTail(400, 400)).toBeLessThan(0.55);
    expect(() => poissonTail(3, -1)).toThrow(RangeError);
  });
});

describe('the spike test', () => {
  const p = { alpha: 0.001, minCount: 5 };

  it('fires at the warning line and not one below it', () => {
    // Baseline 56 in 28 windows: λ = 2. The line is the smallest k with P(X ≥ k) < 0.001.
    const line = spikeTest(0, 56, 28, p).threshold;
    expect(poissonTail(line, 2)).toBeLessThan(0.001);
    expect(poissonTail(line - 1, 2)).toBeGreaterThanOrEqual(0.001);
    expect(line).toBe(9);
    expect(spikeTest(line, 56, 28, p).fires).toBe(true);
    expect(spikeTest(line - 1, 56, 28, p).fires).toBe(false);
  });

  it('never fires below the minimum count, however unlikely (2 against 0.1)', () => {
    const t = spikeTest(2, 2.8, 28, p);
    expect(t.expected).toBeCloseTo(0.1);
    expect(t.pValue).toBeLessThan(0.01);
    expect(t.fires).toBe(false);
    expect(spikeTest(4, 0, 28, p).fires).toBe(false);
    expect(spikeTest(5, 0, 28, p).fires).toBe(true);
    expect(spikeTest(5, 0, 28, p).threshold).toBe(5);
  });

  it('does not fire on a usual busy day of a busy place', () => {
    // λ = 20: 30 is unusual (p ≈ 0.022) but not below 0.001; 37 is.
    expect(spikeTest(30, 560, 28, p).fires).toBe(false);
    expect(spikeTest(37, 560, 28, p).fires).toBe(true);
  });

  it('explains its numbers in both languages', () => {
    const t = spikeTest(9, 56, 28, p);
    const x = spikeTexts({ areaName: '八坼社区', categoryName: '占道经营', windowHours: 24, baselineDays: 28, baselineCount: 56, alpha: 0.001, minCount: 5, t });
    expect(x.explanation.zh).toContain('9件');
    expect(x.explanation.zh).toContain('平均2件');
    expect(x.explanation.zh).toContain(`概率为${formatP(t.pValue)}`);
    expect(x.explanation.en).toContain('a mean of 2 per 24 h');
    expect(x.explanation.en).toContain('the warning line is 9');
  });
});

describe('the backlog test', () => {
  const p = { minOpen: 10, growthRatio: 1.5, minGrowth: 10 };
  it('needs the minimum, the ratio and the growth together', () => {
    expect(backlogTest(30, 20, p)).toMatchObject({ threshold: 30, fires: true });
    expect(backlogTest(29, 20, p).fires).toBe(false);
    expect(backlogTest(9, 0, p)).toMatchObject({ threshold: 10, fires: false });
    expect(backlogTest(10, 0, p).fires).toBe(true);
    // 1.5 × 100 = 150: the ratio decides, not the +10.
    expect(backlogTest(149, 100, p).fires).toBe(false);
    expect(backlogTest(150, 100, p).fires).toBe(true);
  });
});

describe('at risk', () => {
  it('is less than the share left, and not yet due', () => {
    expect(atRisk(1.9, 10, 0.2)).toBe(true);
    expect(atRisk(2, 10, 0.2)).toBe(false);
    expect(atRisk(0, 10, 0.2)).toBe(false);
    expect(atRisk(-1, 10, 0.2)).toBe(false);
  });
});

describe('reports about one place', () => {
  const near = (a: { lng: number }, b: { lng: number }) => Math.abs(a.lng - b.lng) <= 1;
  it('keeps the largest neighbourhoods, each report in one at most, per group', () => {
    const pts = [
      { id: 1, lng: 0, lat: 0, group: 'a' },
      { id: 2, lng: 1, lat: 0, group: 'a' },
      { id: 3, lng: 2, lat: 0, group: 'a' },
      { id: 4, lng: 1.5, lat: 0, group: 'b' },
      { id: 5, lng: 10, lat: 0, group: 'a' },
    ];
    const c = placeClusters(pts, 3, near);
    expect(c).toHaveLength(1);
    expect(c[0]!.ids).toEqual([1, 2, 3]);
    expect(c[0]!.anchor.id).toBe(2);
    expect(placeClusters(pts, 4, near)).toEqual([]);
  });
});

describe('rule params', () => {
  it('fills defaults and refuses a field of another kind, naming it', () => {
    expect(paramsOf('spike', { minCount: 8 })).toEqual({ ...DEFAULT_PARAMS.spike, minCount: 8 });
    expect(mergeParams('backlog', DEFAULT_PARAMS.backlog, { minOpen: 20 })).toEqual({ ...DEFAULT_PARAMS.backlog, minOpen: 20 });
    expect(() => mergeParams('spike', DEFAULT_PARAMS.spike, { radiusMetres: 30 })).toThrow(expect.objectContaining({ status: 400, field: 'params.radiusMetres' }));
  });
});
