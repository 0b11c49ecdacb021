import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_SEED } from '../../../test/seeds.ts';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { loadWorkingCalendar } from '../../calendar/index.ts';
import { CLOCK_TIMER } from '../../orders/clock-timers.ts';
import { buildDemoHistory, scheduleHistoryClocks } from './index.ts';

const DEMO = DEMO_SEED;
const END = new Date('2026-03-18T06:30:00Z'); // Wednesday 14:30 in China

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDb(DEMO);
  await buildDemoHistory(t.db, { days: 1, endAt: END, seed: 11, ordersPerDay: 300, batchSize: 150 });
}, 120_000);
afterAll(() => t?.close());

it('gives the live history orders their clock timers still ahead, once', async () => {
  const calendar = await loadWorkingCalendar(t.db);
  const n = await scheduleHistoryClocks(t.db, calendar, END, 50);
  expect(n).toBeGreaterThan(0);
  const rows = await t.db.query<{ n: number; past: number; closed: number; bad: number }>(
    `select count(*)::int as n, count(*) filter (where t.due_at <= $2)::int as past,
            count(*) filter (where o.closed_at is not null)::int as closed,
            count(*) filter (where d.done_at is not null or d.started_at::text <> (t.payload->>'startedAt')::timestamptz::text)::int as bad
       from timers t join orders o on o.id = t.order_id join order_deadlines d on d.order_id = t.order_id and d.step = t.payload->>'step'
      where t.kind = $1`,
    [CLOCK_TIMER, END],
  );
  expect(rows.rows[0]).toEqual({ n, past: 0, closed: 0, bad: 0 });
  // Every live order with a running step whose handling is far from due has its 80% reminder ahead.
  const uncovered = await t.db.query<{ n: number }>(
    `select count(*)::int as n from order_deadlines d join orders o on o.id = d.order_id
      where d.done_at is null and d.step = 'handle' and o.state <> 'suspended' and d.started_at > $1::timestamptz - interval '10 minutes'
        and not exists (select 1 from timers t where t.order_id = d.order_id and t.payload->>'step' = 'handle')`,
    [END],
  );
  expect(uncovered.rows[0]!.n).toBe(0);
  expect(await scheduleHistoryClocks(t.db, calendar, END, 50)).toBe(0);
});
