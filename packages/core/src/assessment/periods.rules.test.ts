import { describe, expect, it } from 'vitest';
import { periodOf, previousPeriod } from './periods.rules.ts';

const today = new Date('2026-12-06T03:00:00Z'); // Sunday 6 December, 11:00 in China
const days = (p: { firstDay: string; lastDay: string }) => [p.firstDay, p.lastDay];

describe('periods in China time', () => {
  it('holds the day asked for, a week from Monday, a month, a quarter, a year', () => {
    expect(days(periodOf({ period: 'day' }, today))).toEqual(['2026-12-06', '2026-12-06']);
    expect(days(periodOf({ period: 'week' }, today))).toEqual(['2026-11-30', '2026-12-06']);
    expect(days(periodOf({ period: 'month', date: '2026-02-10' }, today))).toEqual(['2026-02-01', '2026-02-28']);
    expect(days(periodOf({ period: 'quarter', date: '2026-08-31' }, today))).toEqual(['2026-07-01', '2026-09-30']);
    expect(days(periodOf({ period: 'year' }, today))).toEqual(['2026-01-01', '2026-12-31']);
    // Midnight in China is 16:00 the day before in UTC.
    expect(periodOf({ period: 'day', date: '2026-10-01' }, today).from.toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  it('a day just after midnight in China belongs to that day, not to the UTC one', () => {
    expect(days(periodOf({ period: 'day' }, new Date('2026-12-05T16:30:00Z')))).toEqual(['2026-12-06', '2026-12-06']);
  });

  it('the previous period is of the same kind; custom days: as many days just before', () => {
    expect(days(previousPeriod(periodOf({ period: 'month', date: '2026-03-15' }, today)))).toEqual(['2026-02-01', '2026-02-28']);
    expect(days(previousPeriod(periodOf({ period: 'week', date: '2026-01-01' }, today)))).toEqual(['2025-12-22', '2025-12-28']);
    expect(days(previousPeriod(periodOf({ period: 'quarter', date: '2026-01-01' }, today)))).toEqual(['2025-10-01', '2025-12-31']);
    expect(days(previousPeriod(periodOf({ period: 'custom', from: '2026-09-28', to: '2026-10-16' }, today)))).toEqual(['2026-09-09', '2026-09-27']);
  });

  it('refuses impossible dates and periods, naming the field', () => {
    expect(() => periodOf({ period: 'month', date: '2026-02-30' }, today)).toThrow(expect.objectContaining({ field: 'date' }));
    expect(() => periodOf({ period: 'custom', to: '2026-01-01' }, today)).toThrow(expect.objectContaining({ field: 'from' }));
    expect(() => periodOf({ period: 'custom', from: '2026-02-01', to: '2026-01-01' }, today)).toThrow(expect.objectContaining({ field: 'to' }));
  });
});
