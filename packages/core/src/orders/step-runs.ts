/**
 * 环节记录: the runs of the steps' clocks, kept for assessment (order_step_runs; the current clock of each step is
 * order_deadlines). A run starts with its clock, for the unit its lateness belongs to (supervisedUnit) and, for
 * verification and checks, the grid; its due time moves with the clock; it ends done — by the step's own action —
 * or withdrawn: restarted, or stopped by an action that is not the step's (returned, escalated, voided, closed over).
 */
import type { Queryable } from '@liandong/db';
import type { Step } from '@liandong/contracts';
import type { OrderRow } from './order.types.ts';
import { supervisedUnit } from './step-clock.rules.ts';

export type RunOwnerOrder = Pick<OrderRow, 'id' | 'handler_unit_id' | 'dispatch_unit_id' | 'grid_code'>;
export type RunEnd = 'done' | 'withdrawn';

/** Whose a run is: its unit, and its grid for the grid's steps. */
export function runOwner(order: Omit<RunOwnerOrder, 'id'>, step: Step): { unitId: number | null; gridCode: string | null } {
  return { unitId: supervisedUnit(order, step), gridCode: step === 'verify' || step === 'check' ? order.grid_code : null };
}

/** Starts a run of `step` (the one still open, if any, is withdrawn). */
export async function startRun(q: Queryable, order: RunOwnerOrder, step: Step, r: { startedAt: Date; dueAt: Date; value: number; unit: string }): Promise<void> {
  const owner = runOwner(order, step);
  await q.query(
    `with withdrawn as (
       update order_step_runs set withdrawn_at = $5 where order_id = $1 and step = $2 and done_at is null and withdrawn_at is null
     )
     insert into order_step_runs (order_id, step, unit_id, grid_code, started_at, due_at, limit_value, limit_unit)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [order.id, step, owner.unitId, owner.gridCode, r.startedAt, r.dueAt, r.value, r.unit],
  );
}

/** Ends the open runs of some steps, done or withdrawn. */
export async function endRuns(q: Queryable, orderId: number, steps: readonly Step[], at: Date, end: RunEnd): Promise<void> {
  await q.query(
    `update order_step_runs set ${end === 'done' ? 'done_at' : 'withdrawn_at'} = $3
      where order_id = $1 and step = any($2::text[]) and done_at is null and withdrawn_at is null`,
    [orderId, steps, at],
  );
}

/** The open run's due time moved with its clock (extension, suspension). */
export async function moveRunDue(q: Queryable, orderId: number, step: Step, dueAt: Date, limitValue?: number): Promise<void> {
  await q.query(
    `update order_step_runs set due_at = $3, limit_value = coalesce($4, limit_value)
      where order_id = $1 and step = $2 and done_at is null and withdrawn_at is null`,
    [orderId, step, dueAt, limitValue ?? null],
  );
}
