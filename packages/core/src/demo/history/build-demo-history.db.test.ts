import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED } from '../../../test/seeds.ts';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { loadWorkingCalendar } from '../../calendar/index.ts';
import { buildDemoHistory, demoHistoryStatus, formatHistoryReport, historyReport } from './index.ts';
import { checkDeadlines, checkTimelines } from './history-checks.ts';

const DEMO = DEMO_SEED;
/** A Wednesday, 14:30 in China: the day before is a normal working day. */
const END = new Date('2026-03-18T06:30:00Z');
const OPTS = { days: 1, endAt: END, seed: 7, ordersPerDay: 400, batchSize: 150 };

const count = async (t: TestDatabase, sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: number }>(sql, params)).rows[0]!.n);

/** Everything that identifies the stored orders, to compare two builds. */
const fingerprint = (t: TestDatabase) =>
  t.db.query<{ n: number; h: string }>(
    `select count(*)::int as n, md5(string_agg(id || code || state || description || created_at::text, '|' order by id)) as h from orders`,
  );

describe('demo history: one day at 400 orders', () => {
  let t: TestDatabase;
  let result: Awaited<ReturnType<typeof buildDemoHistory>>;

  beforeAll(async () => {
    t = await createTestDb(DEMO);
    result = await buildDemoHistory(t.db, OPTS);
  }, 120_000);
  afterAll(() => t?.close());

  it('writes the day with events, reporters, units and clocks, and records it as done', async () => {
    const orders = await count(t, 'select count(*) as n from orders');
    expect(orders).toBeGreaterThan(360);
    expect(orders).toBeLessThan(440);
    expect(result.orders).toBe(orders);
    expect(result.events).toBe(await count(t, 'select count(*) as n from order_events'));
    expect(result.events / orders).toBeGreaterThan(3);
    expect(await count(t, `select count(*) as n from orders o where not exists (select 1 from order_units u where u.order_id = o.id and u.role = 'dispatch')`)).toBe(0);
    expect(await count(t, 'select count(*) as n from order_reporters')).toBeGreaterThan(orders / 3);
    expect(await count(t, `select count(*) as n from orders where created_at < $1::timestamptz - interval '1 day' or created_at >= $1`, [END])).toBe(0);
    const s = await demoHistoryStatus(t.db);
    expect(s).toMatchObject({ state: 'done', days: 1, done: orders, total: orders, current: null, completedDays: [new Date(END.getTime() - 86_400_000).toISOString()] });
  });

  it('stores the supervisions the clock raised, each with its event, and the report of `liandong demo check`', async () => {
    const sups = await count(t, 'select count(*) as n from supervisions');
    expect(sups).toBeGreaterThan(20);
    expect(await count(t, `select count(*) as n from order_events where action = 'supervise'`)).toBe(sups);
    // Every supervision's event names it, at the moment it was raised; an accepted task was answered by its unit first.
    expect(await count(t, `select count(*) as n from supervisions s where not exists (
      select 1 from order_events e where e.order_id = s.order_id and e.action = 'supervise' and (e.data->>'supervisionId')::bigint = s.id and e.at = s.raised_at)`)).toBe(0);
    expect(await count(t, `select count(*) as n from supervisions where status = 'closed' and (replied_at is null or reviewed_at <= replied_at or reviewed_by is null)`)).toBe(0);
    const report = await historyReport(t.db, await loadWorkingCalendar(t.db), END);
    expect(report.problems).toEqual([]);
    expect(report.days.reduce((n, d) => n + d.created, 0)).toBe(result.orders);
    expect(report.supervisions.reduce((n, l) => n + l.byClock, 0)).toBe(sups);
    const text = formatHistoryReport(report);
    expect(text).toMatch(/2026-03-17 +\d+ +\d+ +\d+\.\d%/);
    expect(text).toMatch(/网格及村社区内解决 +\d+\.\d%/);
    expect(text).toContain('时间线与时限全部一致');
  });

  it('replays every timeline through the state machine, ending in the order’s state', async () => {
    expect(await checkTimelines(t.db)).toEqual([]);
    // The replay sees the twists too, not only the plain path.
    expect(await count(t, `select count(distinct action) as n from order_events`)).toBeGreaterThan(12);
  });

  it('closes orders with closed_at and solved_level, and leaves the recent ones in live states', async () => {
    expect(await count(t, `select count(*) as n from orders where state = 'closed'`)).toBeGreaterThan(50);
    expect(await count(t, `select count(*) as n from orders where state = 'closed' and (closed_at is null or solved_level is null)`)).toBe(0);
    expect(await count(t, `select count(*) as n from orders where state in ('rejected', 'merged', 'voided') and closed_at is null`)).toBe(0);
    expect(await count(t, `select count(*) as n from orders where state = 'merged' and merged_into_id is null`)).toBe(0);
    const live = await t.db.query<{ state: string }>(`select distinct state from orders where state in ('pending_accept', 'pending_dispatch', 'pending_sign', 'handling', 'pending_check')`);
    expect(live.rows.length).toBeGreaterThanOrEqual(4);
  });

  it('starts a clock for every started step, with the limits and calendar the live code uses', async () => {
    expect(await checkDeadlines(t.db, await loadWorkingCalendar(t.db))).toEqual([]);
  });

  it('numbers orders LD + China date + sequence, uniquely', async () => {
    const r = await t.db.query<{ code: string; day: string }>(`select code, to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMMDD') as day from orders`);
    expect(new Set(r.rows.map((x) => x.code)).size).toBe(r.rows.length);
    for (const x of r.rows) expect(x.code).toMatch(new RegExp(`^LD${x.day}\\d{6,}$`));
  });

  it('acts through real demo accounts, and through the station where a person has no account', async () => {
    // Events without a user name a village station (the grid worker or station handler of that village).
    expect(await count(t, `select count(*) as n from order_events e join units u on u.id = e.actor_unit_id where e.actor_user_id is null and u.kind <> 'station'`)).toBe(0);
    // Only the platform itself (the clock raising a supervision) acts as nobody, as it does live.
    expect(await count(t, `select count(*) as n from order_events where actor_unit_id is null and not (action = 'supervise' and actor_user_id is null)`)).toBe(0);
    const operator = await count(t, `select count(*) as n from order_events e join user_roles r on r.user_id = e.actor_user_id where e.action = 'callback' and r.role = 'operator'`);
    expect(operator).toBe(await count(t, `select count(*) as n from order_events where action = 'callback'`));
  });

  it('the checks catch a broken timeline and a wrong clock', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`update order_events set to_state = 'closed' where id = (select min(id) from order_events where action = 'sign')`);
        await tx.query(`update order_deadlines set due_at = due_at + interval '1 hour' where ctid = (select ctid from order_deadlines where step = 'accept' limit 1)`);
        expect((await checkTimelines(tx)).length).toBeGreaterThan(0);
        expect((await checkDeadlines(tx, await loadWorkingCalendar(tx))).length).toBeGreaterThan(0);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await checkTimelines(t.db)).toEqual([]);
  });

  it('resumes an interrupted build without duplicates, and adds only the missing days', async () => {
    const t2 = await createTestDb(DEMO);
    try {
      let calls = 0;
      // onProgress runs after each committed batch: failing on the second call stops after the first batch.
      const crash = () => {
        if (++calls === 2) throw new Error('crash');
      };
      await expect(buildDemoHistory(t2.db, { ...OPTS, onProgress: crash })).rejects.toThrow('crash');
      expect(await demoHistoryStatus(t2.db)).toMatchObject({ state: 'building', current: { batches: 1 } });
      expect(await count(t2, 'select count(*) as n from orders')).toBeLessThan(result.orders);

      // A restart without options continues the same series (same endAt, seed, volume) where it stopped.
      await buildDemoHistory(t2.db, { days: 1 });
      expect((await fingerprint(t2)).rows[0]).toEqual((await fingerprint(t)).rows[0]);
      expect(await buildDemoHistory(t2.db, { days: 1 })).toMatchObject({ orders: 0, events: 0 });

      const before = await t2.db.query<{ id: number }>('select id from orders order by id');
      const more = await buildDemoHistory(t2.db, { ...OPTS, days: 2 });
      expect(more.orders).toBeGreaterThan(300);
      expect(await count(t2, 'select count(*) as n from orders')).toBe(result.orders + more.orders);
      expect(await count(t2, 'select count(distinct code) as n from orders')).toBe(result.orders + more.orders);
      expect(await count(t2, 'select count(*) as n from orders where id = any($1::bigint[])', [before.rows.map((r) => r.id)])).toBe(result.orders);
      expect(await count(t2, `select count(*) as n from orders where created_at >= $1::timestamptz - interval '1 day'`, [END])).toBe(result.orders);
      expect(await checkTimelines(t2.db)).toEqual([]);
      expect(await demoHistoryStatus(t2.db)).toMatchObject({ state: 'done', days: 2, done: result.orders + more.orders });

      // Another series on top of this one would overlap it in time.
      await expect(buildDemoHistory(t2.db, { ...OPTS, endAt: new Date(END.getTime() + 3_600_000) })).rejects.toThrow(/already built/);
    } finally {
      await t2.close();
    }
  }, 60_000);

  it('lets two builders run at once without writing a batch twice', async () => {
    const t4 = await createTestDb(DEMO);
    try {
      const [a, b] = await Promise.all([buildDemoHistory(t4.db, OPTS), buildDemoHistory(t4.db, OPTS)]);
      expect(a.orders + b.orders).toBe(result.orders);
      expect((await fingerprint(t4)).rows[0]).toEqual((await fingerprint(t)).rows[0]);
    } finally {
      await t4.close();
    }
  }, 60_000);
});
