import { describe, expect, it } from 'vitest';
import { changeCell, countChange, periodLabel, rateChange, share } from './report-text.rules.ts';

describe('what rose and what fell', () => {
  it('words a count against the previous period', () => {
    expect(countChange(120, 100)).toBe('较上期增加20件（增长20%）');
    expect(countChange(90, 120)).toBe('较上期减少30件（下降25%）');
    expect(countChange(7, 7)).toBe('与上期持平');
    expect(countChange(5, 0)).toBe('上期为0件');
    expect(countChange(0, 0)).toBe('与上期持平');
  });
  it('words a rate in percentage points, and says when there is nothing to compare', () => {
    expect(rateChange(86.4, 84.1)).toBe('较上期上升2.3个百分点');
    expect(rateChange(80, 90.5)).toBe('较上期下降10.5个百分点');
    expect(rateChange(75, 75)).toBe('与上期持平');
    expect(rateChange(75, null)).toBe('上期无可比数据');
    expect(changeCell(86.4, 84.1)).toBe('+2.3');
    expect(changeCell(3, 5)).toBe('−2');
    expect(changeCell(null, 5)).toBe('—');
  });
  it('names periods as people do', () => {
    expect(periodLabel({ kind: 'month', firstDay: '2026-11-01', lastDay: '2026-11-30' })).toBe('2026年11月');
    expect(periodLabel({ kind: 'quarter', firstDay: '2026-10-01', lastDay: '2026-12-31' })).toBe('2026年第四季度');
    expect(periodLabel({ kind: 'custom', firstDay: '2026-11-15', lastDay: '2026-11-18' })).toBe('2026年11月15日至11月18日');
    expect(periodLabel({ kind: 'custom', firstDay: '2026-12-15', lastDay: '2027-01-10' })).toBe('2026年12月15日至2027年1月10日');
    expect(share(1, 3)).toBe('33.3%');
    expect(share(0, 0)).toBe('—');
  });
});
