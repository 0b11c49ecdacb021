/**
 * Step deadlines (环节时限). The sign and handle limits come from the order's catalogue condition
 * (签收时限 / 办结时限); the other steps, and orders not yet classified, use the deployment's defaults.
 */
import type { Queryable } from '@liandong/db';
import type { Step } from '@liandong/contracts';
import type { TimeUnit } from '../calendar/index.ts';
import type { OrderRow } from './order.types.ts';
import { startDeadline } from './order.repository.ts';
import type { RunOwnerOrder } from './step-runs.ts';
import { scheduleClockTimers, type RunningStep } from './clock-timers.ts';
import type { OrderServices } from './order-services.ts';
import { yellowMoment } from './step-clock.rules.ts';

export interface StepLimit {
  value: number;
  unit: TimeUnit;
}

/** Defaults, modelled on 12345 practice (GB/T 33358-2016 and 国办发〔2020〕53号: accept promptly, handle within days). */
export const DEFAULT_STEP_LIMITS: Record<Step, StepLimit> = {
  accept: { value: 1, unit: 'working_hours' },
  verify: { value: 2, unit: 'working_hours' }, // the grid worker goes to the spot during his patrol
  dispatch: { value: 1, unit: 'working_hours' },
  sign: { value: 2, unit: 'working_hours' },
  handle: { value: 5, unit: 'working_days' },
  check: { value: 1, unit: 'working_days' },
  callback: { value: 1, unit: 'working_days' }, // the callback is due on the next working day
};

interface ConditionLimits {
  response_value: number;
  response_unit: TimeUnit;
  handle_value: number;
  handle_unit: TimeUnit;
}

export async function stepLimit(q: Queryable, step: Step, order: Pick<OrderRow, 'condition_id'>): Promise<StepLimit> {
  if ((step === 'sign' || step === 'handle') && order.condition_id != null) {
    const r = await q.query<ConditionLimits>(
      'select response_value, response_unit, handle_value, handle_unit from category_conditions where id = $1',
      [order.condition_id],
    );
    const c = r.rows[0];
    if (c) return step === 'sign' ? { value: c.response_value, unit: c.response_unit } : { value: c.handle_value, unit: c.handle_unit };
  }
  return DEFAULT_STEP_LIMITS[step];
}

/** Starts (or restarts) the clocks of steps at `now`. */
export async function startSteps(
  q: Queryable,
  services: OrderServices,
  order: Pick<OrderRow, 'id' | 'condition_id'> & RunOwnerOrder,
  steps: readonly Step[],
  now: Date,
): Promise<void> {
  const calendar = await services.calendar(q);
  const running: RunningStep[] = [];
  for (const step of steps) {
    const limit = await stepLimit(q, step, order);
    const dueAt = calendar.addDuration(now, limit.value, limit.unit);
    const yellowAt = yellowMoment({ startedAt: now, dueAt, limitValue: limit.value, limitUnit: limit.unit }, calendar);
    await startDeadline(q, { order, step, startedAt: now, dueAt, yellowAt, value: limit.value, unit: limit.unit });
    running.push({ step, startedAt: now, dueAt, limitValue: limit.value, limitUnit: limit.unit });
  }
  const current = await q.query<Pick<OrderRow, 'category_code' | 'urgency'>>('select category_code, urgency from orders where id = $1', [order.id]);
  await scheduleClockTimers(q, { id: order.id, ...current.rows[0]! }, running, now, calendar);
}

/** Re-plans the clock timers of an order's running steps after their due times moved (extension, resume). */
export async function rescheduleRunningClocks(q: Queryable, services: OrderServices, order: Pick<OrderRow, 'id' | 'category_code' | 'urgency'>, now: Date): Promise<void> {
  const r = await q.query<{ step: Step; started_at: Date; due_at: Date; limit_value: number; limit_unit: TimeUnit }>(
    'select step, started_at, due_at, limit_value, limit_unit from order_deadlines where order_id = $1 and done_at is null',
    [order.id],
  );
  const steps = r.rows.map((d) => ({ step: d.step, startedAt: d.started_at, dueAt: d.due_at, limitValue: d.limit_value, limitUnit: d.limit_unit }));
  await scheduleClockTimers(q, order, steps, now, await services.calendar(q));
}
