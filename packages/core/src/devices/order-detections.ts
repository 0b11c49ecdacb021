/**
 * 关联事件: the detections a work order was made from — its fold's figures (count, first and last moment, highest
 * confidence), the devices that saw it and a page of the detections themselves, newest first, each with its
 * snapshot. Whoever may read the order may read them, and nobody else: the order is reached exactly as
 * GET /api/v1/orders/:id reaches it (404 when it is not his to see). Their snapshots are readable to the same
 * readers (detection-scope.ts).
 */
import type { Queryable } from '@liandong/db';
import type { DeviceKind, OrderDetections } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { findVisibleOrder, orderIdOf } from '../orders/order-access.ts';
import { pageWindow, type Paging } from '../shared/paging.ts';
import { iso } from '../shared/wire.ts';
import { snapshotId } from './detection-scope.ts';
import { FOLD_SELECT, foldView, type FoldRow } from './review-detections.ts';

interface EventRow {
  id: number;
  event_id: string;
  device_code: string;
  device_name: string;
  detected_at: Date;
  received_at: Date;
  lng: number;
  lat: number;
  grid_code: string | null;
  confidence: number;
  snapshot: string | null;
}

export async function listOrderDetections(q: Queryable, actor: Actor, ref: number | string, paging: Paging, lang: 'zh' | 'en'): Promise<OrderDetections> {
  const orderId = await orderIdOf(q, ref);
  await findVisibleOrder(q, actor, orderId);
  const params: unknown[] = [orderId];
  const w = pageWindow(paging, params);
  const fold = (await q.query<FoldRow>(`${FOLD_SELECT} where f.order_id = $1`, [orderId])).rows[0];
  if (!fold) return { detection: null, devices: [], total: 0, page: w.page, pageSize: w.pageSize, items: [] };
  params[0] = fold.id;
  const [devices, events] = await Promise.all([
    q.query<{ code: string; name: string; kind: DeviceKind; n: number }>(
      `select d.code, d.name, d.kind, c.n from (select device_id, count(*)::int as n from device_events where fold_id = $1 group by device_id) c
         join devices d on d.id = c.device_id order by c.n desc, d.code`,
      [fold.id],
    ),
    q.query<EventRow>(
      `select e.id, e.event_id, d.code as device_code, d.name as device_name, e.detected_at, e.received_at, e.lng, e.lat, e.grid_code, e.confidence, e.snapshot
         from device_events e join devices d on d.id = e.device_id
        where e.fold_id = $1 order by e.detected_at desc, e.id desc ${w.sql}`,
      params,
    ),
  ]);
  return {
    detection: foldView(fold, lang),
    devices: devices.rows.map((d) => ({ code: d.code, name: d.name, kind: d.kind, count: d.n })),
    total: fold.event_count,
    page: w.page,
    pageSize: w.pageSize,
    items: events.rows.map((e) => ({
      id: Number(e.id),
      eventId: e.event_id,
      device: { code: e.device_code, name: e.device_name },
      detectedAt: iso(e.detected_at),
      receivedAt: iso(e.received_at),
      location: { lng: e.lng, lat: e.lat },
      gridCode: e.grid_code,
      confidence: Number(e.confidence),
      snapshot: snapshotId(e.snapshot),
    })),
  };
}
