/**
 * The rollups on the demo history (three days): what the triggers marked and the fold added equals a recount from
 * the orders, their timelines and step runs (the check's independent SQL), the monthly rows equal the daily ones,
 * a rebuild gives the same rows, a clock falling due moves "overdue" with no write, and a tampered cell is found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED } from '../../../test/seeds.ts';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { buildDemoHistory } from './index.ts';
import { checkStats } from '../../statistics/check-stats.ts';
import { foldStats } from '../../statistics/fold-stats.ts';
import { rebuildStats } from '../../statistics/rebuild-stats.ts';
import { CUBES } from '../../statistics/facts.sql.ts';
import { statsBreakdown, statsHeadline, statsOrders, statsSeries } from '../../statistics/read-stats.ts';
import { CalendarProvider } from '../../calendar/index.ts';
import type { Actor } from '../../org/actor.ts';

const END = new Date('2026-03-18T06:30:00Z');
let t: TestDatabase;

const fingerprint = async (table: string) =>
  (await t.db.query<{ h: string; n: number }>(`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`)).rows[0]!;
const total = async (sql: string) => Number(Object.values((await t.db.query<Record<string, unknown>>(sql)).rows[0]!)[0]);

beforeAll(async () => {
  t = await createTestDb(DEMO_SEED);
  await buildDemoHistory(t.db, { days: 3, endAt: END, seed: 11, ordersPerDay: 250, batchSize: 150 });
}, 180_000);
afterAll(() => t?.close());

describe('statistics rollups on the demo history', () => {
  it('folds every order the history wrote, and equal a recount from the orders', async () => {
    expect(await total('select count(*) from stats_dirty')).toBeGreaterThan(600);
    const fold = await foldStats(t.db, END);
    expect(fold.orders).toBe(await total('select count(*) from orders'));
    expect(await total('select count(*) from stats_dirty')).toBe(0);
    const check = await checkStats(t.db, END);
    expect(check.differences, JSON.stringify(check.sample.slice(0, 5))).toBe(0);
    expect(check.ok).toBe(true);
    expect(check.orders).toBeGreaterThan(600);
    // The history has every measure: some closed on time, rated, directly closed, returned, open, solved at each level.
    const sums = (await t.db.query<Record<string, number>>(
      `select sum(received)::int as received, sum(closed)::int as closed, sum(closed_on_time)::int as on_time, sum(direct_closed)::int as direct,
              sum(rated)::int as rated, sum(satisfied)::int as satisfied, sum(returned)::int as returned, sum(open)::int as open,
              sum(solved_grid)::int as grid, sum(solved_district)::int as district, sum(solved_enforcement)::int as enforcement
         from stats_daily`,
    )).rows[0]!;
    expect(sums.received).toBe(check.orders);
    for (const k of ['closed', 'on_time', 'direct', 'rated', 'satisfied', 'returned', 'open', 'grid', 'district']) expect(sums[k], k).toBeGreaterThan(0);
    expect(sums.closed).toBe(await total(`select count(*) from orders where state = 'closed'`));
  });

  it('holds in the monthly rows what the daily rows hold', async () => {
    const diff = await total(`
      select count(*) from (
        select date_trunc('month', day)::date as m, town, village, grid, major, category, channel, nature, unit_id, state, district, sum(received) r, sum(closed) c, sum(satisfied) s
          from stats_daily group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
        except select month, town, village, grid, major, category, channel, nature, unit_id, state, district, received, closed, satisfied from stats_monthly) x`);
    expect(diff).toBe(0);
  });

  it('rebuilds to the same rows the incremental fold made', async () => {
    const tables = ['stats_order_facts', ...CUBES.flatMap((c) => [c.daily, c.monthly])];
    const before = await Promise.all(tables.map(fingerprint));
    const r = await rebuildStats(t.db, END);
    expect(r.orders).toBe(before[0]!.n);
    expect(await Promise.all(tables.map(fingerprint))).toEqual(before);
  });

  it('counts an open order overdue once its clock falls due, with no write to it', async () => {
    const next = await t.db.query<{ due_at: Date }>(
      `select min(r.due_at) as due_at from order_step_runs r join orders o on o.id = r.order_id
        where r.done_at is null and r.withdrawn_at is null and r.due_at > $1 and o.state not in ('closed', 'rejected', 'merged', 'voided', 'suspended')`,
      [END],
    );
    const due = next.rows[0]!.due_at;
    expect(due).toBeTruthy();
    const overdue = () => total('select coalesce(sum(overdue), 0) from stats_daily');
    const before = await overdue();
    const later = new Date(new Date(due).getTime() + 1000);
    const fold = await foldStats(t.db, later);
    expect(fold.orders).toBeGreaterThan(0);
    expect(await overdue()).toBeGreaterThan(before);
    expect((await checkStats(t.db, later)).ok).toBe(true);
  });

  it('answers a reader of areas and units from the rollups without the unit exactly as the fine rollups do', async () => {
    await foldStats(t.db, END);
    const centre = await total(`select id from units where kind = 'centre' order by id limit 1`);
    const town = (await t.db.query<{ c: string }>(`select town_code as c from orders where town_code is not null group by 1 order by count(*) desc limit 1`)).rows[0]!.c;
    // A town's leader who also follows the district centre: his town's rows, and the centre's rows in other towns.
    const actor: Actor = { userId: 0, username: 'x', displayName: 'x', roles: new Set(['leader']), unitId: centre, unitIds: [centre], areaCodes: [town] };
    const inScope = `(district = $1 or town = $1 or village = $1 or grid = $1 or unit_id = $2)`;
    expect(await total(`select count(*) from stats_daily where unit_id = ${centre} and town <> '${town}'`), 'the centre has rows outside the town').toBeGreaterThan(0);
    // And the district's leader (the district and the centre): his rows from the rollups without the town too.
    const district = (await t.db.query<{ c: string }>(`select code as c from divisions where level = 'district' limit 1`)).rows[0]!.c;
    for (const area of [town, district]) {
      const reader: Actor = { ...actor, areaCodes: [area] };
      const fine = async (col: string | null, from: string, to: string) => {
        const r = await t.db.query<{ k: string; received: number; closed: number; satisfied: number; open: number }>(
          `select ${col ? `${col}::text` : `''`} as k, sum(received)::int as received, sum(closed)::int as closed, sum(satisfied)::int as satisfied, sum(open)::int as open
             from stats_daily where day between $3::date and $4::date and ${inScope} group by 1 order by 1`,
          [area, centre, from, to],
        );
        return r.rows.map((x) => [x.k, x.received, x.closed, x.satisfied, x.open]);
      };
      const of = (k: string, f: { received: number; closed: number; satisfied: number; open: number }) => [k, f.received, f.closed, f.satisfied, f.open];
      for (const q of [{ period: 'custom' as const, from: '2026-03-14', to: '2026-03-18' }, { period: 'month' as const, date: '2026-03-18' }]) {
        const [from, to] = q.period === 'custom' ? [q.from, q.to] : ['2026-03-01', '2026-03-31'];
        const h = await statsHeadline(t.db, reader, q, END);
        expect([of('', h.figures)], `${area} ${JSON.stringify(q)}`).toEqual(await fine(null, from, to));
        const series = await statsSeries(t.db, reader, q, END);
        expect(series.points.map((p) => of(p.bucket, p.figures)).filter((x) => x[1] || x[2])).toEqual(await fine('day', from, to));
        for (const [dim, col] of [['category', 'category'], ['grid', 'grid'], ['village', 'village'], ['town', 'town'], ['unit', 'unit_id'], ['channel', 'channel']] as const) {
          const b = await statsBreakdown(t.db, reader, dim, { ...q, limit: 1000 }, 'zh', END);
          const rows = b.rows.map((r) => of(dim === 'unit' && r.key === '' ? '0' : r.key, r.figures)).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
          expect(rows, `${area} ${dim}`).toEqual((await fine(col, from, to)).sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
        }
      }
    }
    // The orders behind a figure: the total from the rollups, the same fact rows counted one by one.
    const clock = { now: END, calendar: await new CalendarProvider().get(t.db) };
    const admin: Actor = { ...actor, roles: new Set(['admin', 'leader']) };
    const grid = (await t.db.query<{ g: string }>(`select grid as g from stats_order_facts where town = $1 and grid <> '' group by 1 order by count(*) desc limit 1`, [town])).rows[0]!.g;
    const cases = [
      [actor, { measure: 'received' }, `true`],
      [actor, { measure: 'satisfied' }, `f.satisfied`],
      [actor, { measure: 'open', dimension: 'grid', key: grid }, `f.open and f.grid = '${grid}'`],
      [actor, { measure: 'received', dimension: 'unit', key: String(centre) }, `f.unit_id = ${centre}`],
      [actor, { measure: 'closed', solved: 'grid' }, `f.closed_day is not null and f.solved = 'grid'`],
      [actor, { measure: 'rated', solved: 'grid' }, `f.rated and f.solved = 'grid'`],
      [admin, { measure: 'closedOnTime' }, `f.closed_on_time`],
    ] as const;
    for (const [who, q, flag] of cases) {
      const day = ['closed', 'satisfied', 'rated', 'closedOnTime'].includes(q.measure) ? 'closed_day' : 'created_day';
      const scope = who === admin ? 'true' : `(f.town = '${town}' or f.district = '${town}' or f.village = '${town}' or f.grid = '${town}' or f.unit_id = ${centre})`;
      const want = await total(`select count(*) from stats_order_facts f where ${flag} and f.${day} between '2026-03-01' and '2026-03-31' and ${scope}`);
      const page = await statsOrders(t.db, who, { period: 'month', date: '2026-03-18', pageSize: 5, ...q } as Parameters<typeof statsOrders>[2], 'zh', clock);
      expect([page.total, page.totalCapped], JSON.stringify(q)).toEqual([want, false]);
      expect(page.items.length, JSON.stringify(q)).toBe(Math.min(5, want));
    }
    expect(await total(`select count(*) from stats_order_facts where town <> '${town}' and unit_id = ${centre} and created_day >= '2026-03-01'`)).toBeGreaterThan(0);

    // A year by month reads the monthly rows of both parts.
    const year = await statsSeries(t.db, actor, { period: 'year', date: '2026-03-18' }, END);
    expect(year.points.find((p) => p.bucket === '2026-03-01')!.figures.received).toBe(
      await total(`select sum(received) from stats_daily where day >= '2026-03-01' and (district = '${town}' or town = '${town}' or village = '${town}' or grid = '${town}' or unit_id = ${centre})`),
    );
  });

  it('reports a tampered cell, and a rebuild repairs it', async () => {
    await t.db.query(`update stats_daily set closed = closed + 1 where ctid = (select ctid from stats_daily where closed > 0 limit 1)`);
    const now = new Date(END.getTime() + 3_600_000 * 48);
    const bad = await checkStats(t.db, now);
    expect(bad.ok).toBe(false);
    expect(bad.differences).toBe(1); // the day's cell; its month's row was not touched
    expect(bad.sample.map((d) => [d.table, d.measure, d.rollup - d.recount])).toEqual([['daily', 'closed', 1]]);
    await rebuildStats(t.db, now);
    expect((await checkStats(t.db, now)).ok).toBe(true);
    // The smaller rollups are checked as closely: a unit's month one short.
    await t.db.query(`update stats_unit_monthly set received = received - 1 where ctid = (select ctid from stats_unit_monthly where received > 0 limit 1)`);
    expect((await checkStats(t.db, now)).sample.map((d) => [d.table, d.measure, d.rollup - d.recount])).toEqual([['unit_monthly', 'received', -1]]);
    await rebuildStats(t.db, now);
    // And those without the unit (migration 0047).
    await t.db.query(`update stats_area_grid_daily set satisfied = satisfied + 2 where ctid = (select ctid from stats_area_grid_daily where closed > 0 limit 1)`);
    expect((await checkStats(t.db, now)).sample.map((d) => [d.table, d.measure, d.rollup - d.recount])).toEqual([['area_grid_daily', 'satisfied', 2]]);
    await rebuildStats(t.db, now);
    expect((await checkStats(t.db, now)).ok).toBe(true);
  });
});
