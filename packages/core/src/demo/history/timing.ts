/**
 * How long people take. The district centre works round the clock (12345 is 7×24) and answers in minutes;
 * sub-centres, departments, stations and grid workers act within working time, so their steps are drawn
 * as a share of the step's limit through the working calendar — the same addDuration the clocks use.
 * On rest days and holidays (Spring Festival, National Day week) units keep a duty shift (节假日值班) that
 * works daytime at a slower pace, so a history ending in a long holiday still moves, as real ones do.
 */
import type { TimeUnit, WorkingCalendar } from '../../calendar/index.ts';
import type { Rng } from './rng.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Duty shift: 08:30–17:30 China time every day, at this fraction of a full team's pace. */
const DUTY_FROM = 8.5 * HOUR_MS;
const DUTY_TO = 17.5 * HOUR_MS;
const DUTY_PACE = 0.4;

/** Adds hours of duty time (daytime, every day) to an instant. */
function addDutyHours(t: Date, hours: number): Date {
  let left = hours * HOUR_MS;
  const start = t.getTime();
  // Day starts in China time (UTC+8).
  let day = Math.floor((start + 8 * HOUR_MS) / DAY_MS) * DAY_MS - 8 * HOUR_MS;
  for (;; day += DAY_MS) {
    const from = Math.max(start, day + DUTY_FROM);
    const to = day + DUTY_TO;
    if (to <= from) continue;
    if (left <= to - from) return new Date(from + left);
    left -= to - from;
  }
}

export class Timing {
  constructor(
    private readonly cal: WorkingCalendar,
    private readonly rng: Rng,
  ) {}

  /** Clock minutes, slower at night when one shift covers the centre. */
  centre(t: Date, lo: number, hi: number): Date {
    const hour = new Date(t.getTime() + 8 * 3_600_000).getUTCHours();
    const slow = hour < 7 || hour >= 22 ? 2 : 1;
    return new Date(t.getTime() + (lo + this.rng() * (hi - lo)) * slow * MINUTE_MS);
  }

  minutes(t: Date, lo: number, hi: number): Date {
    return new Date(t.getTime() + (lo + this.rng() * (hi - lo)) * MINUTE_MS);
  }

  /** `value unit` of work after t: in working time, or sooner by the duty shift across rest days. */
  private work(t: Date, value: number, unit: TimeUnit): Date {
    const real = this.cal.addDuration(t, value, unit);
    if (unit !== 'working_hours' && unit !== 'working_days') return real;
    const hours = unit === 'working_days' ? value * this.cal.hoursPerWorkday : value;
    const duty = addDutyHours(t, hours / DUTY_PACE);
    return duty < real ? duty : real;
  }

  /** A share in [lo, hi] of `value unit` after t. */
  share(t: Date, value: number, unit: TimeUnit, lo: number, hi: number): Date {
    const f = lo + this.rng() * (hi - lo);
    return this.work(t, Math.max(0.01, f * value), unit);
  }

  /** Like share, but most draws near lo: people finish most work well before the limit. */
  early(t: Date, value: number, unit: TimeUnit, lo: number, hi: number): Date {
    const u = this.rng();
    return this.work(t, Math.max(0.01, (lo + u * u * (hi - lo)) * value), unit);
  }

  /** Working hours in an office. */
  office(t: Date, loHours: number, hiHours: number): Date {
    return this.share(t, 1, 'working_hours', loHours, hiHours);
  }

  /** Natural days (a suspension, a lingering case). */
  days(t: Date, lo: number, hi: number): Date {
    return new Date(t.getTime() + (lo + this.rng() * (hi - lo)) * 24 * 3_600_000);
  }
}
