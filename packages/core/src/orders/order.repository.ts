import type { Queryable } from '@liandong/db';
import { STEPS, type StateCode, type Step } from '@liandong/contracts';
import type { DeadlineRow, EventRow, OrderPatch, OrderRow } from './order.types.ts';
import { cancelClockTimers } from './clock-timers.ts';
import type { CoPart } from './decisions/asks.ts';
import { endRuns, moveRunDue, startRun, type RunEnd, type RunOwnerOrder } from './step-runs.ts';

/** The active co-handlers' unit ids of the order `alias` (who may act on it as 协办): the row's `co_unit_ids`. */
export const coUnitIdsSql = (alias: string) =>
  `array(select ou.unit_id from order_units ou where ou.order_id = ${alias}.id and ou.role = 'co' and ou.active order by ou.unit_id) as co_unit_ids`;

/** The order's columns and its co-handlers. */
const ORDER_ROW = `*, ${coUnitIdsSql('orders')}`;

export async function lockOrder(q: Queryable, id: number): Promise<OrderRow | null> {
  const r = await q.query<OrderRow>(`select ${ORDER_ROW} from orders where id = $1 for update`, [id]);
  return r.rows[0] ?? null;
}

/** The id of the order with this number (工单编号), if any. */
export async function orderIdByCode(q: Queryable, code: string): Promise<number | undefined> {
  const r = await q.query<{ id: number }>('select id from orders where code = $1', [code]);
  return r.rows[0]?.id;
}

export async function getOrder(q: Queryable, id: number): Promise<OrderRow | null> {
  const r = await q.query<OrderRow>(`select ${ORDER_ROW} from orders where id = $1`, [id]);
  return r.rows[0] ?? null;
}

/** Units ever involved in the order (lead, co-handler, dispatching centre), for data scope. */
export async function involvedUnitIds(q: Queryable, orderId: number): Promise<number[]> {
  const r = await q.query<{ unit_id: number }>('select distinct unit_id from order_units where order_id = $1', [orderId]);
  return r.rows.map((x) => x.unit_id);
}

const PATCHABLE = new Set<keyof OrderPatch>([
  'category_code',
  'condition_id',
  'urgency',
  'level',
  'dispatch_unit_id',
  'handler_unit_id',
  'self_handled',
  'solved_level',
  'resume_state',
  'suspended_at',
  'pending_request',
  'satisfaction',
  'substantive_dissatisfaction',
  'return_count',
  'rework_count',
  'reopen_count',
  'escalation_count',
  'extension_count',
  'verification_count',
  'merged_into_id',
  'closed_at',
  'arrived_by',
]);

/** Writes the new state and changed columns; bumps the version. */
export async function updateOrder(q: Queryable, id: number, state: StateCode, patch: OrderPatch, now: Date): Promise<OrderRow> {
  const sets = ['state = $2', 'updated_at = $3', 'version = version + 1'];
  const params: unknown[] = [id, state, now];
  for (const [key, value] of Object.entries(patch)) {
    if (!PATCHABLE.has(key as keyof OrderPatch)) throw new Error(`column ${key} is not patchable`);
    params.push(key === 'pending_request' && value != null ? JSON.stringify(value) : value);
    sets.push(`${key} = $${params.length}`);
  }
  const r = await q.query<OrderRow>(`update orders set ${sets.join(', ')} where id = $1 returning ${ORDER_ROW}`, params);
  return r.rows[0]!;
}

export interface NewEvent {
  orderId: number;
  at: Date;
  action: string;
  actorUserId: number | null;
  actorUnitId: number | null;
  fromState: StateCode | null;
  toState: StateCode | null;
  note?: string | null;
  data?: Record<string, unknown>;
  attachmentIds?: number[];
  /** When the user made it on his device, if it arrived later. */
  madeAt?: Date | null;
}

export async function insertEvent(q: Queryable, e: NewEvent): Promise<void> {
  await q.query(
    `insert into order_events (order_id, at, action, actor_user_id, actor_unit_id, from_state, to_state, note, data, attachment_ids, made_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [e.orderId, e.at, e.action, e.actorUserId, e.actorUnitId, e.fromState, e.toState, e.note ?? null, JSON.stringify(e.data ?? {}), e.attachmentIds ?? [], e.madeAt ?? null],
  );
}

export async function listEvents(q: Queryable, orderId: number): Promise<EventRow[]> {
  return (await q.query<EventRow>('select * from order_events where order_id = $1 order by id', [orderId])).rows;
}

/** Starts (or restarts) a step's clock, and its run (step-runs.ts). */
export async function startDeadline(
  q: Queryable,
  d: { order: RunOwnerOrder; step: Step; startedAt: Date; dueAt: Date; yellowAt: Date; value: number; unit: string },
): Promise<void> {
  await startRun(q, d.order, d.step, d);
  await q.query(
    `insert into order_deadlines (order_id, step, started_at, due_at, yellow_at, limit_value, limit_unit, done_at)
     values ($1, $2, $3, $4, $5, $6, $7, null)
     on conflict (order_id, step) do update set started_at = excluded.started_at, due_at = excluded.due_at,
       yellow_at = excluded.yellow_at, limit_value = excluded.limit_value, limit_unit = excluded.limit_unit, done_at = null`,
    [d.order.id, d.step, d.startedAt, d.dueAt, d.yellowAt, d.value, d.unit],
  );
}

/** Stops the clocks of some steps, and their pending supervision/escalation timers with them; their runs end done or withdrawn. */
export async function completeDeadlines(q: Queryable, orderId: number, steps: readonly Step[], at: Date, end: RunEnd): Promise<void> {
  await endRuns(q, orderId, steps, at, end);
  await q.query('update order_deadlines set done_at = $3 where order_id = $1 and step = any($2::text[]) and done_at is null', [
    orderId,
    steps,
    at,
  ]);
  await cancelClockTimers(q, orderId, steps);
}

export async function listDeadlines(q: Queryable, orderId: number): Promise<DeadlineRow[]> {
  // In the order of the workflow where steps start together (sign before handle).
  return (await q.query<DeadlineRow>('select * from order_deadlines where order_id = $1 order by started_at, array_position($2::text[], step)', [orderId, STEPS])).rows;
}

/** Moves a step's due time and yellow moment (suspension, extension); an extension also raises the step's limit. */
export async function setDeadlineDue(q: Queryable, orderId: number, step: Step, at: { dueAt: Date; yellowAt: Date; limitValue?: number }): Promise<void> {
  await moveRunDue(q, orderId, step, at.dueAt, at.limitValue);
  await q.query('update order_deadlines set due_at = $3, yellow_at = $4, limit_value = coalesce($5, limit_value) where order_id = $1 and step = $2', [
    orderId,
    step,
    at.dueAt,
    at.yellowAt,
    at.limitValue ?? null,
  ]);
}

export async function involveUnit(q: Queryable, orderId: number, unitId: number, role: 'lead' | 'co' | 'dispatch', at: Date): Promise<void> {
  await q.query(
    `insert into order_units (order_id, unit_id, role, active, assigned_at) values ($1, $2, $3, true, $4)
     on conflict (order_id, unit_id, role) do update set active = true, assigned_at = excluded.assigned_at`,
    [orderId, unitId, role, at],
  );
}

/** One reporter of an order, with what protects him (anonymous, or from a confidential merged order). */
export async function reporterOfOrder(q: Queryable, orderId: number, reporterId: number): Promise<{ phone: string | null; anonymous: boolean; source_confidential: boolean } | undefined> {
  const r = await q.query<{ phone: string | null; anonymous: boolean; source_confidential: boolean }>(
    `select r.phone, r.anonymous, coalesce(so.confidential, false) as source_confidential
       from order_reporters r left join orders so on so.id = r.source_order_id where r.id = $1 and r.order_id = $2`,
    [reporterId, orderId],
  );
  return r.rows[0];
}

/** The numbers of an order's reporters who left one, each once (merged reporters too). */
export async function reporterPhones(q: Queryable, orderId: number): Promise<string[]> {
  const r = await q.query<{ phone: string }>('select distinct phone from order_reporters where order_id = $1 and phone is not null order by phone', [orderId]);
  return r.rows.map((x) => x.phone);
}

/** The active co-handlers (协办) of an order and their parts. */
export async function coParts(q: Queryable, orderId: number): Promise<CoPart[]> {
  const r = await q.query<CoPart>(
    `select ou.unit_id as "unitId", u.name, ou.signed_at as "signedAt", ou.reported_at as "reportedAt", ou.report
       from order_units ou join units u on u.id = ou.unit_id
      where ou.order_id = $1 and ou.role = 'co' and ou.active order by ou.unit_id`,
    [orderId],
  );
  return r.rows;
}

/** A co-handler signs for its part, or reports it (signing too, if it had not). */
export async function recordCoPart(q: Queryable, orderId: number, unitId: number, at: Date, report?: string): Promise<void> {
  await q.query(
    `update order_units set signed_at = coalesce(signed_at, $3),
            reported_at = case when $4::text is null then reported_at else $3 end, report = coalesce($4::text, report)
      where order_id = $1 and unit_id = $2 and role = 'co'`,
    [orderId, unitId, at, report ?? null],
  );
}

export async function releaseUnits(q: Queryable, orderId: number, role: 'lead' | 'co' | 'dispatch'): Promise<void> {
  await q.query('update order_units set active = false where order_id = $1 and role = $2', [orderId, role]);
}

/**
 * Whether the district centre has held the order for dispatch: an order at a town that it sent down on purpose
 * (二级分拨), rather than one the town took in or the village pushed up.
 */
export async function cameFromDistrictCentre(q: Queryable, orderId: number): Promise<boolean> {
  const r = await q.query(
    `select 1 from order_units ou join units u on u.id = ou.unit_id
      where ou.order_id = $1 and ou.role = 'dispatch' and u.kind = 'centre' limit 1`,
    [orderId],
  );
  return r.rows.length > 0;
}
