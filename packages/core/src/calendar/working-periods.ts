/**
 * Working periods (工作时段): the hours of a working day in China local time, e.g. 08:30–12:00 and
 * 13:30–17:30. They arrive from administrators and from the settings table, so everything is checked.
 */
import { invalidField } from '../shared/errors.ts';
import { MINUTE_MS } from './china-time.ts';

export type WorkingPeriod = [start: string, end: string];

/** The usual office hours of a Chinese government unit, with the lunch break. */
export const DEFAULT_WORKING_PERIODS: readonly WorkingPeriod[] = Object.freeze([
  ['08:30', '12:00'],
  ['13:30', '17:30'],
] as WorkingPeriod[]);

/** A period as milliseconds after China-local midnight. */
export interface PeriodMs {
  startMs: number;
  endMs: number;
}

const FIELD = 'workingPeriods';
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minuteOf(value: unknown, allowMidnightEnd: boolean): number | undefined {
  if (typeof value !== 'string') return undefined;
  // 24:00 may close the last period of the day (round-the-clock units), never open one.
  if (value === '24:00') return allowMidnightEnd ? 24 * 60 : undefined;
  const m = TIME_PATTERN.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

const fail = (zh: string, en: string) => invalidField(FIELD, zh, en);

/**
 * Validates periods given as [['HH:MM', 'HH:MM'], ...]: at least one, each start before its end,
 * in order and not overlapping (touching is allowed). Throws a DomainError (400) naming the period.
 */
export function parseWorkingPeriods(periods: unknown): PeriodMs[] {
  if (!Array.isArray(periods) || periods.length === 0) {
    throw fail('至少需要一个工作时段，格式如 [["08:30","12:00"]]', 'at least one period is needed, e.g. [["08:30","12:00"]]');
  }
  if (periods.length > 12) throw fail('工作时段不能超过 12 个', 'at most 12 periods are allowed');
  const parsed: PeriodMs[] = [];
  periods.forEach((period: unknown, i) => {
    const n = i + 1;
    if (!Array.isArray(period) || period.length !== 2) {
      throw fail(`第 ${n} 个时段应为 [开始, 结束]`, `period ${n} must be a pair [start, end]`);
    }
    const start = minuteOf(period[0], false);
    const end = minuteOf(period[1], true);
    if (start === undefined || end === undefined) {
      throw fail(
        `第 ${n} 个时段的时间应为 HH:MM（00:00–24:00）：${JSON.stringify(period)}`,
        `period ${n} must use HH:MM times (00:00–24:00): ${JSON.stringify(period)}`,
      );
    }
    if (start >= end) {
      throw fail(`第 ${n} 个时段的开始须早于结束：${period[0]}–${period[1]}`, `period ${n} must start before it ends: ${period[0]}–${period[1]}`);
    }
    const previous = parsed[parsed.length - 1];
    if (previous && start * MINUTE_MS < previous.endMs) {
      throw fail(
        `第 ${n} 个时段须按时间顺序排列且与前一个时段不重叠：${period[0]}–${period[1]}`,
        `period ${n} must come after the previous one without overlapping it: ${period[0]}–${period[1]}`,
      );
    }
    parsed.push({ startMs: start * MINUTE_MS, endMs: end * MINUTE_MS });
  });
  return parsed;
}
