import { describe, expect, it } from 'vitest';
import { compactLr, emptyLr, learnLr, lrReasons, rankLr, trainLr, type LrExample } from './logistic-regression.rules.ts';

const ex = (label: string, features: string[], weight = 1): LrExample => ({ label, features, weight });
const toy = [ex('water', ['停水', '水压', '供水']), ex('water', ['漏水', '水管', '供水']), ex('roads', ['路面', '坑洼', '道路']), ex('roads', ['塌陷', '道路', '马路'])];

describe('logistic regression', () => {
  it('learns a toy set: each text goes to the class it resembles, confidences sum to 1, the words that weighed', async () => {
    const m = await trainLr(toy);
    const r = rankLr(m, ['小区', '停水', '供水'], 5);
    expect(r.map((x) => x.label)).toEqual(['water', 'roads']);
    expect(r[0]!.confidence).toBeGreaterThan(0.8);
    expect(r[0]!.confidence + r[1]!.confidence).toBeCloseTo(1, 9);
    expect(lrReasons(m, ['小区', '停水', '供水'], 'water')).toEqual(expect.arrayContaining(['停水', '供水']));
    expect(lrReasons(m, ['小区', '停水', '供水'], 'water')).not.toContain('小区');
  });

  it('the same examples and seed train the same model; another seed, the same ranking', async () => {
    expect(await trainLr(toy)).toEqual(await trainLr(toy));
    const other = await trainLr(toy, { epochs: 12, rate: 1, l2: 1e-3, seed: 7 });
    expect(rankLr(other, ['道路', '坑洼'])[0]!.label).toBe('roads');
  });

  it('a return (negative weight) makes its class less likely for such words; a class first seen later is added', async () => {
    const m = await trainLr(toy);
    const before = rankLr(m, ['水管', '道路']).find((x) => x.label === 'water')!.confidence;
    for (let i = 0; i < 5; i++) learnLr(m, 'water', ['水管', '道路'], -1);
    expect(rankLr(m, ['水管', '道路']).find((x) => x.label === 'water')!.confidence).toBeLessThan(before);
    learnLr(m, 'never', ['x'], -1);
    expect(m.classes).not.toContain('never');
    for (let i = 0; i < 20; i++) learnLr(m, 'schools', ['学校', '入学']);
    expect(rankLr(m, ['学校', '入学'])[0]!.label).toBe('schools');
    expect(rankLr(emptyLr(), ['x'])).toEqual([]);
  });

  it('compacting keeps the ranking and drops features that weigh nothing', async () => {
    const m = await trainLr(toy);
    m.weights['空'] = [0, 0];
    const c = compactLr(m);
    expect(c.weights['空']).toBeUndefined();
    for (const f of [['停水'], ['道路', '坑洼'], ['水压', '马路']]) expect(rankLr(c, f).map((x) => x.label)).toEqual(rankLr(m, f).map((x) => x.label));
  });
});
