/**
 * China Standard Time (UTC+8, no daylight saving since 1991) as plain offset arithmetic, so the
 * calendar gives the same answers whatever time zone the server or the test machine runs in.
 * A "day index" counts days since 1970-01-01 in China.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The China-local day index of a UTC instant (milliseconds). */
export function dayIndexOf(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
}

/** The UTC instant (milliseconds) of China-local midnight that starts the day. */
export function dayStartMs(dayIndex: number): number {
  return dayIndex * DAY_MS - CHINA_OFFSET_MS;
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(dayIndex: number): number {
  return (((dayIndex + 4) % 7) + 7) % 7;
}

export function isWeekend(dayIndex: number): boolean {
  const w = weekdayOf(dayIndex);
  return w === 0 || w === 6;
}

/** 'YYYY-MM-DD' → day index; throws RangeError on anything that is not a real calendar date. */
export function parseDay(day: string): number {
  const m = typeof day === 'string' ? DAY_PATTERN.exec(day) : null;
  if (!m) throw new RangeError(`Not a day in YYYY-MM-DD form: ${String(day)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const index = ms / DAY_MS;
  // Date.UTC rolls 2026-02-30 over to March; the round trip catches it.
  if (formatDay(index) !== day) throw new RangeError(`No such day: ${day}`);
  return index;
}

/** Day index → 'YYYY-MM-DD'. */
export function formatDay(dayIndex: number): string {
  return new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
}

/** The China-local calendar day ('YYYY-MM-DD') of an instant. */
export function chinaDayOf(at: Date): string {
  return formatDay(dayIndexOf(at.getTime()));
}
