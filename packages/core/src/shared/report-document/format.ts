/**
 * Chinese dates, numbers and durations as official documents write them. Dates are always China Standard Time
 * (UTC+8, no daylight saving) by offset arithmetic, never the machine's zone: a report generated on a server
 * in UTC must carry the same dates as one generated in Suzhou.
 */
import { TIME_UNIT_LABELS as UNIT_LABELS } from '@liandong/contracts';
import { HOUR_MS } from '../../calendar/china-time.ts';

const TIME_UNIT_LABELS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(UNIT_LABELS).map(([unit, l]) => [unit, l.zh]));

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The China-local calendar fields of an instant. */
export function chinaFields(at: Date) {
  const d = new Date(at.getTime() + 8 * HOUR_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** '2026年11月21日' — the form of GB/T 9704 dates (Arabic numerals, no leading zeros). */
export function formatChineseDate(at: Date): string {
  const f = chinaFields(at);
  return `${f.year}年${f.month}月${f.day}日`;
}

/** '2026年11月21日9时05分' — a moment inside a sentence. */
export function formatChineseMoment(at: Date): string {
  const f = chinaFields(at);
  return `${f.year}年${f.month}月${f.day}日${f.hour}时${pad2(f.minute)}分`;
}

/** '2026年11月21日 09:05' — a moment in a table cell, where the clock form reads faster. */
export function formatChineseDateTime(at: Date): string {
  const f = chinaFields(at);
  return `${formatChineseDate(at)} ${pad2(f.hour)}:${pad2(f.minute)}`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → '一', 10 → '十', 12 → '十二', 20 → '二十', 35 → '三十五' (1–99, enough for section and item numbers). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumber: ${n} is outside 1–99`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones]!;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** A step limit as people say it: (2, 'working_hours') → '2 工作时'. An unknown unit is shown as given. */
export function formatLimit(value: number, unit: string): string {
  return `${value} ${TIME_UNIT_LABELS[unit] ?? unit}`;
}

/**
 * A span of working time in working days, hours and minutes: (1020, 450) → '2 工作日 2 小时' for a
 * 7.5-hour working day. The caller measures the span with the working calendar; this only words it.
 */
export function formatWorkingSpan(workingMinutes: number, minutesPerWorkday: number): string {
  if (!(minutesPerWorkday > 0)) throw new RangeError('formatWorkingSpan: minutesPerWorkday must be positive');
  const total = Math.max(0, Math.round(workingMinutes));
  const days = Math.floor(total / minutesPerWorkday);
  const rest = Math.round(total - days * minutesPerWorkday);
  const hours = Math.floor(rest / 60);
  const minutes = rest % 60;
  const parts = [days ? `${days} 工作日` : '', hours ? `${hours} 小时` : '', minutes ? `${minutes} 分钟` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0 分钟';
}

/** '超时 2 工作日 2 小时' from the same measure. */
export function formatOverdue(workingMinutes: number, minutesPerWorkday: number): string {
  return `超时 ${formatWorkingSpan(workingMinutes, minutesPerWorkday)}`;
}
