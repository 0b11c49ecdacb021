/**
 * The big screen's figures read from the statistics' rollups equal those counted straight from the orders, as the
 * snapshot counted them before it read the rollups (the SQL below): on three days of demo history — closed, rated,
 * answered, overdue, suspended and open orders of every channel and nature — for the district's wall and a town's,
 * and again after the day moves on and more is folded. The rankings of units (lead handler) and of towns or villages
 * by orders closed this month and today, read from the rollups, equal those counted from the month's closed orders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenSnapshot } from '@liandong/contracts';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { DEMO_SEED } from '../../../test/seeds.ts';
import { buildDemoHistory } from './index.ts';
import { periodOf } from '../../assessment/periods.rules.ts';
import { screenSnapshot } from '../../screen/snapshot.ts';
import type { ScreenScope } from '../../screen/screen-tokens.ts';

const END = new Date('2026-03-18T06:30:00Z');
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDb(DEMO_SEED);
  await buildDemoHistory(t.db, { days: 3, endAt: END, seed: 7, ordersPerDay: 250, batchSize: 150 });
}, 180_000);
afterAll(() => t?.close());

const LATE = `exists (select 1 from order_step_runs r where r.order_id = o.id and r.step in ('sign', 'handle') and (r.done_at > r.due_at or r.withdrawn_at > r.due_at))`;

/** The figures, counted from the orders of the area as the snapshot did before the rollups. */
async function recount(scope: ScreenScope, now: Date) {
  const today = periodOf({ period: 'day' }, now);
  const area = scope.level === 'district' ? 'o.district_code = $1' : 'o.town_code = $1';
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T & Record<string, unknown>>(sql, [scope.areaCode, ...params])).rows;
  const [r] = await q<{ received: number; of: number; closed: number; direct: number }>(
    `select count(*)::int as received, count(*) filter (where o.state not in ('merged', 'voided', 'rejected'))::int as of,
            count(*) filter (where o.state = 'closed')::int as closed,
            count(*) filter (where exists (select 1 from order_events e where e.order_id = o.id and e.action = 'answer'))::int as direct
       from orders o where ${area} and o.created_at >= $2 and o.created_at < $3`,
    [today.from, today.to],
  );
  const [c] = await q<{ of: number; hit: number }>(
    `select count(*)::int as of, count(*) filter (where not ${LATE})::int as hit
       from orders o where ${area} and o.closed_at >= $2 and o.closed_at < $3 and o.state = 'closed'`,
    [today.from, today.to],
  );
  const live = await q<{ grid_code: string | null; open: number; overdue: number }>(
    `select o.grid_code, count(*)::int as open,
            count(*) filter (where o.state <> 'suspended'
                               and exists (select 1 from order_deadlines d where d.order_id = o.id and d.done_at is null and d.due_at < $2))::int as overdue
       from orders o where ${area} and o.state not in ('closed', 'rejected', 'merged', 'voided') group by o.grid_code`,
    [now],
  );
  const mix = (col: string) =>
    q<{ code: string; count: number }>(
      `select o.${col} as code, count(*)::int as count from orders o where ${area} and o.created_at >= $2 and o.created_at < $3 group by 1 order by 2 desc, 1`,
      [today.from, today.to],
    );
  // The rankings as the snapshot counted them from the month's closed orders: units by lead handler, the area's parts.
  const month = periodOf({ period: 'month' }, now);
  const part = scope.level === 'district' ? 'town' : 'village';
  const ranked = await q<{ kind: string; key: string; today: number; today_on_time: number; month: number; month_on_time: number }>(
    `with c as (select o.handler_unit_id, o.${part}_code as part, o.closed_at >= $2 and o.closed_at < $5 as today, not ${LATE} as on_time
                  from orders o where ${area} and o.closed_at >= $3 and o.closed_at < $4 and o.state = 'closed'),
          g as (select 'unit' as kind, handler_unit_id::text as key, today, on_time from c where handler_unit_id is not null
                union all select 'area', part, today, on_time from c where part is not null)
     select kind, key, count(*) filter (where today)::int as today, count(*) filter (where today and on_time)::int as today_on_time,
            count(*)::int as month, count(*) filter (where on_time)::int as month_on_time
       from g group by 1, 2 order by 1, 5 desc, 3 desc, 2`,
    [today.from, month.from, month.to, today.to],
  );
  const rank = (x: (typeof ranked)[number]) => [x.key, x.today, x.today_on_time, x.month, x.month_on_time];
  return {
    units: ranked.filter((x) => x.kind === 'unit').slice(0, 10).map(rank),
    areas: ranked.filter((x) => x.kind === 'area').map(rank).sort(),
    received: r!.received,
    completion: [r!.closed, r!.of],
    directClose: [r!.direct, r!.received],
    onTime: [c!.hit, c!.of],
    open: live.reduce((n, l) => n + l.open, 0),
    overdue: live.reduce((n, l) => n + l.overdue, 0),
    gridLoad: live.filter((l) => l.grid_code !== null).map((l) => [l.grid_code, l.open]).sort(),
    channels: (await mix('channel')).map((x) => [x.code, x.count]),
    natures: (await mix('nature')).map((x) => [x.code, x.count]),
  };
}

const rank = (x: ScreenSnapshot['units'][number]) => [x.key, x.todayClosed, x.todayOnTime, x.monthClosed, x.monthOnTime];
const shown = (x: ScreenSnapshot) => ({
  units: x.units.map(rank),
  // Every part is listed, those with nothing closed this month too: those with some, as counted from the orders
  // (in the order of their codes: the screen breaks ties by name).
  areas: x.areas.filter((a) => a.monthClosed > 0).map(rank).sort(),
  received: x.figures.received,
  completion: [x.figures.completion.hit, x.figures.completion.of],
  directClose: [x.figures.directClose.hit, x.figures.directClose.of],
  onTime: [x.figures.onTime.hit, x.figures.onTime.of],
  open: x.figures.open,
  overdue: x.figures.overdue,
  gridLoad: x.gridLoad.map((g) => [g.code, g.open]).sort(),
  channels: x.channels.map((c) => [c.code, c.count]),
  natures: x.natures.map((c) => [c.code, c.count]),
});

describe('the big screen read from the rollups', () => {
  it('shows every figure as counted from the orders, for the district and for a town', async () => {
    const district = (await t.db.query<{ code: string; name: string }>(`select code, name from divisions where level = 'district' limit 1`)).rows[0]!;
    const town = (await t.db.query<{ code: string; name: string }>(
      `select d.code, d.name from orders o join divisions d on d.code = o.town_code group by 1, 2 order by count(*) desc limit 1`,
    )).rows[0]!;
    const scopes: ScreenScope[] = [
      { tokenId: 1, areaCode: district.code, areaName: district.name, level: 'district' },
      { tokenId: 2, areaCode: town.code, areaName: town.name, level: 'town' },
    ];
    // The history's days (as if each were today), its end, an hour later (more clocks due), and the next morning.
    const H = 3_600_000;
    const seen = { units: 0, areas: 0, received: 0, completion: 0, onTime: 0, directClose: 0, overdue: 0, open: 0, grids: 0, channels: 0 };
    for (const now of [new Date(END.getTime() - 48 * H), new Date(END.getTime() - 24 * H), END, new Date(END.getTime() + H), new Date(END.getTime() + 19 * H)]) {
      for (const scope of scopes) {
        const x = shown(await screenSnapshot(t.db, scope, now));
        expect(x, `${scope.level} at ${now.toISOString()}`).toEqual(await recount(scope, now));
        seen.units += x.units.length;
        seen.areas += x.areas.length;
        seen.received += x.received;
        seen.completion += x.completion[0]!;
        seen.onTime += x.onTime[1]!;
        seen.directClose += x.directClose[0]!;
        seen.overdue += x.overdue;
        seen.open += x.open;
        seen.grids += x.gridLoad.length;
        seen.channels += x.channels.length;
      }
    }
    // The history has something in every figure.
    for (const [k, v] of Object.entries(seen)) expect(v, k).toBeGreaterThan(0);
  });
});
