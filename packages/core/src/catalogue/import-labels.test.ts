import { describe, expect, it } from 'vitest';
import {
  isTerritorialToken,
  labelKey,
  labelLookup,
  parseAreaCode,
  parseHandlingLevel,
  parseKind,
  parsePositiveNumber,
  splitUnitList,
  TIME_UNIT_ALIASES,
} from './import-labels.ts';

const timeUnits = labelLookup(
  [
    { code: 'urgent_hours', nameZh: '紧急小时', nameEn: 'urgent hours' },
    { code: 'working_hours', nameZh: '工作时', nameEn: 'working hours' },
    { code: 'working_days', nameZh: '工作日', nameEn: 'working days' },
    { code: 'natural_days', nameZh: '自然日', nameEn: 'natural days' },
  ],
  TIME_UNIT_ALIASES,
);
const unit = (s: string) => timeUnits.get(labelKey(s));

describe('catalogue CSV labels', () => {
  it('reads time units by code, Chinese and English label and local phrasing', () => {
    expect(unit('工作日')).toBe('working_days');
    expect(unit(' 个工作日 ')).toBe('working_days');
    expect(unit('Working_Days')).toBe('working_days');
    expect(unit('working hours')).toBe('working_hours');
    expect(unit('个工作时')).toBe('working_hours');
    expect(unit('紧急小时')).toBe('urgent_hours');
    expect(unit('小时')).toBe('urgent_hours');
    expect(unit('天')).toBe('natural_days');
    expect(unit('分钟')).toBeUndefined();
  });

  it('reads kinds and handling levels in both languages', () => {
    expect(parseKind('管理部件')).toBe('component');
    expect(parseKind('EVENT')).toBe('event');
    expect(parseKind('物件')).toBeUndefined();
    expect(parseHandlingLevel('镇（街道）')).toBe('town');
    expect(parseHandlingLevel('村(社区)')).toBe('village');
    expect(parseHandlingLevel('网格')).toBe('grid');
    expect(parseHandlingLevel('省')).toBeUndefined();
  });

  it('reads numbers, area codes and unit lists', () => {
    expect(parsePositiveNumber('0.5')).toBe(0.5);
    expect(parsePositiveNumber('0')).toBeUndefined();
    expect(parsePositiveNumber('1e3')).toBeUndefined();
    expect(parsePositiveNumber('15工作日')).toBeUndefined();
    expect(parseAreaCode('320509104')).toBe('320509104000');
    expect(parseAreaCode('3205091040001')).toBeUndefined();
    expect(splitUnitList('WJ-CGJ; WJ-HBJ；属地、WJ-JJ;')).toEqual(['WJ-CGJ', 'WJ-HBJ', '属地', 'WJ-JJ']);
    expect(isTerritorialToken('属地')).toBe(true);
    expect(isTerritorialToken('Territorial')).toBe(true);
    expect(isTerritorialToken('WJ-CGJ')).toBe(false);
  });
});
