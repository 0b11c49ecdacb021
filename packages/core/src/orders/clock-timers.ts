/**
 * The order's clock as durable timers: when a step starts, one timer per supervision/escalation policy of
 * that step, due at the policy's share of the step's limit (in the limit's unit). Scheduled in the same
 * transaction as the step's start; cancelled when the step ends or the order is suspended; rescheduled
 * when a due time moves (extension, resume). Firing is supervision's business (supervision/clock-timer.ts).
 */
import type { Queryable } from '@liandong/db';
import type { Step } from '@liandong/contracts';
import type { TimeUnit, WorkingCalendar } from '../calendar/index.ts';
import { scheduleTimer } from '../timers/index.ts';
import type { OrderRow } from './order.types.ts';
import { thresholdMoment } from './step-clock.rules.ts';

export const CLOCK_TIMER = 'order.clock';

export interface ClockPolicy {
  id: number;
  step: Step;
  share: number;
  category_prefix: string | null;
  urgency: string | null;
}

export interface RunningStep {
  step: Step;
  startedAt: Date;
  dueAt: Date;
  limitValue: number;
  limitUnit: TimeUnit;
}

export interface ClockTimer {
  dueAt: Date;
  /** `{id}` stands for the order id where the order is not yet inserted. */
  dedupeKey: string;
  payload: { step: Step; startedAt: string; policyId: number };
}

export function policyApplies(p: Pick<ClockPolicy, 'category_prefix' | 'urgency'>, o: Pick<OrderRow, 'category_code' | 'urgency'>): boolean {
  if (p.category_prefix && !(o.category_code ?? '').startsWith(p.category_prefix)) return false;
  return !p.urgency || p.urgency === o.urgency;
}

/** Pure: the clock timers of some running steps of an order. */
export function planClockTimers(
  orderKey: number | '{id}',
  order: Pick<OrderRow, 'category_code' | 'urgency'>,
  steps: readonly RunningStep[],
  policies: readonly ClockPolicy[],
  now: Date,
  calendar: WorkingCalendar,
): ClockTimer[] {
  const out: ClockTimer[] = [];
  for (const s of steps) {
    for (const p of policies) {
      if (p.step !== s.step || !policyApplies(p, order)) continue;
      out.push({
        dueAt: thresholdMoment(s, Number(p.share), now, calendar),
        dedupeKey: `clock:${orderKey}:${s.step}:${s.startedAt.getTime()}:${p.id}`,
        payload: { step: s.step, startedAt: s.startedAt.toISOString(), policyId: p.id },
      });
    }
  }
  return out;
}

export async function loadClockPolicies(q: Queryable, steps?: readonly Step[]): Promise<ClockPolicy[]> {
  const r = await q.query<ClockPolicy>(
    `select id, step, share::float8 as share, category_prefix, urgency from supervision_policies
      where active and ($1::text[] is null or step = any($1::text[])) order by id`,
    [steps ?? null],
  );
  return r.rows;
}

export async function scheduleClockTimers(
  q: Queryable,
  order: Pick<OrderRow, 'id' | 'category_code' | 'urgency'>,
  steps: readonly RunningStep[],
  now: Date,
  calendar: WorkingCalendar,
): Promise<void> {
  if (steps.length === 0) return;
  const policies = await loadClockPolicies(q, steps.map((s) => s.step));
  for (const t of planClockTimers(order.id, order, steps, policies, now, calendar)) {
    await scheduleTimer(q, { kind: CLOCK_TIMER, orderId: order.id, dueAt: t.dueAt, dedupeKey: t.dedupeKey, payload: t.payload });
  }
}

/** Removes the unfired clock timers of some steps of an order (all steps when none is named). */
export async function cancelClockTimers(q: Queryable, orderId: number, steps?: readonly Step[]): Promise<void> {
  await q.query(
    `delete from timers where order_id = $1 and kind = $2 and fired_at is null and ($3::text[] is null or payload->>'step' = any($3::text[]))`,
    [orderId, CLOCK_TIMER, steps ?? null],
  );
}
