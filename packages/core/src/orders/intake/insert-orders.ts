/**
 * Writes a batch of prepared orders in one statement: per order, the idempotency key first, and only
 * for a key not yet taken, the order, its reporter, its `create` timeline event, its dispatching centre,
 * its accept clock and that clock's timers, and the binding of its attachments (which fails the statement if
 * another order holds one). The whole batch costs one round trip and one plan. Foreign keys are checked at
 * the end of the statement, after every part is in. Two orders of one batch with the same key: the
 * first wins, the other gets null (a retry).
 */
import { orderUrgency } from '../urgency.rules.ts';
import type { Queryable } from '@liandong/db';
import type { OrderRow } from '../order.types.ts';
import type { PreparedOrder } from './prepare-order.ts';
import { CLOCK_TIMER } from '../clock-timers.ts';

/** A new order's row, with the id of its reporter row when it has one. */
export type InsertedOrder = OrderRow & { reporter_id: number | null };

const SQL = `
with i as (
  select * from jsonb_to_recordset($1::jsonb) as x(
    idx int, scope text, key text, hash text, at timestamptz, channel text, nature text, description text, address text,
    lng float8, lat float8, district_code text, town_code text, village_code text, grid_code text, pro_grids jsonb,
    category_code text, condition_id int, urgency text, reported_urgency text, level text, centre_id int, component_code text, confidential boolean,
    user_id int, unit_id int, rep boolean, rep_name text, rep_phone text, rep_anonymous boolean, event_data jsonb,
    attachments jsonb, made_at timestamptz, accept_due timestamptz, accept_yellow timestamptz, accept_value numeric, accept_unit text, timers jsonb)
), k as (
  insert into idempotency_keys (scope, key, request_hash, order_id, created_at)
  select scope, key, hash, nextval(pg_get_serial_sequence('orders', 'id')), at from i order by idx
  on conflict do nothing
  returning scope, key, order_id
), m as (
  select distinct on (i.scope, i.key) i.*, k.order_id from i join k using (scope, key) order by i.scope, i.key, i.idx
), o as (
  insert into orders (id, code, state, channel, nature, description, address, lng, lat, district_code, town_code, village_code,
    grid_code, professional_grid_codes, category_code, condition_id, urgency, reported_urgency, level, dispatch_unit_id, component_code,
    confidential, created_by, created_at, updated_at)
  overriding system value
  select m.order_id,
    liandong_order_code(m.at, m.order_id),
    'pending_accept', m.channel, m.nature, m.description, m.address, m.lng, m.lat, m.district_code, m.town_code, m.village_code,
    m.grid_code, array(select jsonb_array_elements_text(m.pro_grids)), m.category_code, m.condition_id, m.urgency, m.reported_urgency, m.level,
    m.centre_id, m.component_code, m.confidential, m.user_id, m.at, m.at
  from m
  returning *
), r as (
  insert into order_reporters (order_id, name, phone, anonymous, created_at)
  select m.order_id, m.rep_name, m.rep_phone, m.rep_anonymous, m.at from m where m.rep
  returning id, order_id
), e as (
  insert into order_events (order_id, at, action, actor_user_id, actor_unit_id, from_state, to_state, note, data, attachment_ids, made_at)
  select m.order_id, m.at, 'create', m.user_id, m.unit_id, null, 'pending_accept', m.description, m.event_data,
    array(select jsonb_array_elements_text(m.attachments)::bigint), m.made_at from m
), u as (
  insert into order_units (order_id, unit_id, role, active, assigned_at) select m.order_id, m.centre_id, 'dispatch', true, m.at from m
), d as (
  insert into order_deadlines (order_id, step, started_at, due_at, yellow_at, limit_value, limit_unit)
  select m.order_id, 'accept', m.at, m.accept_due, m.accept_yellow, m.accept_value, m.accept_unit from m
), sr as (
  -- The accept clock's run (orders/step-runs.ts), the centre's (supervisedUnit).
  insert into order_step_runs (order_id, step, unit_id, started_at, due_at, limit_value, limit_unit)
  select m.order_id, 'accept', m.centre_id, m.at, m.accept_due, m.accept_value, m.accept_unit from m
), t as (
  insert into timers (kind, order_id, dedupe_key, payload, due_at)
  select '${CLOCK_TIMER}', m.order_id, replace(x.dedupe_key, '{id}', m.order_id::text), x.payload, x.due_at
  from m cross join lateral jsonb_to_recordset(m.timers) as x(dedupe_key text, payload jsonb, due_at timestamptz)
), a as (
  select liandong_attach_files(m.order_id, m.user_id, array(select jsonb_array_elements_text(m.attachments)::bigint)) as n from m
)
select o.*, m.idx, r.id as reporter_id
from o join m on m.order_id = o.id left join r on r.order_id = o.id cross join (select count(*) from a) as attached`;

function row(p: PreparedOrder, idx: number) {
  const { input, match, classification: c } = p;
  const rep = input.reporter;
  return {
    idx,
    scope: p.idempotencyScope,
    key: p.idempotencyKey,
    hash: p.requestHash,
    at: p.now.toISOString(),
    channel: input.channel,
    nature: input.nature,
    description: input.description,
    address: input.address ?? null,
    lng: p.lng,
    lat: p.lat,
    district_code: match.districtCode,
    town_code: match.townCode,
    village_code: match.villageCode,
    grid_code: match.basicGrid!.code,
    pro_grids: match.professionalGrids.map((g) => g.code),
    category_code: c?.categoryCode ?? null,
    condition_id: c?.conditionId ?? null,
    urgency: orderUrgency(c?.urgency, input.urgency),
    reported_urgency: input.urgency ?? null,
    level: p.level,
    centre_id: p.centre.id,
    component_code: input.componentCode ?? null,
    confidential: input.confidential ?? false,
    user_id: p.actorUserId,
    unit_id: p.actorUnitId,
    rep: rep !== undefined,
    rep_name: rep?.name ?? null,
    rep_phone: rep?.phone ?? null,
    rep_anonymous: rep?.anonymous ?? false,
    event_data: { channel: input.channel, nature: input.nature, gridCode: match.basicGrid!.code, unitId: p.centre.id },
    attachments: p.attachmentFileIds,
    made_at: p.madeAt?.toISOString() ?? null,
    accept_due: p.acceptDueAt.toISOString(),
    accept_yellow: p.acceptYellowAt.toISOString(),
    accept_value: p.acceptLimit.value,
    accept_unit: p.acceptLimit.unit,
    timers: p.clockTimers.map((t) => ({ dedupe_key: t.dedupeKey, payload: t.payload, due_at: t.dueAt.toISOString() })),
  };
}

/** Returns, in input order, each order's row, or null where its idempotency key was already taken. */
export async function insertOrders(q: Queryable, batch: readonly PreparedOrder[]): Promise<(InsertedOrder | null)[]> {
  const r = await q.query<InsertedOrder & { idx: number }>(SQL, [JSON.stringify(batch.map(row))], { name: 'liandong-insert-orders' });
  const out: (InsertedOrder | null)[] = batch.map(() => null);
  for (const { idx, ...order } of r.rows) out[idx] = order as InsertedOrder;
  return out;
}
