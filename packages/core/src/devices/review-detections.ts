/**
 * 待审核: detections of a type under review wait, folded by spot, for an operator of their area. Confirmed, the
 * fold becomes a work order (channel `video`, registered by the operator) and every detection of it, earlier and
 * later, counts for that order; dismissed, it makes none, and detections of the spot within the window join it
 * quietly.
 */
import type { Db, Queryable } from '@liandong/db';
import type { DetectionView } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { notFound, unprocessable, wrongState } from '../shared/errors.ts';
import { pageWindow, type Paging } from '../shared/paging.ts';
import { iso, isoOrNull } from '../shared/wire.ts';
import { idempotencyScope, requestHashOf } from '../orders/idempotency.ts';
import { prepareOrder } from '../orders/intake/prepare-order.ts';
import { insertOrders } from '../orders/intake/insert-orders.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { deviceOrderInput } from './ingest-events.ts';
import type { EventTypeRow } from './manage-devices.ts';
import { foldAreaSql, snapshotId } from './detection-scope.ts';

export interface FoldRow {
  id: number;
  type_code: string;
  type_name: string;
  type_name_en: string;
  status: DetectionView['status'];
  lng: number;
  lat: number;
  grid_code: string | null;
  town_code: string | null;
  device_code: string;
  device_name: string;
  first_at: Date;
  last_at: Date;
  event_count: number;
  max_confidence: number;
  order_id: number | null;
  reviewed_at: Date | null;
  snapshot: string | null;
  place: string;
}

/** A fold with its type, its first device, its place by name and the snapshot of its latest detection that has one. */
export const FOLD_SELECT = `select f.id, f.type_code, t.name_zh as type_name, t.name_en as type_name_en, f.status, f.lng, f.lat, f.grid_code, f.town_code,
  d.code as device_code, d.name as device_name, f.first_at, f.last_at, f.event_count, f.max_confidence, f.order_id, f.reviewed_at,
  (select e.snapshot from device_events e where e.fold_id = f.id and e.snapshot is not null order by e.detected_at desc, e.id desc limit 1) as snapshot,
  concat_ws(' / ', (select name from divisions where code = f.town_code), (select name from divisions where code = f.village_code), (select name from grids where code = f.grid_code)) as place
  from event_folds f join event_types t on t.code = f.type_code join devices d on d.id = f.first_device_id`;

export function foldView(r: FoldRow, lang: 'zh' | 'en' = 'zh'): DetectionView {
  return {
    id: Number(r.id),
    type: { code: r.type_code, name: lang === 'en' ? r.type_name_en : r.type_name },
    status: r.status,
    location: { lng: r.lng, lat: r.lat },
    gridCode: r.grid_code,
    townCode: r.town_code,
    place: r.place,
    device: { code: r.device_code, name: r.device_name },
    firstAt: iso(r.first_at),
    lastAt: iso(r.last_at),
    eventCount: r.event_count,
    maxConfidence: Number(r.max_confidence),
    orderId: r.order_id === null ? null : Number(r.order_id),
    reviewedAt: isoOrNull(r.reviewed_at),
    snapshot: snapshotId(r.snapshot),
  };
}

export async function listDetections(q: Queryable, actor: Actor, f: Paging & { status?: DetectionView['status'] }, lang: 'zh' | 'en' = 'zh') {
  assertMay(actor, 'events.review');
  const params: unknown[] = [actor.areaCodes, f.status ?? 'pending'];
  const where = `where ${foldAreaSql(1)} and f.status = $2 and t.review`;
  const total = await q.query<{ n: number }>(`select count(*)::int as n from event_folds f join event_types t on t.code = f.type_code ${where}`, params);
  const w = pageWindow(f, params);
  const r = await q.query<FoldRow>(`${FOLD_SELECT} ${where} order by f.created_at desc, f.id desc ${w.sql}`, params);
  return { total: total.rows[0]!.n, page: w.page, pageSize: w.pageSize, items: r.rows.map((x) => foldView(x, lang)) };
}

async function visibleFold(q: Queryable, actor: Actor, id: number, lock = false): Promise<FoldRow> {
  const r = await q.query<FoldRow>(`${FOLD_SELECT} where f.id = $1 and ${foldAreaSql(2)} and t.review${lock ? ' for update of f' : ''}`, [id, actor.areaCodes]);
  if (!r.rows[0]) throw notFound({ zh: '识别事件', en: 'Detection' });
  return r.rows[0];
}

const notPending = () => wrongState('该识别事件已审核', 'This detection was reviewed already');

export async function confirmDetection(db: Db, actor: Actor, id: number, ctx: { now: Date; services: OrderServices; lang?: 'zh' | 'en' }): Promise<DetectionView> {
  assertMay(actor, 'events.review');
  const fold = await visibleFold(db, actor, id);
  if (fold.status !== 'pending') throw notPending();
  const match = await ctx.services.territory.lookup(fold.lng, fold.lat);
  if (!match.basicGrid) throw unprocessable('location', '位置不在本辖区的网格内', 'The location is not inside any grid of this territory');
  const ref = await ctx.services.reference.get(db);
  await ctx.services.calendar(db);
  return db.transaction(async (tx) => {
    const locked = await visibleFold(tx, actor, id, true);
    if (locked.status !== 'pending') throw notPending();
    const t = await tx.query<EventTypeRow>('select * from event_types where code = $1', [locked.type_code]);
    const input = { ...deviceOrderInput({ code: locked.device_code, name: locked.device_name }, t.rows[0]!, Number(locked.max_confidence)), location: { lng: locked.lng, lat: locked.lat } };
    const services: OrderServices = { ...ctx.services, clock: () => ctx.now, territory: { lookup: async () => match } };
    const prepared = await prepareOrder(tx, actor, input, { scope: idempotencyScope(actor), key: `detection:${id}`, hash: requestHashOf(input) }, ref, services);
    const [order] = await insertOrders(tx, [prepared]);
    if (!order) throw notPending();
    await tx.query(`update event_folds set status = 'order', order_id = $2, reviewed_by = $3, reviewed_at = $4 where id = $1`, [id, order.id, actor.userId || null, ctx.now]);
    return foldView(await visibleFold(tx, actor, id), ctx.lang);
  });
}

export async function dismissDetection(db: Db, actor: Actor, id: number, now: Date, lang: 'zh' | 'en' = 'zh'): Promise<DetectionView> {
  assertMay(actor, 'events.review');
  return db.transaction(async (tx) => {
    const fold = await visibleFold(tx, actor, id, true);
    if (fold.status !== 'pending') throw notPending();
    await tx.query(`update event_folds set status = 'dismissed', reviewed_by = $2, reviewed_at = $3 where id = $1`, [id, actor.userId || null, now]);
    return foldView({ ...fold, status: 'dismissed', reviewed_at: now }, lang);
  });
}
