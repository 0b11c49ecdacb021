import { describe, expect, it } from 'vitest';
import { divisionKindFromName, levelFromCode, normalizeDivisionCode, parentFromCode, shortDivisionName } from './divisions.ts';

describe('division codes', () => {
  it('pads short codes to 12 digits and rejects others', () => {
    expect(normalizeDivisionCode('320509')).toBe('320509000000');
    expect(normalizeDivisionCode(' 320509001 ')).toBe('320509001000');
    expect(normalizeDivisionCode(320509001001)).toBe('320509001001');
    expect(normalizeDivisionCode('3205090')).toBeNull();
    expect(normalizeDivisionCode('32050a')).toBeNull();
    expect(normalizeDivisionCode(null)).toBeNull();
  });

  it('reads the level and the parent from the code', () => {
    expect(levelFromCode('320000000000')).toBe('province');
    expect(levelFromCode('320500000000')).toBe('city');
    expect(levelFromCode('320509000000')).toBe('district');
    expect(levelFromCode('320509104000')).toBe('town');
    expect(levelFromCode('320509104201')).toBe('village');
    expect(parentFromCode('320509104201')).toBe('320509104000');
    expect(parentFromCode('320509104000')).toBe('320509000000');
    expect(parentFromCode('320509000000')).toBe('320500000000');
    expect(parentFromCode('320000000000')).toBeNull();
  });

  it('reads the kind from the name suffix and shortens names', () => {
    expect(divisionKindFromName('松陵街道')).toBe('街道');
    expect(divisionKindFromName('平望镇')).toBe('镇');
    expect(divisionKindFromName('西塘社区居委会')).toBe('社区居委会');
    expect(divisionKindFromName('大浦村委会')).toBe('村委会');
    expect(divisionKindFromName('吴江经济技术开发区')).toBe('开发区');
    expect(divisionKindFromName('东方丝绸市场')).toBeNull();
    expect(shortDivisionName('西塘社区居委会')).toBe('西塘社区');
    expect(shortDivisionName('大浦村委会')).toBe('大浦村');
    expect(shortDivisionName('城中居委会')).toBe('城中社区');
  });
});
