/**
 * The working calendar (工作日历) in the console: every day of a year as deadlines count it (working day or rest
 * day, the holiday's or make-up day's name, where the decision came from), and the hours of a working day.
 * Everyone signed in reads it (deadlines are explained by it); administrators change days and hours.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Obj } from './common.ts';
import { route } from './route.ts';

const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'HH:MM, China time' });
export const WorkingPeriodSchema = Type.Tuple([HHMM, HHMM], { description: 'start and end of a working period' });

export const CalendarDaySchema = Obj({
  day: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD, China' }),
  isWorkday: Type.Boolean(),
  name: Nullable(Type.String({ description: 'e.g. 春节, 国庆节调休上班' })),
  source: Nullable(Type.String({ description: 'null: the weekday rule (Mon–Fri work); chinese-days: the State Council’s notice; admin: set here' })),
});
export type CalendarDayView = Static<typeof CalendarDaySchema>;

export const CalendarYearSchema = Obj({
  year: Type.Integer(),
  workingPeriods: Type.Array(WorkingPeriodSchema),
  hoursPerWorkday: Type.Number(),
  workdays: Type.Integer({ description: 'working days in the year' }),
  days: Type.Array(CalendarDaySchema, { description: 'every day of the year, in order' }),
});
export type CalendarYear = Static<typeof CalendarYearSchema>;

export const CalendarDayBody = Type.Object(
  {
    isWorkday: Type.Boolean({ description: 'true: a working day (e.g. 调休上班); false: a rest day (e.g. a holiday)' }),
    name: Type.Optional(Nullable(Type.String({ maxLength: 50, description: '名称, e.g. 春节' }))),
  },
  { additionalProperties: false },
);

export const calendarRoutes = {
  readYear: route({
    method: 'GET',
    path: '/api/v1/calendar/:year',
    tags: ['calendar'],
    summary: '工作日历 Every day of a year as deadlines count it, and the working hours',
    params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
    response: { 200: CalendarYearSchema },
  }),
  setDay: route({
    method: 'PUT',
    path: '/api/v1/admin/calendar/days/:day',
    tags: ['admin'],
    summary: '设置工作日/休息日 Make a day a working or rest day; deadlines set from now on count it (running clocks keep theirs)',
    params: Type.Object({ day: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' }) }),
    body: CalendarDayBody,
    response: { 200: CalendarDaySchema },
  }),
  setWorkingPeriods: route({
    method: 'PUT',
    path: '/api/v1/admin/calendar/working-periods',
    tags: ['admin'],
    summary: '工作时段 The hours of a working day (e.g. 08:30–12:00, 13:30–17:30)',
    body: Type.Object({ periods: Type.Array(WorkingPeriodSchema, { minItems: 1, maxItems: 6 }) }, { additionalProperties: false }),
    response: { 200: Type.Object({ workingPeriods: Type.Array(WorkingPeriodSchema), hoursPerWorkday: Type.Number() }, { additionalProperties: false }) },
  }),
};
