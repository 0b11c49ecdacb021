/** Working calendar (工作日历) and deadline arithmetic (时限计算). */
export {
  createWorkingCalendar,
  MAX_DURATION_DAYS,
  TIME_UNITS,
  type CalendarDay,
  type TimeUnit,
  type WorkingCalendar,
} from './working-calendar.ts';
export { DEFAULT_WORKING_PERIODS, parseWorkingPeriods, type WorkingPeriod } from './working-periods.ts';
export { chinaDayOf } from './china-time.ts';
export {
  CHINESE_DAYS_SOURCE,
  makeUpDayName,
  statutoryCalendarDays,
  statutoryYears,
  type StatutoryDay,
  type StatutorySource,
} from './statutory-holidays.ts';
export { PROVISIONAL_2027, PROVISIONAL_2027_SOURCE, type FestivalArrangement } from './provisional-2027.ts';
export {
  ADMIN_SOURCE,
  CALENDAR_VERSION_KEY,
  WORKING_PERIODS_KEY,
  calendarVersion,
  loadWorkingCalendar,
  seedStatutoryCalendar,
  setCalendarDay,
  setWorkingPeriods,
} from './calendar.repository.ts';
export { CalendarProvider } from './calendar-provider.ts';
export { readCalendarYear, setDayAs, setWorkingPeriodsAs } from './manage-calendar.ts';
