import type { Queryable } from '@liandong/db';
import type { WorkingCalendar } from './working-calendar.ts';
import { calendarVersion, loadWorkingCalendar } from './calendar.repository.ts';

/**
 * Keeps the working calendar in memory and reloads it when an administrator changes it (the
 * 'calendar.version' setting moves); the version is read at most every `recheckMs`, so several
 * server processes converge within that time.
 */
export class CalendarProvider {
  private calendar: WorkingCalendar | null = null;
  private version = '';
  private checkedAt = 0;

  constructor(private readonly recheckMs = 5_000) {}

  async get(q: Queryable): Promise<WorkingCalendar> {
    const now = Date.now();
    if (this.calendar && now - this.checkedAt < this.recheckMs) return this.calendar;
    const version = await calendarVersion(q);
    if (!this.calendar || version !== this.version) {
      this.calendar = await loadWorkingCalendar(q);
      this.version = version;
    }
    this.checkedAt = now;
    return this.calendar;
  }

  invalidate(): void {
    this.calendar = null;
  }
}
