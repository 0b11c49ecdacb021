/**
 * 事件接入: detections from a camera or sensor, one or a batch of one device, signed by it (signature.rules.ts).
 *
 * Before any transaction: the signature and freshness, the device (known, active), the types, and each
 * detection's place (its grid looked up in memory; default the device's own) — a detection outside the device's
 * town is refused. Then one transaction: the fold locks of every detection (fold.rules.ts: its cell and the eight
 * around it, sorted), the detections already received (a replay is answered `duplicate` and stored once), the
 * open folds near them, and per detection in time order the fold it joins or a new one — an order through the
 * intake's own prepare and insert (channel `video`, the device as an integration actor, Idempotency-Key
 * `event:<id>` in the device's scope), or, for a type under review, a fold waiting for an operator. The new
 * detections are inserted in one statement with their folds, whose counts and last moments move in the same
 * statement. A folded detection writes no timeline event: the fold's count is the order's tally.
 */
import type { Db, Queryable } from '@liandong/db';
import type { CreateOrderInput, EventBatchInput, EventBatchReceipt, EventInput, EventReceipt } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { DomainError, unprocessable } from '../shared/errors.ts';
import { toWgs84 } from '../territory/coordinates.ts';
import type { TerritoryMatch } from '../territory/types.ts';
import { requestHashOf } from '../orders/idempotency.ts';
import { prepareOrder, type PreparedOrder } from '../orders/intake/prepare-order.ts';
import { insertOrders } from '../orders/intake/insert-orders.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { freshness, parseTimestamp, signatureMatches } from './signature.rules.ts';
import { chooseFold, foldLockKeys, sortedLockKeys } from './fold.rules.ts';
import type { DeviceRow, EventTypeRow } from './manage-devices.ts';

/** What the HTTP request carried besides its parsed body: the signing headers and the body as sent. */
export interface SignedRequest {
  deviceId?: string;
  timestamp?: string;
  signature?: string;
  rawBody: string;
}

const refuse = (status: 401 | 403, code: 'bad_signature' | 'stale_request' | 'forbidden' | 'unauthenticated', field: string, zh: string, en: string) =>
  new DomainError(status, code, { zh, en }, field);

/** The signed device, or a refusal naming the header at fault. */
export async function authenticateDevice(q: Queryable, req: SignedRequest, now: Date): Promise<DeviceRow> {
  if (!req.deviceId) throw refuse(401, 'unauthenticated', 'X-Device-Id', '缺少请求头 X-Device-Id（设备编码）', 'The X-Device-Id header (the device code) is missing');
  const at = parseTimestamp(req.timestamp);
  if (!at) throw refuse(401, 'stale_request', 'X-Timestamp', '请求头 X-Timestamp 缺失或格式无效（Unix 秒或 RFC 3339）', 'The X-Timestamp header is missing or invalid (unix seconds or RFC 3339)');
  const fresh = freshness(at, now);
  if (fresh !== 'ok') {
    throw refuse(401, 'stale_request', 'X-Timestamp', '请求头 X-Timestamp 与服务器时间相差超过 5 分钟', 'The X-Timestamp header is more than 5 minutes from the server’s time');
  }
  const r = await q.query<DeviceRow>('select * from devices where code = $1', [req.deviceId]);
  const device = r.rows[0];
  // An unknown device and a wrong signature are refused alike: the answer tells no one which codes exist.
  if (!device || !signatureMatches(device.secret, req.timestamp!, req.rawBody, req.signature)) {
    throw refuse(401, 'bad_signature', 'X-Signature', '请求头 X-Signature 签名无效', 'The X-Signature header does not match (HMAC-SHA256 of X-Timestamp, newline, body)');
  }
  if (!device.active) throw refuse(403, 'forbidden', 'X-Device-Id', '该设备已停用', 'This device is deactivated');
  return device;
}

interface Prepared {
  idx: number;
  eventId: string;
  type: EventTypeRow;
  at: Date;
  lng: number;
  lat: number;
  match: TerritoryMatch | null;
  gridCode: string | null;
  confidence: number;
  snapshot: string | null;
  folds: boolean;
}

interface Fold {
  id: number;
  type_code: string;
  lng: number;
  lat: number;
  firstAt: Date;
  lastAt: Date;
  status: 'order' | 'pending' | 'dismissed';
  order_id: number | null;
}

export interface IngestContext {
  now: Date;
  services: OrderServices;
}

/** One detection (POST /api/v1/events). */
export async function ingestEvent(db: Db, req: SignedRequest, body: EventInput, ctx: IngestContext): Promise<EventReceipt> {
  const { device, ...event } = body;
  const r = await ingest(db, req, { device, events: [event] }, ctx, '');
  return r.items[0]!;
}

/** A batch of one device's detections (POST /api/v1/events/batch). */
export function ingestEventBatch(db: Db, req: SignedRequest, body: EventBatchInput, ctx: IngestContext): Promise<EventBatchReceipt> {
  return ingest(db, req, body, ctx, 'events');
}

async function ingest(db: Db, req: SignedRequest, body: EventBatchInput, ctx: IngestContext, prefix: string): Promise<EventBatchReceipt> {
  const device = await authenticateDevice(db, req, ctx.now);
  if (body.device !== device.code) throw refuse(403, 'forbidden', 'device', '请求体中的设备编码与 X-Device-Id 不一致', 'The body’s device differs from X-Device-Id');
  const field = (i: number, f: string) => (prefix ? `${prefix}[${i}].${f}` : f);
  const types = await eventTypes(db);
  const prepared: Prepared[] = [];
  for (const [i, e] of body.events.entries()) {
    const type = types.get(e.type);
    if (!type || !type.active) throw unprocessable(field(i, 'type'), `事件类型 ${e.type} 不存在或已停用`, `Unknown or inactive event type ${e.type}`);
    const at = new Date(e.detectedAt);
    if (at.getTime() > ctx.now.getTime() + 5 * 60_000) throw unprocessable(field(i, 'detectedAt'), '识别时间晚于当前时间', 'is later than now');
    let lng = device.lng;
    let lat = device.lat;
    let match: TerritoryMatch | null = null;
    let gridCode = device.grid_code;
    if (e.location) {
      [lng, lat] = toWgs84(e.location.lng, e.location.lat, e.location.crs ?? 'wgs84');
      match = await ctx.services.territory.lookup(lng, lat);
      if (!match.basicGrid) throw unprocessable(field(i, 'location'), '位置不在本辖区的网格内', 'The location is not inside any grid of this territory');
      if (match.townCode !== device.town_code) {
        throw new DomainError(403, 'forbidden', { zh: '位置不在该设备所在的乡镇（街道）', en: 'The location lies outside the device’s town' }, field(i, 'location'));
      }
      gridCode = match.basicGrid.code;
    }
    const folds = e.confidence >= Number(type.threshold);
    prepared.push({ idx: i, eventId: e.eventId, type, at, lng, lat, match, gridCode, confidence: e.confidence, snapshot: e.snapshot ?? null, folds });
  }
  // The device's own place, for detections that name none and start an order.
  const deviceMatch = prepared.some((p) => p.folds && !p.match) ? await ctx.services.territory.lookup(device.lng, device.lat) : null;
  const ref = await ctx.services.reference.get(db);
  await ctx.services.calendar(db);

  return db.transaction(async (tx) => {
    const keys = sortedLockKeys(prepared.filter((p) => p.folds).flatMap((p) => foldLockKeys(p.type.code, p.lng, p.lat, p.type.fold_radius_m)));
    if (keys.length) await tx.query('select count(pg_advisory_xact_lock(k)) from unnest($1::int8[]) with ordinality as u (k, n)', [keys.map(String)]);
    const seen = await tx.query<{ event_id: string; fold_id: number | null; order_id: number | null; status: Fold['status'] | null }>(
      `select e.event_id, e.fold_id, f.order_id, f.status from device_events e left join event_folds f on f.id = e.fold_id
        where e.device_id = $1 and e.event_id = any($2::text[])`,
      [device.id, prepared.map((p) => p.eventId)],
    );
    const before = new Map(seen.rows.map((r) => [r.event_id, r]));
    const candidates = await openFolds(tx, prepared.filter((p) => p.folds && !before.has(p.eventId)));
    const items: EventReceipt[] = new Array(prepared.length);
    const fresh: { p: Prepared; fold: Fold | null }[] = [];
    /** The answer to each event id first met in this batch (a second copy is a duplicate of it). */
    const firstReceipt = new Map<string, EventReceipt>();
    let ordersCreated = 0;
    for (const p of [...prepared].sort((a, b) => a.at.getTime() - b.at.getTime() || a.idx - b.idx)) {
      const earlier = before.get(p.eventId);
      const again = firstReceipt.get(p.eventId);
      if (earlier || again) {
        items[p.idx] = { eventId: p.eventId, outcome: 'duplicate', detectionId: earlier ? earlier.fold_id && Number(earlier.fold_id) : again!.detectionId, orderId: earlier ? earlier.order_id && Number(earlier.order_id) : again!.orderId };
        continue;
      }
      if (!p.folds) {
        fresh.push({ p, fold: null });
        items[p.idx] = { eventId: p.eventId, outcome: 'below_threshold', detectionId: null, orderId: null };
        firstReceipt.set(p.eventId, items[p.idx]!);
        continue;
      }
      const list = candidates.get(p.type.code) ?? [];
      let fold = chooseFold(p, list, { foldRadiusM: p.type.fold_radius_m, foldWindowMinutes: p.type.fold_window_minutes });
      let outcome: EventReceipt['outcome'];
      if (fold) {
        outcome = fold.status === 'order' ? 'folded' : fold.status === 'pending' ? 'review' : 'dismissed';
        if (p.at < fold.firstAt) fold.firstAt = p.at;
        if (p.at > fold.lastAt) fold.lastAt = p.at;
      } else {
        let orderId: number | null = null;
        if (!p.type.review) {
          const order = await prepareDeviceOrder(tx, device, p, p.match ?? deviceMatch!, ref, ctx);
          const [row] = await insertOrders(tx, [order]);
          if (!row) throw new Error(`the order of event ${p.eventId} exists already`);
          orderId = Number(row.id);
          ordersCreated++;
        }
        fold = await insertFold(tx, device, p, p.match ?? deviceMatch ?? null, orderId, ctx.now);
        list.push(fold);
        candidates.set(p.type.code, list);
        outcome = orderId ? 'created' : 'review';
      }
      fresh.push({ p, fold });
      items[p.idx] = { eventId: p.eventId, outcome, detectionId: fold.id, orderId: fold.order_id };
      firstReceipt.set(p.eventId, items[p.idx]!);
    }
    if (fresh.length) await insertEvents(tx, device.id, fresh, ctx.now);
    return { received: prepared.length, stored: fresh.length, duplicates: prepared.length - fresh.length, ordersCreated, items };
  });
}

const typeCache = { at: 0, types: new Map<string, EventTypeRow>(), db: null as unknown };

/** The types of detection, read at most every two seconds (an administrator's change takes effect within them). */
async function eventTypes(db: Db): Promise<Map<string, EventTypeRow>> {
  const now = Date.now();
  if (typeCache.db === db && now - typeCache.at < 2_000) return typeCache.types;
  const r = await db.query<EventTypeRow>('select * from event_types');
  typeCache.types = new Map(r.rows.map((t) => [t.code, { ...t, threshold: Number(t.threshold) }]));
  typeCache.at = now;
  typeCache.db = db;
  return typeCache.types;
}

/** Forget the cached types (tests and the admin's change in this process). */
export function forgetEventTypes(): void {
  typeCache.at = 0;
}

/** The folds that may take any of the detections: of their types, recent enough, near enough, and not of a closed order. */
async function openFolds(tx: Queryable, events: readonly Prepared[]): Promise<Map<string, Fold[]>> {
  const out = new Map<string, Fold[]>();
  if (!events.length) return out;
  const byType = new Map<string, Prepared[]>();
  for (const e of events) byType.set(e.type.code, [...(byType.get(e.type.code) ?? []), e]);
  const boxes = [...byType.values()].map((list) => {
    const t = list[0]!.type;
    const w = t.fold_window_minutes * 60_000;
    const dLat = t.fold_radius_m / 111_320;
    const dLng = t.fold_radius_m / (111_320 * Math.cos((list[0]!.lat * Math.PI) / 180)) * 1.01;
    return {
      type: t.code,
      from: new Date(Math.min(...list.map((e) => e.at.getTime())) - w).toISOString(),
      to: new Date(Math.max(...list.map((e) => e.at.getTime())) + w).toISOString(),
      west: Math.min(...list.map((e) => e.lng)) - dLng,
      east: Math.max(...list.map((e) => e.lng)) + dLng,
      south: Math.min(...list.map((e) => e.lat)) - dLat,
      north: Math.max(...list.map((e) => e.lat)) + dLat,
    };
  });
  const r = await tx.query<{ id: number; type_code: string; lng: number; lat: number; first_at: Date; last_at: Date; status: Fold['status']; order_id: number | null }>(
    `select f.id, f.type_code, f.lng, f.lat, f.first_at, f.last_at, f.status, f.order_id
       from jsonb_to_recordset($1::jsonb) as b (type text, "from" timestamptz, "to" timestamptz, west float8, east float8, south float8, north float8)
       join event_folds f on f.type_code = b.type and f.last_at >= b."from" and f.first_at <= b."to"
        and f.lng between b.west and b.east and f.lat between b.south and b.north
       left join orders o on o.id = f.order_id
       left join order_states s on s.code = o.state
      where f.order_id is null or (s.type not in ('closed', 'voided') and o.merged_into_id is null)`,
    [JSON.stringify(boxes)],
  );
  for (const f of r.rows) {
    const list = out.get(f.type_code) ?? [];
    list.push({ id: Number(f.id), type_code: f.type_code, lng: f.lng, lat: f.lat, firstAt: new Date(f.first_at), lastAt: new Date(f.last_at), status: f.status, order_id: f.order_id === null ? null : Number(f.order_id) });
    out.set(f.type_code, list);
  }
  return out;
}

/** The integration actor a device registers its orders as (no user of its own: the order's creator is nobody). */
export function deviceActor(device: Pick<DeviceRow, 'code' | 'name'>): Actor {
  return { userId: 0, username: `device:${device.code}`, displayName: device.name, roles: new Set(['integration']), unitId: null, unitIds: [], areaCodes: [] };
}

export function deviceOrderInput(device: Pick<DeviceRow, 'code' | 'name'>, type: EventTypeRow, confidence: number): CreateOrderInput & { location: { lng: number; lat: number } } {
  return {
    channel: 'video',
    nature: 'report',
    description: `视频/物联感知：${type.name_zh}（设备 ${device.name}，编码 ${device.code}，置信度 ${confidence.toFixed(2)}）`,
    address: device.name,
    location: { lng: 0, lat: 0 },
    ...(type.category_code ? { categoryCode: type.category_code } : {}),
  };
}

async function prepareDeviceOrder(
  tx: Queryable,
  device: DeviceRow,
  p: Pick<Prepared, 'eventId' | 'type' | 'lng' | 'lat' | 'confidence'>,
  match: TerritoryMatch,
  ref: Awaited<ReturnType<OrderServices['reference']['get']>>,
  ctx: IngestContext,
): Promise<PreparedOrder> {
  const input = { ...deviceOrderInput(device, p.type, p.confidence), location: { lng: p.lng, lat: p.lat } };
  // The place is known already: the territory is not asked again inside the transaction.
  const services: OrderServices = { ...ctx.services, clock: () => ctx.now, territory: { lookup: async () => match } };
  const idem = { scope: `device:${device.id}`, key: `event:${p.eventId}`, hash: requestHashOf(input) };
  return prepareOrder(tx, deviceActor(device), input, idem, ref, services);
}

async function insertFold(tx: Queryable, device: DeviceRow, p: Prepared, match: TerritoryMatch | null, orderId: number | null, now: Date): Promise<Fold> {
  const m = match;
  const r = await tx.query<{ id: number }>(
    `insert into event_folds (type_code, lng, lat, district_code, town_code, village_code, grid_code, first_device_id, first_at, last_at, event_count, max_confidence, status, order_id, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 0, 0, $10, $11, $12) returning id`,
    [p.type.code, p.lng, p.lat, m?.districtCode ?? device.district_code, m?.townCode ?? device.town_code, m?.villageCode ?? device.village_code,
      p.gridCode, device.id, p.at, orderId ? 'order' : 'pending', orderId, now],
  );
  return { id: Number(r.rows[0]!.id), type_code: p.type.code, lng: p.lng, lat: p.lat, firstAt: p.at, lastAt: p.at, status: orderId ? 'order' : 'pending', order_id: orderId };
}

/** The new detections in one statement; each fold's count, span and highest confidence move with them. */
async function insertEvents(tx: Queryable, deviceId: number, fresh: readonly { p: Prepared; fold: Fold | null }[], now: Date): Promise<void> {
  await tx.query(
    `with ins as (
       insert into device_events (device_id, event_id, type_code, detected_at, lng, lat, grid_code, confidence, snapshot, fold_id, received_at)
       select $1, u.event_id, u.type_code, u.at, u.lng, u.lat, u.grid, u.confidence, u.snapshot, u.fold_id, $11
         from unnest($2::text[], $3::text[], $4::timestamptz[], $5::float8[], $6::float8[], $7::text[], $8::real[], $9::text[], $10::int8[])
           as u (event_id, type_code, at, lng, lat, grid, confidence, snapshot, fold_id)
       on conflict (device_id, event_id) do nothing
       returning fold_id, detected_at, confidence
     ), per as (
       select fold_id, count(*)::int as n, min(detected_at) as first_at, max(detected_at) as last_at, max(confidence) as conf from ins where fold_id is not null group by fold_id
     )
     update event_folds f set event_count = f.event_count + per.n, first_at = least(f.first_at, per.first_at), last_at = greatest(f.last_at, per.last_at),
       max_confidence = greatest(f.max_confidence, per.conf)
       from per where f.id = per.fold_id`,
    [
      deviceId,
      fresh.map((f) => f.p.eventId),
      fresh.map((f) => f.p.type.code),
      fresh.map((f) => f.p.at.toISOString()),
      fresh.map((f) => f.p.lng),
      fresh.map((f) => f.p.lat),
      fresh.map((f) => f.p.gridCode),
      fresh.map((f) => f.p.confidence),
      fresh.map((f) => f.p.snapshot),
      fresh.map((f) => (f.fold ? String(f.fold.id) : null)),
      now,
    ],
  );
}
