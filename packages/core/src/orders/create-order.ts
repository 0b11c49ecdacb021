/**
 * 发现/登记: a report from any channel becomes a work order. The point is located (GCJ-02 converted),
 * placed in its grid, village and town, and handed to the centre that takes that channel's intake.
 * An Idempotency-Key makes retries safe: the same key and body return the order already created.
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '@liandong/db';
import type { CreateOrderInput } from '@liandong/contracts';
import { DomainError, forbidden, invalidField, unprocessable } from '../shared/errors.ts';
import { hasRole, type Actor } from '../org/actor.ts';
import { findCentre } from '../org/org.repository.ts';
import { toWgs84, type TerritoryMatch } from '../territory/index.ts';
import { assertAttachments } from './perform-action.ts';
import { resolveClassification, type Classification } from './classification.ts';
import { getOrder, insertEvent, involveUnit } from './order.repository.ts';
import { startSteps } from './deadlines.ts';
import type { Level, OrderRow } from './order.types.ts';
import type { OrderServices } from './order-services.ts';

const CITIZEN_CHANNELS = new Set(['web', 'app', 'wechat']);
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

class IdempotentReplay extends Error {}

export interface CreateOrderResult {
  order: OrderRow;
  replayed: boolean;
}

export function requestHash(input: CreateOrderInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

async function findReplay(q: Queryable, scope: string, key: string, hash: string): Promise<OrderRow | null> {
  const r = await q.query<{ order_id: number; request_hash: string }>(
    'select order_id, request_hash from idempotency_keys where scope = $1 and key = $2',
    [scope, key],
  );
  const row = r.rows[0];
  if (!row) return null;
  if (row.request_hash !== hash) {
    throw new DomainError(422, 'idempotency_key_reused', { zh: '该幂等键已用于另一份不同的工单', en: 'This Idempotency-Key was already used for a different request' }, 'Idempotency-Key');
  }
  return getOrder(q, row.order_id);
}

export interface PreparedOrder {
  input: CreateOrderInput;
  lng: number;
  lat: number;
  match: TerritoryMatch;
  classification: Classification | null;
}

/** Checks and locates the report outside any transaction, so the transaction stays short. */
export async function prepareOrder(q: Queryable, actor: Actor, input: CreateOrderInput, services: OrderServices): Promise<PreparedOrder> {
  if (!hasRole(actor, 'operator', 'dispatcher', 'shift_lead', 'grid_worker', 'grid_leader', 'citizen', 'integration', 'admin')) {
    throw forbidden('您的角色不能登记工单', 'Your role may not register work orders');
  }
  if (hasRole(actor, 'citizen') && actor.roles.size === 1 && !CITIZEN_CHANNELS.has(input.channel)) {
    throw unprocessable('channel', '群众只能通过网站、APP 或微信上报', 'Citizens report through the web, the app or WeChat');
  }
  const [lng, lat] = toWgs84(input.location.lng, input.location.lat, input.location.crs ?? 'wgs84');
  const match = await services.territory.lookup(lng, lat);
  if (!match.basicGrid || !match.townCode || !match.districtCode) {
    throw unprocessable('location', '位置不在本辖区的网格内', 'The location is not inside any grid of this territory');
  }
  const classification = input.categoryCode ? await resolveClassification(q, input.categoryCode) : null;
  return { input, lng, lat, match, classification };
}

/** Writes a prepared order in the given transaction; throws IdempotentReplay when the key was taken meanwhile. */
export async function insertPreparedOrder(
  tx: Queryable,
  actor: Actor,
  p: PreparedOrder,
  key: string,
  hash: string,
  services: OrderServices,
): Promise<OrderRow> {
  const { input, match } = p;
  const now = services.clock();
  const meta = await tx.query<{ intake: string | null; nature_ok: boolean }>(
    `select (select intake_level from channels where code = $1 and active) as intake,
            exists (select 1 from natures where code = $2 and active) as nature_ok`,
    [input.channel, input.nature],
  );
  const { intake, nature_ok } = meta.rows[0]!;
  if (!intake) throw unprocessable('channel', `来源渠道 ${input.channel} 不存在`, `Unknown channel ${input.channel}`);
  if (!nature_ok) throw unprocessable('nature', `诉求类型 ${input.nature} 不存在`, `Unknown request nature ${input.nature}`);
  const centre =
    intake === 'town' ? await findCentre(tx, 'town', match.townCode!) : await findCentre(tx, 'district', match.districtCode!);
  if (!centre) throw unprocessable('location', '该地区没有配置指挥中心', 'No command centre is configured for this area');
  const level: Level = input.channel === 'grid_patrol' ? 'grid' : intake === 'town' ? 'town' : 'district';
  const c = p.classification;
  const r = await tx.query<OrderRow>(
    `with s as (select nextval('order_code_seq') as n)
     insert into orders (code, state, channel, nature, description, address, lng, lat, district_code, town_code, village_code,
       grid_code, professional_grid_codes, category_code, condition_id, urgency, level, dispatch_unit_id, component_code,
       confidential, created_by, created_at, updated_at)
     select 'LD' || to_char($20::timestamptz at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(s.n::text, greatest(6, length(s.n::text)), '0'),
       'pending_accept', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20
     from s returning *`,
    [
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
      level,
      centre.id,
      input.componentCode ?? null,
      input.confidential ?? false,
      actor.userId,
      now,
    ],
  );
  const order = r.rows[0]!;
  if (input.reporter) {
    const rep = input.reporter;
    await tx.query('insert into order_reporters (order_id, name, phone, anonymous, created_at) values ($1, $2, $3, $4, $5)', [
      order.id,
      rep.name ?? null,
      rep.phone ?? null,
      rep.anonymous ?? false,
      now,
    ]);
  }
  await assertAttachments(tx, input.attachments ?? []);
  await insertEvent(tx, {
    orderId: order.id,
    at: now,
    action: 'create',
    actorUserId: actor.userId,
    actorUnitId: actor.unitId,
    fromState: null,
    toState: 'pending_accept',
    note: input.description,
    data: { channel: input.channel, nature: input.nature, gridCode: order.grid_code, unitId: centre.id },
    attachmentIds: input.attachments,
  });
  await involveUnit(tx, order.id, centre.id, 'dispatch', now);
  await startSteps(tx, services, order, ['accept'], now);
  const idem = await tx.query(
    'insert into idempotency_keys (scope, key, request_hash, order_id, created_at) values ($1, $2, $3, $4, $5) on conflict do nothing',
    [idempotencyScope(actor), key, hash, order.id, now],
  );
  if (idem.rowCount === 0) throw new IdempotentReplay();
  return order;
}

export function idempotencyScope(actor: Actor): string {
  return `u:${actor.userId}`;
}

export function validateIdempotencyKey(key: string | undefined): string {
  if (!key) throw invalidField('Idempotency-Key', '登记工单须带 Idempotency-Key 请求头', 'the Idempotency-Key header is required to create an order');
  if (!KEY_PATTERN.test(key)) throw invalidField('Idempotency-Key', '须为 1–200 个可见 ASCII 字符', 'must be 1–200 visible ASCII characters');
  return key;
}

export async function createOrder(
  db: Db,
  actor: Actor,
  input: CreateOrderInput,
  idempotencyKey: string | undefined,
  services: OrderServices,
): Promise<CreateOrderResult> {
  const key = validateIdempotencyKey(idempotencyKey);
  const hash = requestHash(input);
  const scope = idempotencyScope(actor);
  const earlier = await findReplay(db, scope, key, hash);
  if (earlier) return { order: earlier, replayed: true };
  const prepared = await prepareOrder(db, actor, input, services);
  try {
    const order = await db.transaction((tx) => insertPreparedOrder(tx, actor, prepared, key, hash, services));
    return { order, replayed: false };
  } catch (err) {
    if (!(err instanceof IdempotentReplay)) throw err;
    const replay = await findReplay(db, scope, key, hash);
    if (!replay) throw err;
    return { order: replay, replayed: true };
  }
}
