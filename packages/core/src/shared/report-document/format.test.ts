import { afterEach, describe, expect, it } from 'vitest';
import {
  chineseNumber,
  formatChineseDate,
  formatChineseDateTime,
  formatChineseMoment,
  formatLimit,
  formatOverdue,
  formatWorkingSpan,
} from './format.ts';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('Chinese dates', () => {
  // 16:30 UTC on the 20th is 00:30 on the 21st in China, and still the 20th on the US west coast.
  const nearMidnight = new Date('2026-11-20T16:30:00Z');

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati'])('are China Standard Time with TZ=%s', (tz) => {
    process.env.TZ = tz;
    expect(formatChineseDate(nearMidnight)).toBe('2026年11月21日');
    expect(formatChineseMoment(nearMidnight)).toBe('2026年11月21日0时30分');
    expect(formatChineseDateTime(nearMidnight)).toBe('2026年11月21日 00:30');
  });

  it('writes months and days without leading zeros, minutes with', () => {
    const d = new Date('2026-01-04T01:05:00Z');
    expect(formatChineseDate(d)).toBe('2026年1月4日');
    expect(formatChineseMoment(d)).toBe('2026年1月4日9时05分');
  });

  it('crosses the year in China before it does in UTC', () => {
    expect(formatChineseDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027年1月1日');
  });
});

describe('Chinese numbers', () => {
  it.each([
    [1, '一'],
    [5, '五'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [35, '三十五'],
    [99, '九十九'],
  ])('%i → %s', (n, zh) => expect(chineseNumber(n)).toBe(zh));

  it('refuses what it cannot write', () => {
    expect(() => chineseNumber(0)).toThrow(RangeError);
    expect(() => chineseNumber(100)).toThrow(RangeError);
    expect(() => chineseNumber(1.5)).toThrow(RangeError);
  });
});

describe('limits and working spans', () => {
  it('names the time units as the catalogue does', () => {
    expect(formatLimit(2, 'working_hours')).toBe('2 工作时');
    expect(formatLimit(3, 'working_days')).toBe('3 工作日');
    expect(formatLimit(24, 'urgent_hours')).toBe('24 紧急小时');
    expect(formatLimit(7, 'natural_days')).toBe('7 自然日');
  });

  it('words a span in working days of 7.5 hours, hours and minutes', () => {
    expect(formatWorkingSpan(900, 450)).toBe('2 工作日');
    expect(formatWorkingSpan(1020, 450)).toBe('2 工作日 2 小时');
    expect(formatWorkingSpan(3 * 450 + 125, 450)).toBe('3 工作日 2 小时 5 分钟');
    expect(formatWorkingSpan(45, 450)).toBe('45 分钟');
    expect(formatWorkingSpan(0, 450)).toBe('0 分钟');
    expect(formatOverdue(1020, 450)).toBe('超时 2 工作日 2 小时');
  });
});
