/**
 * Writes one prepared order in a single statement: the idempotency key first, and only if the key is
 * new, the order, its reporter, its first timeline event, its dispatching centre and its accept clock.
 * Returns null when the key was already taken (a retry): then nothing is written.
 * (Foreign keys are checked at the end of the statement, after every part is in.)
 */
import type { Queryable } from '@liandong/db';
import type { OrderRow } from '../order.types.ts';
import type { PreparedOrder } from './prepare-order.ts';

const SQL = `
with k as (
  insert into idempotency_keys (scope, key, request_hash, order_id, created_at)
  values ($1, $2, $3, nextval(pg_get_serial_sequence('orders', 'id')), $4)
  on conflict do nothing
  returning order_id
), o as (
  insert into orders (id, code, state, channel, nature, description, address, lng, lat, district_code, town_code, village_code,
    grid_code, professional_grid_codes, category_code, condition_id, urgency, level, dispatch_unit_id, component_code,
    confidential, created_by, created_at, updated_at)
  overriding system value
  select k.order_id,
    'LD' || to_char($4::timestamptz at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(s.n::text, greatest(6, length(s.n::text)), '0'),
    'pending_accept', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $4, $4
  from k cross join (select nextval('order_code_seq') as n) s
  returning *
), r as (
  insert into order_reporters (order_id, name, phone, anonymous, created_at)
  select o.id, $24, $25, $26, $4 from o where $27::boolean
  returning id
), e as (
  insert into order_events (order_id, at, action, actor_user_id, actor_unit_id, from_state, to_state, note, data, attachment_ids)
  select o.id, $4, 'create', $23, $28, null, 'pending_accept', $7, $29::jsonb, $30::bigint[] from o
), u as (
  insert into order_units (order_id, unit_id, role, active, assigned_at) select o.id, $20, 'dispatch', true, $4 from o
), d as (
  insert into order_deadlines (order_id, step, started_at, due_at, limit_value, limit_unit)
  select o.id, 'accept', $4, $31, $32, $33 from o
)
select o.*, (select id from r) as reporter_id from o`;

/** The new order's row, with the id of its reporter row when it has one. */
export type InsertedOrder = OrderRow & { reporter_id: number | null };

export async function insertOrder(q: Queryable, p: PreparedOrder): Promise<InsertedOrder | null> {
  const { input, match, classification: c } = p;
  const rep = input.reporter;
  const r = await q.query<InsertedOrder>(SQL, [
    p.idempotencyScope,
    p.idempotencyKey,
    p.requestHash,
    p.now,
    input.channel,
    input.nature,
    input.description,
    input.address ?? null,
    p.lng,
    p.lat,
    match.districtCode,
    match.townCode,
    match.villageCode,
    match.basicGrid!.code,
    match.professionalGrids.map((g) => g.code),
    c?.categoryCode ?? null,
    c?.conditionId ?? null,
    c?.urgency ?? 'normal',
    p.level,
    p.centre.id,
    input.componentCode ?? null,
    input.confidential ?? false,
    p.actorUserId,
    rep?.name ?? null,
    rep?.phone ?? null,
    rep?.anonymous ?? false,
    rep !== undefined,
    p.actorUnitId,
    JSON.stringify({ channel: input.channel, nature: input.nature, gridCode: match.basicGrid!.code, unitId: p.centre.id }),
    input.attachments ?? [],
    p.acceptDueAt,
    p.acceptLimit.value,
    p.acceptLimit.unit,
  ]);
  return r.rows[0] ?? null;
}
