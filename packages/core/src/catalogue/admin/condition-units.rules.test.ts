import { describe, expect, it } from 'vitest';
import { unitRulesProblem, type UnitRuleDraft } from './condition-units.rules.ts';

const field = (rules: UnitRuleDraft[]) => unitRulesProblem(rules)?.field ?? null;

describe('a condition’s responsible-unit rules', () => {
  it('accept one lead everywhere, co-handlers, and per-area leads', () => {
    expect(field([{ role: 'lead', unitId: 1 }, { role: 'co', territorial: true }, { role: 'co', unitId: 2 }])).toBeNull();
    expect(field([{ role: 'lead', territorial: true }, { role: 'lead', unitId: 3, areaCode: '320509102000' }, { role: 'lead', unitId: 4, areaCode: '320509103000' }])).toBeNull();
  });

  it('accept the component’s owner leading, alone or followed by the unit that leads when there is none', () => {
    expect(field([{ role: 'lead', componentOwner: true }])).toBeNull();
    expect(field([{ role: 'lead', componentOwner: true }, { role: 'lead', unitId: 5 }])).toBeNull();
    expect(field([{ role: 'lead', unitId: 5 }, { role: 'lead', componentOwner: true }])).toBe('units');
    expect(field([{ role: 'lead', componentOwner: true }, { role: 'lead', unitId: 5 }, { role: 'lead', unitId: 6 }])).toBe('units');
  });

  it('refuse a rule naming no target or two, a repeated rule, two leads in one area, and no lead everywhere', () => {
    expect(field([{ role: 'lead' }])).toBe('units[0].unitId');
    expect(field([{ role: 'lead', unitId: 1 }, { role: 'co', territorial: true, componentOwner: true }])).toBe('units[1].unitId');
    expect(field([{ role: 'lead', unitId: 1 }, { role: 'co', unitId: 2 }, { role: 'co', unitId: 2 }])).toBe('units[2]');
    expect(field([{ role: 'lead', unitId: 1 }, { role: 'lead', unitId: 2, areaCode: 'a' }, { role: 'lead', territorial: true, areaCode: 'a' }])).toBe('units');
    expect(field([{ role: 'lead', unitId: 1, areaCode: 'a' }, { role: 'co', unitId: 2 }])).toBe('units');
  });
});
