import { describe, expect, it } from 'vitest';
import type { ConditionInfo } from './dispatch-model.rules.ts';
import { placeSuggestions, type UnitCandidate } from './place.rules.ts';

const clutter: ConditionInfo = { code: 'T1', description: '楼道乱堆杂物', categoryCode: 'C1', categoryName: '乱堆杂物', unitCode: null };
const unit = (unitId: number, confidence: number, servesPlace = true): UnitCandidate => ({ unitId, confidence, condition: null, reasons: [`u${unitId}`], servesPlace });

describe('the place in the suggestions', () => {
  it('the territorial share is offered as the place’s unit; the others keep what is left, in order', () => {
    const out = placeSuggestions([unit(1, 0.6), unit(2, 0.4)], { unitId: 9, share: 0.5, condition: clutter, reasons: ['杂物'] });
    expect(out.map((s) => [s.unitId, s.confidence, s.territorial])).toEqual([
      [9, 0.5, true],
      [1, 0.3, false],
      [2, 0.2, false],
    ]);
    expect(out[0]).toMatchObject({ condition: clutter, reasons: ['杂物'] });
  });

  it('a sub-centre of another town is never offered: its share goes to the place’s own unit, which it joins if listed', () => {
    const out = placeSuggestions([unit(1, 0.5), unit(7, 0.3, false), unit(9, 0.2)], { unitId: 9, share: 0.2, condition: clutter, reasons: ['杂物'] });
    expect(out.map((s) => s.unitId)).toEqual([9, 1]);
    expect(out[0]!.confidence).toBeCloseTo(0.2 + 0.8 * (0.3 + 0.2), 9);
    expect(out[0]!.reasons).toEqual(['杂物', 'u9']);
    expect(out[1]!.confidence).toBeCloseTo(0.4, 9);
  });

  it('with no territorial route, units of other places are left out and the rest is unchanged', () => {
    expect(placeSuggestions([unit(1, 0.5), unit(7, 0.3, false)], null)).toEqual([{ unitId: 1, confidence: 0.5, condition: null, reasons: ['u1'], territorial: false }]);
  });
});
