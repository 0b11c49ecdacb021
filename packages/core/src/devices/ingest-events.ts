/**
 * 事件接入: detections from a camera or sensor, one or a batch of one device, signed by it (signature.rules.ts).
 *
 * Before any transaction, per request: the signature and freshness against the device as last read (a cache of a
 * few seconds: its secret, state and place), the types, and each detection's place (its grid looked up in memory,
 * once per point of the request; default the device's own) — a detection outside the device's town is refused.
 * Then the request joins a group (shared/group-commit.ts): the requests arriving together are written in one
 * transaction with a few set-based statements whatever their number. In it, one call (event_fold_reads, migration
 * 0049) takes the fold locks of every detection (fold.rules.ts: its cell and the eight around it, sorted), locks and
 * reads the devices and types again (a device deactivated, moved or given a new secret since the cache read it sends
 * its request round again, read afresh), and reads the open folds near the group's points. Then per detection in
 * time order the fold it joins or a new one — an order through the intake's own prepare and insert (channel
 * `video`, the device as an integration actor, Idempotency-Key `event:<id>` in the device's scope), or, for a type
 * under review, a fold waiting for an operator. The group's new orders go in one insert, its new folds in one, its
 * detections in one with their folds' counts and spans (worked out here, under the locks).
 *
 * Replays: a copy within the group is answered `duplicate` at once. One received before is found by the detections'
 * unique key: the first attempt does not look them up (they are rare, and the look-up was a tenth of the work), so
 * an insert that stores fewer than it was given has the group written again (WriteAgain), this time looking them up
 * first — each is answered `duplicate` with its first copy's fold and order, stored once, and no fold or order is
 * made for it. A folded detection writes no timeline event: the fold's count is the order's tally. A group that
 * fails is rolled back whole and each request retried alone, so each caller hears its own outcome and none is
 * half-written. docs/events-intake.md has the design and its figures.
 */
import { numberArray, textArray, type Db, type Queryable } from '@liandong/db';
import { GroupCommit, WriteAgain, type GroupOutcome } from '../shared/group-commit.ts';
import type { CreateOrderInput, EventBatchInput, EventBatchReceipt, EventInput, EventReceipt } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { DomainError, unprocessable } from '../shared/errors.ts';
import { toWgs84 } from '../territory/coordinates.ts';
import { boxAround } from '../territory/distance.rules.ts';
import type { TerritoryMatch } from '../territory/types.ts';
import type { IntakeReference } from '../orders/intake/reference-cache.ts';
import { requestHashOf } from '../orders/idempotency.ts';
import { prepareOrder, type PreparedOrder } from '../orders/intake/prepare-order.ts';
import { insertOrders } from '../orders/intake/insert-orders.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { freshness, parseTimestamp, signatureMatches } from './signature.rules.ts';
import { chooseNearFold, foldLockKeys, foldsNear, sortedLockKeys, type NearFold } from './fold.rules.ts';
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

/** The signed device, or a refusal naming the header at fault (`read` finds the device by its code). */
export async function authenticateDevice(
  q: Queryable,
  req: SignedRequest,
  now: Date,
  read: (code: string) => Promise<DeviceRow | undefined> = async (code) => (await q.query<DeviceRow>('select * from devices where code = $1', [code])).rows[0],
): Promise<DeviceRow> {
  if (!req.deviceId) throw refuse(401, 'unauthenticated', 'X-Device-Id', '缺少请求头 X-Device-Id（设备编码）', 'The X-Device-Id header (the device code) is missing');
  const at = parseTimestamp(req.timestamp);
  if (!at) throw refuse(401, 'stale_request', 'X-Timestamp', '请求头 X-Timestamp 缺失或格式无效（Unix 秒或 RFC 3339）', 'The X-Timestamp header is missing or invalid (unix seconds or RFC 3339)');
  const fresh = freshness(at, now);
  if (fresh !== 'ok') {
    throw refuse(401, 'stale_request', 'X-Timestamp', '请求头 X-Timestamp 与服务器时间相差超过 5 分钟', 'The X-Timestamp header is more than 5 minutes from the server’s time');
  }
  const device = await read(req.deviceId);
  // An unknown device and a wrong signature are refused alike: the answer tells no one which codes exist.
  if (!device || !signatureMatches(device.secret, req.timestamp!, req.rawBody, req.signature)) {
    throw refuse(401, 'bad_signature', 'X-Signature', '请求头 X-Signature 签名无效', 'The X-Signature header does not match (HMAC-SHA256 of X-Timestamp, newline, body)');
  }
  if (!device.active) throw refuse(403, 'forbidden', 'X-Device-Id', '该设备已停用', 'This device is deactivated');
  return device;
}

/** How long a device read for the intake is trusted before it is read again (the group re-checks it anyway). */
const DEVICE_CACHE_MS = 30_000;
const deviceCaches = new WeakMap<Db, Map<string, { row: DeviceRow; at: number }>>();

/** The device of a code as last read (at most DEVICE_CACHE_MS ago), or read now. */
function cachedDevice(db: Db, fresh: boolean): (code: string) => Promise<DeviceRow | undefined> {
  let cache = deviceCaches.get(db);
  if (!cache) deviceCaches.set(db, (cache = new Map()));
  const c = cache;
  return async (code) => {
    const hit = c.get(code);
    if (!fresh && hit && Date.now() - hit.at < DEVICE_CACHE_MS) return hit.row;
    const row = (await db.query<DeviceRow>('select * from devices where code = $1', [code])).rows[0];
    if (row) c.set(code, { row, at: Date.now() });
    else c.delete(code);
    return row;
  };
}

/** Forget the devices read (an administrator's change in this process; the group's re-check catches the rest). */
export function forgetDevices(db: Db): void {
  deviceCaches.delete(db);
}

/** What of a device the intake relies on: a change of any sends the request round again. */
const sameDevice = (a: DeviceRow, b: DeviceRow) =>
  a.code === b.code && a.secret === b.secret && a.active === b.active && a.name === b.name && a.lng === b.lng && a.lat === b.lat &&
  a.district_code === b.district_code && a.town_code === b.town_code && a.village_code === b.village_code && a.grid_code === b.grid_code;

/** The group found the device changed since it was read: the request is prepared again from a fresh read. */
class DeviceChanged extends Error {}

/** A place a request reports from, shared by its detections there (a camera reports the same few points). */
interface Point {
  lng: number;
  lat: number;
  match: TerritoryMatch | null;
}

interface Prepared {
  idx: number;
  eventId: string;
  type: EventTypeRow;
  at: Date;
  /** `at` in ms since the epoch. */
  t: number;
  /** Where it was seen (its own place, or the device's). */
  point: Point;
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

/** One device's request, checked and placed, waiting for its group. */
interface Submission {
  device: DeviceRow;
  prepared: Prepared[];
  /** The device's own place, for detections that name none and start an order. */
  deviceMatch: TerritoryMatch | null;
  ref: IntakeReference;
  ctx: IngestContext;
  /** The name of a detection's field in the request (`events[3].type`, or `type` for a single detection). */
  field: (i: number, f: string) => string;
}

async function ingest(db: Db, req: SignedRequest, body: EventBatchInput, ctx: IngestContext, prefix: string): Promise<EventBatchReceipt> {
  for (let attempt = 0; ; attempt++) {
    let submission: Submission;
    try {
      submission = await prepare(db, req, body, ctx, prefix, attempt > 0);
    } catch (err) {
      // Refused by the device as cached (its secret rotated, its place or state changed by another process since):
      // judged again on the device as it is now before the refusal stands.
      if (attempt === 0 && err instanceof DomainError && (err.status === 401 || err.status === 403)) continue;
      throw err;
    }
    try {
      return await groupOf(db).submit(submission);
    } catch (err) {
      // Changed between the read and the group (a new secret, a move, a deactivation): checked again, read afresh.
      if (!(err instanceof DeviceChanged) || attempt >= 2) throw err;
    }
  }
}

async function prepare(db: Db, req: SignedRequest, body: EventBatchInput, ctx: IngestContext, prefix: string, fresh: boolean): Promise<Submission> {
  const device = await authenticateDevice(db, req, ctx.now, cachedDevice(db, fresh));
  if (body.device !== device.code) throw refuse(403, 'forbidden', 'device', '请求体中的设备编码与 X-Device-Id 不一致', 'The body’s device differs from X-Device-Id');
  const field = (i: number, f: string) => (prefix ? `${prefix}[${i}].${f}` : f);
  const types = await eventTypes(db);
  const prepared: Prepared[] = [];
  // The points met in the request, by longitude then latitude: each looked up in the territory once.
  const places = new Map<number, Map<number, Point>>();
  const devicePoint: Point = { lng: device.lng, lat: device.lat, match: null };
  const nowMs = ctx.now.getTime();
  const events = body.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const type = types.get(e.type);
    if (!type || !type.active) throw unprocessable(field(i, 'type'), `事件类型 ${e.type} 不存在或已停用`, `Unknown or inactive event type ${e.type}`);
    const at = new Date(e.detectedAt);
    const t = at.getTime();
    if (t > nowMs + 5 * 60_000) throw unprocessable(field(i, 'detectedAt'), '识别时间晚于当前时间', 'is later than now');
    let point = devicePoint;
    let gridCode = device.grid_code;
    if (e.location) {
      const [lng, lat] = toWgs84(e.location.lng, e.location.lat, e.location.crs ?? 'wgs84');
      let byLat = places.get(lng);
      if (!byLat) places.set(lng, (byLat = new Map()));
      let known = byLat.get(lat);
      if (!known) {
        const match = await ctx.services.territory.lookup(lng, lat);
        if (!match.basicGrid) throw unprocessable(field(i, 'location'), '位置不在本辖区的网格内', 'The location is not inside any grid of this territory');
        if (match.townCode !== device.town_code) {
          throw new DomainError(403, 'forbidden', { zh: '位置不在该设备所在的乡镇（街道）', en: 'The location lies outside the device’s town' }, field(i, 'location'));
        }
        byLat.set(lat, (known = { lng, lat, match }));
      }
      point = known;
      gridCode = known.match!.basicGrid!.code;
    }
    const folds = e.confidence >= type.threshold;
    prepared.push({ idx: i, eventId: e.eventId, type, at, t, point, gridCode, confidence: e.confidence, snapshot: e.snapshot ?? null, folds });
  }
  const deviceMatch = prepared.some((p) => p.folds && !p.point.match) ? await ctx.services.territory.lookup(device.lng, device.lat) : null;
  const ref = await ctx.services.reference.get(db);
  await ctx.services.calendar(db);
  return { device, prepared, deviceMatch, ref, ctx, field };
}

/** Detections per group at most (a group of 20 batches of 200 is written in about as many statements as one). */
const GROUP_MAX_EVENTS = 4_000;
/**
 * Groups in flight at once on the PostgreSQL server. A request goes alone while fewer are in flight (no less
 * parallel than a transaction per request), and requests arriving meanwhile wait and go together: the pool keeps
 * connections for the other routes and the background work. Four on two cores (bench:events, 8 clients): six made
 * smaller groups and cost PostgreSQL a fifth more per detection (21 µs against 18), two or three left it idle.
 */
const GROUPS_IN_FLIGHT = 4;
const groups = new WeakMap<Db, GroupCommit<Submission, EventBatchReceipt>>();

function groupOf(db: Db): GroupCommit<Submission, EventBatchReceipt> {
  let g = groups.get(db);
  if (!g) {
    g = new GroupCommit(db, writeGroup, { maxSize: GROUP_MAX_EVENTS, sizeOf: (s) => Math.max(1, s.prepared.length), maxConcurrent: db.kind === 'pglite' ? 1 : GROUPS_IN_FLIGHT });
    groups.set(db, g);
  }
  return g;
}

/** The group's counters (groups committed, requests in them, requests retried alone, groups written again), for the benchmark. */
export function eventGroupStats(db: Db): { groups: number; items: number; retried: number; again: number } | null {
  return groups.get(db)?.stats ?? null;
}

/** A fold made in this group, its id known once the group's folds are inserted. */
interface NewFold extends Fold {
  sub: Submission;
  p: Prepared;
  match: TerritoryMatch | null;
}

/** What a detection of the group came to: its fold (or none: below the threshold), or a replay's earlier answer. */
type Decision =
  | { kind: 'stored'; sub: number; p: Prepared; fold: Fold | null; outcome: EventReceipt['outcome'] }
  | { kind: 'replay'; sub: number; p: Prepared; detectionId: number | null; orderId: number | null }
  | { kind: 'copy'; sub: number; p: Prepared; of: Extract<Decision, { kind: 'stored' }> };

/** Writes a group of requests in its transaction (see the top of this file); one receipt or refusal per request. */
async function writeGroup(tx: Queryable, subs: readonly Submission[], attempt: number): Promise<GroupOutcome<EventBatchReceipt>[]> {
  const outcomes: GroupOutcome<EventBatchReceipt>[] = new Array(subs.length);
  const all = subs.flatMap((s, i) => s.prepared.map((p) => ({ sub: i, p })));
  // One call (migration 0049): the fold locks (sorted), the devices and event types as they are now, locked against
  // deletion until the commit, then — each read with a snapshot taken after the locks — the detections received
  // before (looked up when a first attempt found one) and the open folds near each request's points.
  // The cells of each distinct point once (a camera reports the same few points again and again).
  const points = new Map<Point, Map<string, EventTypeRow>>();
  for (const { p } of all) {
    if (!p.folds) continue;
    let types = points.get(p.point);
    if (!types) points.set(p.point, (types = new Map()));
    types.set(p.type.code, p.type);
  }
  const keys = sortedLockKeys([...points].flatMap(([pt, types]) => [...types.values()].flatMap((type) => foldLockKeys(type.code, pt.lng, pt.lat, type.fold_radius_m))));
  const ids = [...new Set(subs.map((s) => s.device.id))];
  const typeCodes = [...new Set(all.map(({ p }) => p.type.code))];
  const { locked, typesNow, before, candidates } = await lockAndRead(tx, keys, ids, typeCodes, subs, all, attempt > 0);
  const current = new Map(locked.map((d) => [d.id, d]));
  const isLive = subs.map((s, i) => {
    const d = current.get(s.device.id);
    const gone = s.prepared.find((p) => !typesNow.has(p.type.code));
    if (d && gone) {
      outcomes[i] = { ok: false, error: unprocessable(s.field(gone.idx, 'type'), `事件类型 ${gone.type.code} 不存在`, `Unknown event type ${gone.type.code}`) };
      return false;
    }
    if (d && sameDevice(d, s.device)) return true;
    outcomes[i] = { ok: false, error: new DeviceChanged(`device ${s.device.code} changed`) };
    return false;
  });
  const live = subs.map((_, i) => i).filter((i) => isLive[i]);
  const liveAll = all.filter((x) => isLive[x.sub]);
  const decisions: Decision[] = [];
  /** The first copy of each event id met in this group, by device (a second copy, or a retried batch's, is its duplicate). */
  const first = new Map<number, Map<string, Extract<Decision, { kind: 'stored' }>>>();
  /** The folds of a type near a point, worked out once per point and type (afresh once a fold is made). */
  const nearCache = new Map<Point, Map<string, NearFold<Fold>[]>>();
  const newFolds: NewFold[] = [];
  for (const { sub, p } of liveAll.sort((a, b) => a.p.t - b.p.t || a.sub - b.sub || a.p.idx - b.p.idx)) {
    const s = subs[sub]!;
    let firsts = first.get(s.device.id);
    if (!firsts) first.set(s.device.id, (firsts = new Map()));
    const earlier = before.get(s.device.id)?.get(p.eventId);
    if (earlier) {
      decisions.push({ kind: 'replay', sub, p, detectionId: earlier.fold_id === null ? null : Number(earlier.fold_id), orderId: earlier.order_id === null ? null : Number(earlier.order_id) });
      continue;
    }
    const again = firsts.get(p.eventId);
    if (again) {
      decisions.push({ kind: 'copy', sub, p, of: again });
      continue;
    }
    let d: Extract<Decision, { kind: 'stored' }>;
    if (!p.folds) {
      d = { kind: 'stored', sub, p, fold: null, outcome: 'below_threshold' };
    } else {
      const list = candidates.get(p.type.code) ?? [];
      let byType = nearCache.get(p.point);
      if (!byType) nearCache.set(p.point, (byType = new Map()));
      let near = byType.get(p.type.code);
      if (!near) byType.set(p.type.code, (near = foldsNear(p.point, list, p.type.fold_radius_m)));
      let fold: Fold | null = chooseNearFold(p.t, near, p.type.fold_window_minutes);
      let outcome: EventReceipt['outcome'];
      if (fold) {
        outcome = fold.status === 'order' ? 'folded' : fold.status === 'pending' ? 'review' : 'dismissed';
        if (p.t < fold.firstAt.getTime()) fold.firstAt = p.at;
        if (p.t > fold.lastAt.getTime()) fold.lastAt = p.at;
      } else {
        // Its order (unless the type is reviewed first) and its id come once the group's decisions are made.
        const made: NewFold = { id: 0, type_code: p.type.code, lng: p.point.lng, lat: p.point.lat, firstAt: p.at, lastAt: p.at, status: p.type.review ? 'pending' : 'order', order_id: null, sub: s, p, match: p.point.match ?? s.deviceMatch };
        newFolds.push(made);
        list.push(made);
        candidates.set(p.type.code, list);
        nearCache.clear();
        fold = made;
        outcome = p.type.review ? 'review' : 'created';
      }
      d = { kind: 'stored', sub, p, fold, outcome };
    }
    decisions.push(d);
    firsts.set(p.eventId, d);
  }
  // The new orders in one insert, then the new folds in one.
  const ordering = newFolds.filter((f) => f.status === 'order');
  if (ordering.length) {
    const prepared: PreparedOrder[] = [];
    const reads = memoReads(tx);
    for (const f of ordering) prepared.push(await prepareDeviceOrder(reads, f.sub.device, f.p, f.match!, f.sub.ref, f.sub.ctx));
    const rows = await insertOrders(tx, prepared);
    rows.forEach((row, i) => {
      if (!row) throw new Error(`the order of event ${ordering[i]!.p.eventId} exists already`);
      ordering[i]!.order_id = Number(row.id);
    });
  }
  if (newFolds.length) await insertFolds(tx, newFolds);
  const stored = decisions.filter((d): d is Extract<Decision, { kind: 'stored' }> => d.kind === 'stored');
  if (stored.length && (await insertEvents(tx, subs, stored)) < stored.length) {
    // A detection was received before after all (a retried batch: the first attempt does not look them up, the
    // unique key finds them; or a copy committed while this group looked): written again, looking them up first.
    // Still short after the attempts GroupCommit allows, the error stands (a fold it names would be gone).
    throw new WriteAgain('the group stored fewer detections than it was given: one was received before, or a fold it names is gone');
  }

  const receipts = new Map<number, EventBatchReceipt>();
  for (const i of live) receipts.set(i, { received: subs[i]!.prepared.length, stored: 0, duplicates: 0, ordersCreated: 0, items: new Array(subs[i]!.prepared.length) });
  for (const d of decisions) {
    const r = receipts.get(d.sub)!;
    if (d.kind === 'stored') {
      r.stored++;
      if (d.outcome === 'created') r.ordersCreated++;
      r.items[d.p.idx] = { eventId: d.p.eventId, outcome: d.outcome, detectionId: d.fold ? d.fold.id : null, orderId: d.fold ? d.fold.order_id : null };
    } else {
      r.duplicates++;
      const [detectionId, orderId] = d.kind === 'replay' ? [d.detectionId, d.orderId] : d.of.fold ? [d.of.fold.id, d.of.fold.order_id] : [null, null];
      r.items[d.p.idx] = { eventId: d.p.eventId, outcome: 'duplicate', detectionId, orderId };
    }
  }
  for (const [i, r] of receipts) outcomes[i] = { ok: true, value: r };
  return outcomes;
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

/**
 * In one call (event_fold_reads, migration 0049): the locks; the devices and the event types as they are now
 * (locked against deletion: what a foreign key would check, set-based — migration 0048); the group's detections
 * received before (a replay answers what its first copy came to; looked up only when `probe`); and the folds that
 * may take any of the others — of their types, recent enough, near enough, and not of a closed order (a box per
 * request and type: a request's detections lie near its device; the group's devices may not).
 */
async function lockAndRead(
  tx: Queryable,
  keys: readonly bigint[],
  deviceIds: readonly number[],
  typeCodes: readonly string[],
  subs: readonly Submission[],
  all: readonly { sub: number; p: Prepared }[],
  probe: boolean,
): Promise<{
  locked: DeviceRow[];
  typesNow: Set<string>;
  before: Map<number, Map<string, { fold_id: number | null; order_id: number | null }>>;
  candidates: Map<string, Fold[]>;
}> {
  /** By device, then event id. */
  const before = new Map<number, Map<string, { fold_id: number | null; order_id: number | null }>>();
  const candidates = new Map<string, Fold[]>();
  const lists = new Map<string, Prepared[]>();
  for (const { sub, p } of all) {
    if (!p.folds) continue;
    const k = `${sub} ${p.type.code}`;
    const l = lists.get(k);
    if (l) l.push(p);
    else lists.set(k, [p]);
  }
  const boxes = [...lists.values()].map((list) => {
    const t = list[0]!.type;
    const w = t.fold_window_minutes * 60_000;
    let from = Infinity, to = -Infinity, west = Infinity, east = -Infinity, south = Infinity, north = -Infinity;
    for (const e of list) {
      from = Math.min(from, e.t);
      to = Math.max(to, e.t);
      west = Math.min(west, e.point.lng);
      east = Math.max(east, e.point.lng);
      south = Math.min(south, e.point.lat);
      north = Math.max(north, e.point.lat);
    }
    // The radius around every point: as wide in longitude as it is at the latitude farthest from the equator.
    const far = Math.abs(north) > Math.abs(south) ? north : south;
    const r = boxAround(0, far, t.fold_radius_m);
    const dLng = r.maxLng;
    const dLat = r.maxLat - far;
    return { type: t.code, from: new Date(from - w).toISOString(), to: new Date(to + w).toISOString(), west: west - dLng, east: east + dLng, south: south - dLat, north: north + dLat };
  });
  type Row = {
    kind: 'lock' | 'device' | 'seen' | 'fold';
    device_id: number | null;
    event_id: string | null;
    id: number | null;
    type_code: string | null;
    lng: number | null;
    lat: number | null;
    first_at: Date | null;
    last_at: Date | null;
    status: Fold['status'] | null;
    order_id: number | null;
    device: DeviceRow | null;
    types: string[] | null;
  };
  const r = await tx.query<Row>(
    'select * from event_fold_reads($1::int8[], $2::int[], $3::text[], $4::int[], $5::text[], $6::jsonb)',
    [
      numberArray(keys),
      numberArray(deviceIds),
      textArray(typeCodes),
      probe ? numberArray(all.map((x) => subs[x.sub]!.device.id)) : '{}',
      probe ? textArray(all.map((x) => x.p.eventId)) : '{}',
      JSON.stringify(boxes),
    ],
    { name: 'events-lock-read' },
  );
  const locked: DeviceRow[] = [];
  let typesNow = new Set<string>();
  const seenIds = new Set<string>();
  for (const row of r.rows) {
    if (row.kind === 'lock') {
      typesNow = new Set(row.types ?? []);
      continue;
    }
    if (row.kind === 'device') {
      locked.push(row.device!);
      continue;
    }
    if (row.kind === 'seen') {
      const device = Number(row.device_id);
      let seen = before.get(device);
      if (!seen) before.set(device, (seen = new Map()));
      seen.set(row.event_id!, { fold_id: row.id === null ? null : Number(row.id), order_id: row.order_id === null ? null : Number(row.order_id) });
      continue;
    }
    // A fold near several requests' boxes comes once.
    if (seenIds.has(String(row.id))) continue;
    seenIds.add(String(row.id));
    const list = candidates.get(row.type_code!) ?? [];
    list.push({ id: Number(row.id), type_code: row.type_code!, lng: row.lng!, lat: row.lat!, firstAt: new Date(row.first_at!), lastAt: new Date(row.last_at!), status: row.status!, order_id: row.order_id === null ? null : Number(row.order_id) });
    candidates.set(row.type_code!, list);
  }
  return { locked, typesNow, before, candidates };
}

/**
 * Reads of the reference tables (a category and its conditions) answered once per group: a group's new orders
 * are mostly of a few categories, and each read would otherwise be a round trip of its own.
 */
function memoReads(q: Queryable): Queryable {
  const seen = new Map<string, Promise<unknown>>();
  return {
    exec: (sql) => q.exec(sql),
    query<T>(sql: string, params: readonly unknown[] = [], options?: Parameters<Queryable['query']>[2]) {
      if (!/^\s*select\b/i.test(sql)) return q.query<T>(sql, params, options);
      const key = `${sql}\u0000${JSON.stringify(params)}`;
      let hit = seen.get(key) as ReturnType<Queryable['query']> | undefined;
      if (!hit) seen.set(key, (hit = q.query<T>(sql, params, options)));
      return hit as ReturnType<typeof q.query<T>>;
    },
  };
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
  p: Pick<Prepared, 'eventId' | 'type' | 'point' | 'confidence'>,
  match: TerritoryMatch,
  ref: Awaited<ReturnType<OrderServices['reference']['get']>>,
  ctx: IngestContext,
): Promise<PreparedOrder> {
  const input = { ...deviceOrderInput(device, p.type, p.confidence), location: { lng: p.point.lng, lat: p.point.lat } };
  // The place is known already: the territory is not asked again inside the transaction.
  const services: OrderServices = { ...ctx.services, clock: () => ctx.now, territory: { lookup: async () => match } };
  const idem = { scope: `device:${device.id}`, key: `event:${p.eventId}`, hash: requestHashOf(input) };
  return prepareOrder(tx, deviceActor(device), input, idem, ref, services);
}

/** The group's new folds in one statement; each gets its id (matched back by its type, point, moment and device). */
async function insertFolds(tx: Queryable, folds: readonly NewFold[]): Promise<void> {
  const r = await tx.query<{ id: number; type_code: string; lng: number; lat: number; first_at: Date; first_device_id: number }>(
    `insert into event_folds (type_code, lng, lat, district_code, town_code, village_code, grid_code, first_device_id, first_at, last_at, event_count, max_confidence, status, order_id, created_at)
     select u.type_code, u.lng, u.lat, u.district, u.town, u.village, u.grid, u.device_id, u.at, u.at, 0, 0, u.status, u.order_id, u.created_at
       from unnest($1::text[], $2::float8[], $3::float8[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::timestamptz[], $10::text[], $11::int8[], $12::timestamptz[])
         as u (type_code, lng, lat, district, town, village, grid, device_id, at, status, order_id, created_at)
     returning id, type_code, lng, lat, first_at, first_device_id`,
    [
      folds.map((f) => f.type_code),
      folds.map((f) => f.p.point.lng),
      folds.map((f) => f.p.point.lat),
      folds.map((f) => f.match?.districtCode ?? f.sub.device.district_code),
      folds.map((f) => f.match?.townCode ?? f.sub.device.town_code),
      folds.map((f) => f.match?.villageCode ?? f.sub.device.village_code),
      folds.map((f) => f.p.gridCode),
      folds.map((f) => f.sub.device.id),
      folds.map((f) => f.p.at.toISOString()),
      folds.map((f) => f.status),
      folds.map((f) => (f.order_id === null ? null : String(f.order_id))),
      folds.map((f) => f.sub.ctx.now.toISOString()),
    ],
  );
  // Two new folds never share all four: a detection of the same type at the same point and moment joins the first.
  const key = (type: string, lng: number, lat: number, at: Date, device: number) => `${type} ${lng} ${lat} ${at.getTime()} ${device}`;
  const made = new Map(r.rows.map((row) => [key(row.type_code, row.lng, row.lat, new Date(row.first_at), Number(row.first_device_id)), Number(row.id)]));
  for (const f of folds) {
    const id = made.get(key(f.type_code, f.p.point.lng, f.p.point.lat, f.p.at, f.sub.device.id));
    if (id === undefined) throw new Error(`the fold of event ${f.p.eventId} was not inserted`);
    f.id = id;
  }
}

/**
 * The group's new detections in one statement, and the counts, spans and highest confidences of the folds they
 * join (worked out here: under the fold locks, the group knows every detection its folds take). A detection is
 * stored only if every fold it names was there to move; the answer is how many were stored (fewer: one was
 * received before, by its unique key).
 */
async function insertEvents(tx: Queryable, subs: readonly Submission[], stored: readonly { sub: number; p: Prepared; fold: Fold | null }[]): Promise<number> {
  const folds = new Map<number, { n: number; first: number; last: number; conf: number }>();
  for (const { p, fold } of stored) {
    if (!fold) continue;
    const t = p.t;
    const f = folds.get(fold.id);
    if (!f) folds.set(fold.id, { n: 1, first: t, last: t, conf: p.confidence });
    else {
      f.n++;
      if (t < f.first) f.first = t;
      if (t > f.last) f.last = t;
      if (p.confidence > f.conf) f.conf = p.confidence;
    }
  }
  const moved = [...folds];
  // What detections share — their request (device, arrival), type, grid and fold — sent once per kind, each
  // detection naming its kind: per detection only what is its own (a camera's batch is a few kinds).
  const kindOf = new Map<Point, Map<string, Map<number | null, number>>>();
  const kinds: { sub: number; type: string; grid: string | null; fold: number | null }[] = [];
  const kindIds = stored.map(({ sub, p, fold }) => {
    let byType = kindOf.get(p.point);
    if (!byType) kindOf.set(p.point, (byType = new Map()));
    let byFold = byType.get(p.type.code);
    if (!byFold) byType.set(p.type.code, (byFold = new Map()));
    const foldId = fold ? fold.id : null;
    let k = byFold.get(foldId);
    if (k === undefined) {
      kinds.push({ sub, type: p.type.code, grid: p.gridCode, fold: foldId });
      byFold.set(foldId, (k = kinds.length));
    }
    return k;
  });
  const r = await tx.query(
    `with moved as (
       update event_folds f set event_count = f.event_count + u.n, first_at = least(f.first_at, to_timestamp(u.first_ms / 1000)), last_at = greatest(f.last_at, to_timestamp(u.last_ms / 1000)),
              max_confidence = greatest(f.max_confidence, u.conf)
         from unnest($1::int8[], $2::int[], $3::float8[], $4::float8[], $5::real[]) as u (id, n, first_ms, last_ms, conf)
        where f.id = u.id
       returning 1
     )
     insert into device_events (device_id, event_id, type_code, detected_at, lng, lat, grid_code, confidence, snapshot, fold_id, received_at)
     select k.device_id, u.event_id, k.type_code, to_timestamp(u.at / 1000), u.lng, u.lat, k.grid, u.confidence, u.snapshot, k.fold_id, to_timestamp(k.received_at / 1000)
       from unnest($7::int[], $8::text[], $9::float8[], $10::float8[], $11::float8[], $12::real[], $13::text[]) as u (kind, event_id, at, lng, lat, confidence, snapshot)
       join unnest($14::int[], $15::text[], $16::text[], $17::int8[], $18::float8[]) with ordinality as k (device_id, type_code, grid, fold_id, received_at, n) on k.n = u.kind
      where (select count(*) from moved) = $6
     on conflict (device_id, event_id) do nothing`,
    // Literals built in one pass, times as milliseconds since the epoch (array-literal.ts); the snapshots only when
    // there are any (unnest pads a shorter array with nulls).
    [
      numberArray(moved.map(([id]) => id)),
      numberArray(moved.map(([, f]) => f.n)),
      numberArray(moved.map(([, f]) => f.first)),
      numberArray(moved.map(([, f]) => f.last)),
      numberArray(moved.map(([, f]) => f.conf)),
      moved.length,
      numberArray(kindIds),
      textArray(stored.map((d) => d.p.eventId)),
      numberArray(stored.map((d) => d.p.t)),
      numberArray(stored.map((d) => d.p.point.lng)),
      numberArray(stored.map((d) => d.p.point.lat)),
      numberArray(stored.map((d) => d.p.confidence)),
      stored.some((d) => d.p.snapshot !== null) ? textArray(stored.map((d) => d.p.snapshot)) : '{}',
      numberArray(kinds.map((k) => subs[k.sub]!.device.id)),
      textArray(kinds.map((k) => k.type)),
      textArray(kinds.map((k) => k.grid)),
      numberArray(kinds.map((k) => k.fold)),
      numberArray(kinds.map((k) => subs[k.sub]!.ctx.now.getTime())),
    ],
    { name: 'events-insert' },
  );
  return r.rowCount ?? 0;
}
