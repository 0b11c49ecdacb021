import { describe, expect, it } from 'vitest';
import { emptyDispatchModel, learnExample, suggest, type ConditionInfo, type DispatchModel, type TrainingExample } from './dispatch-model.rules.ts';
import { emptyModel, learn, rank } from './naive-bayes.rules.ts';

const cond = (code: string, unitCode: string, description: string, categoryName: string): ConditionInfo => ({ code, description, categoryCode: `C${code}`, categoryName, unitCode });
const seed = (text: string, unitCode: string, conditionCode: string | null = null): TrainingExample => ({ text, unitCode, conditionCode, weight: 1, prior: false });

/** A toy catalogue: water, roads, schools. */
function toy(): DispatchModel {
  const m = emptyDispatchModel({
    W1: cond('W1', 'WATER', '自来水管道爆裂漏水', '供水管道'),
    W2: cond('W2', 'WATER', '停水 水压低', '供水服务'),
    R1: cond('R1', 'ROADS', '道路路面坑洼塌陷', '道路破损'),
    S1: cond('S1', 'SCHOOL', '学校招生入学转学', '教育入学'),
  });
  for (const e of [
    seed('自来水管道爆裂漏水 供水', 'WATER', 'W1'),
    seed('小区停水 水压低 供水', 'WATER', 'W2'),
    seed('道路路面坑洼塌陷 马路', 'ROADS', 'R1'),
    seed('学校招生入学转学 小学', 'SCHOOL', 'S1'),
  ])
    learnExample(m, e);
  return m;
}

describe('naive Bayes', () => {
  it('learns a toy set: each text goes to the class it resembles, confidences sum to 1', () => {
    const m = emptyModel();
    learn(m, 'a', ['苹果', '香蕉'], 1, false);
    learn(m, 'b', ['汽车', '轮胎'], 1, false);
    const r = rank(m, ['香蕉', '好吃'], 2);
    expect(r.map((x) => x.label)).toEqual(['a', 'b']);
    expect(r[0]!.confidence + r[1]!.confidence).toBeCloseTo(1, 9);
    expect(r[0]!.reasons).toEqual(['香蕉']);
  });

  it('a negative example never takes a count below zero', () => {
    const m = emptyModel();
    learn(m, 'a', ['x'], 1, true);
    learn(m, 'a', ['x', 'y'], -3, true);
    expect(m.classes['a']).toEqual({ docs: 0, total: 0, counts: {} });
    expect(m.vocabulary).toEqual({});
  });
});

describe('the dispatch model', () => {
  it('suggests the unit and the condition of that unit that fit the words, with the words that weighed', () => {
    const s = suggest(toy(), '我家小区又停水了，水压很低', 3);
    expect(s[0]!.unitCode).toBe('WATER');
    expect(s[0]!.condition?.code).toBe('W2');
    expect(s[0]!.reasons).toContain('停水');
    expect(s.map((x) => x.unitCode)).toEqual(['WATER', ...s.slice(1).map((x) => x.unitCode)]);
    expect(new Set(s.map((x) => x.unitCode)).size).toBe(3);
  });

  it('a correction moves the ranking: dispatches of such texts elsewhere put that unit first', () => {
    const m = toy();
    const text = '路边的自来水管道冒水';
    const before = suggest(m, text, 3);
    expect(before[0]!.unitCode).toBe('WATER');
    for (let i = 0; i < 5; i++) learnExample(m, { text: '路边自来水管道冒水', unitCode: 'ROADS', conditionCode: 'R1', weight: 1, prior: true });
    const after = suggest(m, text, 3);
    expect(after[0]!.unitCode).toBe('ROADS');
    expect(after[0]!.condition?.code).toBe('R1');
  });

  it('a return (退单) lowers the unit that returned it', () => {
    const m = toy();
    const text = '学校门口道路坑洼';
    const conf = (mm: DispatchModel) => suggest(mm, text, 3).find((x) => x.unitCode === 'SCHOOL')?.confidence ?? 0;
    const before = conf(m);
    learnExample(m, { text, unitCode: 'SCHOOL', conditionCode: null, weight: -1, prior: true });
    expect(conf(m)).toBeLessThan(before);
  });

  it('a unit with no condition is still suggested, without a condition', () => {
    const m = toy();
    learnExample(m, seed('医保 社保 养老保险', 'SOCIAL'));
    const s = suggest(m, '养老保险怎么补缴', 1);
    expect(s[0]).toMatchObject({ unitCode: 'SOCIAL', condition: null });
  });
});

describe('the units by logistic regression', () => {
  it('a model trained with it ranks units by it, the words that weighed among the text’s, and a correction still moves it', async () => {
    const { trainModel } = await import('./train-model.ts');
    const conditions = Object.values(toy().conditionInfo).map((condition) => ({ condition, closingStandard: '', majorName: null }));
    const units = [
      { code: 'WATER', name: '水务局' },
      { code: 'ROADS', name: '交通局' },
      { code: 'SCHOOL', name: '教育局' },
    ];
    const { model } = await trainModel({ conditions, units, taxonomy: null, dispatches: [] });
    expect([...(model.unitsLr?.classes ?? [])].sort()).toEqual(['ROADS', 'SCHOOL', 'WATER']);
    const s = suggest(model, '我家小区又停水了，水压很低', 3);
    expect(s[0]).toMatchObject({ unitCode: 'WATER', condition: { code: 'W2' } });
    expect(s[0]!.reasons).toContain('停水');
    expect(s.reduce((a, x) => a + x.confidence, 0)).toBeCloseTo(1, 6);
    const text = '学校门口的马路坑洼';
    for (let i = 0; i < 30; i++) learnExample(model, { text, unitCode: 'SCHOOL', conditionCode: 'S1', weight: 1, prior: true });
    expect(suggest(model, text, 1)[0]!.unitCode).toBe('SCHOOL');
    // The same model ranked by naive Bayes alone, for the measurement.
    expect(suggest(model, '我家小区又停水了', 1, 'nb')[0]!.unitCode).toBe('WATER');
  });
});

describe('words that are keys of every object', () => {
  it('a text saying "constructor" or "__proto__" trains and ranks like any other, and leaves Object alone', async () => {
    const { trainModel } = await import('./train-model.ts');
    const conditions = Object.values(toy().conditionInfo).map((condition) => ({ condition, closingStandard: '', majorName: null }));
    const units = [
      { code: 'WATER', name: '水务局' },
      { code: 'ROADS', name: '交通局' },
    ];
    const text = 'constructor __proto__ valueof 小区停水';
    const { model } = await trainModel({ conditions, units, taxonomy: null, dispatches: [] });
    for (let i = 0; i < 3; i++) learnExample(model, { text, unitCode: 'WATER', conditionCode: 'W2', weight: 1, prior: true });
    for (const method of ['lr', 'nb'] as const) {
      const s = suggest(model, text, 2, method);
      expect(s[0]!.unitCode).toBe('WATER');
      expect(s.every((x) => Number.isFinite(x.confidence))).toBe(true);
    }
    expect(Object.keys(Object)).toEqual([]);
  });
});
