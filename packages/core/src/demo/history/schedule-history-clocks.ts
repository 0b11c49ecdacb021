/**
 * The history is written in bulk, without the live code's clock timers. Once it is in, the still-running
 * steps of its live orders get their supervision and escalation timers — only those still ahead: thresholds
 * the history already passed are history, not work for the sweeper at first start.
 */
import type { Db } from '@liandong/db';
import type { Step } from '@liandong/contracts';
import type { TimeUnit, WorkingCalendar } from '../../calendar/index.ts';
import { CLOCK_TIMER, loadClockPolicies, planClockTimers } from '../../orders/clock-timers.ts';

interface Running {
  order_id: number;
  category_code: string | null;
  urgency: string;
  step: Step;
  started_at: Date;
  due_at: Date;
  limit_value: number;
  limit_unit: TimeUnit;
}

/**
 * Open orders per round. Their timers (~5 an order) are one insert of their JSON; PGlite's WASM memory grows to
 * the largest statement's working memory and keeps it resident. 2,000 orders (~2 MB of JSON) left 24 MB behind on
 * the demo's first start, 500 leave 7 MB, in the same time.
 */
const ORDERS_PER_ROUND = 500;

export async function scheduleHistoryClocks(db: Db, calendar: WorkingCalendar, now: Date, batch = ORDERS_PER_ROUND): Promise<number> {
  const policies = await loadClockPolicies(db);
  let scheduled = 0;
  let after = 0;
  for (;;) {
    const r = await db.query<Running>(
      `select d.order_id, o.category_code, o.urgency, d.step, d.started_at, d.due_at, d.limit_value, d.limit_unit
         from order_deadlines d join orders o on o.id = d.order_id
        where d.done_at is null and o.id in (
          select x.id from orders x where x.id > $1 and x.state <> 'suspended' and x.closed_at is null order by x.id limit $2)
        order by d.order_id`,
      [after, batch],
    );
    if (r.rows.length === 0) return scheduled;
    after = r.rows.at(-1)!.order_id;
    const timers = r.rows.flatMap((d) =>
      planClockTimers(d.order_id, d, [{ step: d.step, startedAt: d.started_at, dueAt: d.due_at, limitValue: d.limit_value, limitUnit: d.limit_unit }], policies, now, calendar)
        .filter((t) => t.dueAt > now)
        .map((t) => ({ order_id: d.order_id, dedupe_key: t.dedupeKey, payload: t.payload, due_at: t.dueAt.toISOString() })),
    );
    if (timers.length) {
      const ins = await db.query(
        `insert into timers (kind, order_id, dedupe_key, payload, due_at)
         select $1, x.order_id, x.dedupe_key, x.payload, x.due_at
           from jsonb_to_recordset($2::jsonb) as x(order_id bigint, dedupe_key text, payload jsonb, due_at timestamptz)
         on conflict (dedupe_key) do nothing`,
        [CLOCK_TIMER, JSON.stringify(timers)],
      );
      scheduled += ins.rowCount;
    }
  }
}
