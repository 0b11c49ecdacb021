/**
 * China's statutory holidays (法定节假日) and make-up working days (调休上班) as calendar overrides.
 * Only days that differ from the Monday–Friday rule are returned, as the calendar_days table stores.
 *
 * Years up to 2026 come from the chinese-days package. We read its published JSON data rather than
 * calling its functions: those parse 'YYYY-MM-DD' in the machine's time zone and answer for the
 * previous day west of UTC (checked with chinese-days 1.5.7 under TZ=America/Los_Angeles).
 * 2027 comes from our provisional estimate (provisional-2027.ts).
 */
import { createRequire } from 'node:module';
import { formatDay, isWeekend, parseDay } from './china-time.ts';
import { PROVISIONAL_2027, PROVISIONAL_2027_SOURCE, type FestivalArrangement } from './provisional-2027.ts';
import type { CalendarDay } from './working-calendar.ts';

export const CHINESE_DAYS_SOURCE = 'chinese-days';
export type StatutorySource = typeof CHINESE_DAYS_SOURCE | typeof PROVISIONAL_2027_SOURCE;

export interface StatutoryDay extends CalendarDay {
  name: string;
  /** Where the day comes from; stored in calendar_days.source. */
  source: StatutorySource;
}

/** chinese-days.json: day → 'English name,中文名,n' for rest days (holidays) and make-up days (workdays). */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// The package is CommonJS without an exports map; require() reads the JSON on every Node version we run.
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;

/** The package's short Chinese names (清明, 端午, 中秋) → the names on the State Council notice. */
const NAMES_BY_ENGLISH: Record<string, string> = {
  "New Year's Day": '元旦',
  'Spring Festival': '春节',
  'Tomb-sweeping Day': '清明节',
  'Labour Day': '劳动节',
  'Dragon Boat Festival': '端午节',
  'Mid-autumn Festival': '中秋节',
  'National Day': '国庆节',
};

function festivalName(value: string): string {
  const [english = '', chinese = ''] = value.split(',');
  return NAMES_BY_ENGLISH[english] ?? (chinese || english);
}

export const makeUpDayName = (festival: string) => `${festival}调休上班`;

const PACKAGE_YEARS = [...new Set(Object.keys(data.holidays).map((day) => Number(day.slice(0, 4))))].sort();

/** Years this module can give overrides for. */
export function statutoryYears(): number[] {
  return [...new Set([...PACKAGE_YEARS, 2027])];
}

function fromPackage(year: number): StatutoryDay[] {
  const prefix = `${year}-`;
  const days: StatutoryDay[] = [];
  for (const [day, value] of Object.entries(data.holidays)) {
    // A holiday on a weekend is a rest day anyway: nothing to override.
    if (day.startsWith(prefix) && !isWeekend(parseDay(day))) {
      days.push({ day, isWorkday: false, name: festivalName(value), source: CHINESE_DAYS_SOURCE });
    }
  }
  for (const [day, value] of Object.entries(data.workdays)) {
    if (day.startsWith(prefix) && isWeekend(parseDay(day))) {
      days.push({ day, isWorkday: true, name: makeUpDayName(festivalName(value)), source: CHINESE_DAYS_SOURCE });
    }
  }
  return days;
}

function fromArrangements(arrangements: readonly FestivalArrangement[], source: StatutorySource): StatutoryDay[] {
  const days: StatutoryDay[] = [];
  for (const a of arrangements) {
    for (let index = parseDay(a.from); index <= parseDay(a.to); index++) {
      if (!isWeekend(index)) days.push({ day: formatDay(index), isWorkday: false, name: a.name, source });
    }
    for (const day of a.makeUpDays) {
      if (isWeekend(parseDay(day))) days.push({ day, isWorkday: true, name: makeUpDayName(a.name), source });
    }
  }
  return days;
}

/** The overrides for the given years, sorted by day. Throws RangeError for a year we have no data for. */
export function statutoryCalendarDays(years: readonly number[]): StatutoryDay[] {
  const days: StatutoryDay[] = [];
  for (const year of new Set(years)) {
    if (year === 2027 && !PACKAGE_YEARS.includes(2027)) days.push(...fromArrangements(PROVISIONAL_2027, PROVISIONAL_2027_SOURCE));
    else if (PACKAGE_YEARS.includes(year)) days.push(...fromPackage(year));
    else throw new RangeError(`No statutory holiday data for ${year}; available: ${statutoryYears().join(', ')}`);
  }
  return days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
