/** 工作日历: the year as deadlines count it, for everyone signed in; days and hours changed by administrators. */
import type { FastifyInstance } from 'fastify';
import { calendarRoutes as routes } from '@liandong/contracts';
import { readCalendarYear, setDayAs, setWorkingPeriodsAs } from '@liandong/core/calendar/index.ts';
import { requireActor } from '../http/auth.ts';
import { adminContext } from '../http/admin-context.ts';
import { contractRoute } from '../http/contract-route.ts';
import { readClock, type Platform } from '../platform.ts';

export function calendarRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.readYear, async (req) => {
    requireActor(req);
    return readCalendarYear(p.db, (await readClock(p)).calendar, req.params.year);
  });
  contractRoute(app, routes.setDay, async (req) => {
    const day = await setDayAs(p.db, requireActor(req), req.params.day, req.body, adminContext(p, req));
    p.calendar.invalidate();
    return day;
  });
  contractRoute(app, routes.setWorkingPeriods, async (req) => {
    const periods = await setWorkingPeriodsAs(p.db, requireActor(req), req.body.periods, adminContext(p, req));
    p.calendar.invalidate();
    return periods;
  });
}
