/**
 * The sentences of an analysis report that say what rose and what fell, written from the figures alone: a count
 * against the previous period's (件, and the change in per cent), a rate against the previous rate (percentage
 * points), a period named as people name it. Nothing here is invented: a figure with nothing to compare says so.
 */
import type { PeriodKind } from '@liandong/contracts';

/** A rate as the report prints it: '86.4%', or '—' when nothing was below the line. */
export const percent = (x: number | null) => (x == null ? '—' : `${x}%`);

/** 受理量较上期增加 12 件（增长 8.5%） / 减少… / 持平; against an empty previous period, no percentage. */
export function countChange(cur: number, prev: number, unit = '件'): string {
  const d = cur - prev;
  if (d === 0) return '与上期持平';
  if (prev === 0) return `上期为0${unit}`;
  const pct = Math.round((1000 * Math.abs(d)) / prev) / 10;
  return d > 0 ? `较上期增加${d}${unit}（增长${pct}%）` : `较上期减少${-d}${unit}（下降${pct}%）`;
}

/** 较上期上升 2.3 个百分点 / 下降… / 持平; 上期无可比数据 when either rate is empty. */
export function rateChange(cur: number | null, prev: number | null): string {
  if (cur == null || prev == null) return '上期无可比数据';
  const d = Math.round((cur - prev) * 10) / 10;
  if (d === 0) return '与上期持平';
  return d > 0 ? `较上期上升${d}个百分点` : `较上期下降${Math.round(-d * 10) / 10}个百分点`;
}

/** The change as a table cell: '+12', '−3', '0'; rates in points: '+2.3', '—' when not comparable. */
export function changeCell(cur: number | null, prev: number | null): string {
  if (cur == null || prev == null) return '—';
  const d = Math.round((cur - prev) * 10) / 10;
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '0';
}

const QUARTERS = ['一', '二', '三', '四'];
const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** '2026年11月', '2026年第四季度', '2026年', '2026年11月16日', '2026年11月15日至11月18日'. */
export function periodLabel(p: { kind: PeriodKind; firstDay: string; lastDay: string }): string {
  const y = p.firstDay.slice(0, 4);
  const m = Number(p.firstDay.slice(5, 7));
  if (p.kind === 'month') return `${y}年${m}月`;
  if (p.kind === 'quarter') return `${y}年第${QUARTERS[Math.floor((m - 1) / 3)]}季度`;
  if (p.kind === 'year') return `${y}年`;
  if (p.firstDay === p.lastDay) return `${y}年${md(p.firstDay)}`;
  const y2 = p.lastDay.slice(0, 4);
  return `${y}年${md(p.firstDay)}至${y2 === y ? '' : `${y2}年`}${md(p.lastDay)}`;
}

/** The share of a part in a whole, '42.1%' ('—' of nothing). */
export const share = (part: number, whole: number) => (whole > 0 ? `${Math.round((1000 * part) / whole) / 10}%` : '—');
