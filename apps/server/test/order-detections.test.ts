/**
 * 天网 in the console's hands: a device's signed snapshot; detections waiting for review with their snapshot,
 * seen by reviewers of their area only; an order's detections (关联事件: GET /api/v1/orders/:id/detections) with
 * their count, span, devices and snapshots, paged through a fold of over a thousand, for exactly those who may
 * read the order; a device's last detection; named snapshots kept from the sweep of unattached files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeUnattachedFiles } from '@liandong/core/files/purge-unattached-files.ts';
import { pointInGrid, startTestServer, type Client, type TestServer } from './harness.ts';
import { orderIn } from './order-fixtures.ts';
import { cameraJpeg, detection, postSigned, registerDevice, secondsAgo, uploadSnapshot, type TestDevice } from './device-fixtures.ts';

let s: TestServer;
let admin: Client;
let operator: Client;
/** A basic grid of each of two towns, and the dispatcher of each town (area: his town). */
let towns: { grid: string; town: string; dispatcher: string }[];

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.as('admin');
  operator = await s.as('zx_operator');
  const r = await s.platform.db.query<{ grid: string; town: string; dispatcher: string }>(
    `select distinct on (g.town_code) g.code as grid, g.town_code as town, u.username as dispatcher
       from grids g join user_scopes us on us.area_code = g.town_code join users u on u.id = us.user_id join user_roles ur on ur.user_id = u.id and ur.role = 'dispatcher'
      where g.kind = 'basic' and g.code like '%-%' order by g.town_code, g.code limit 2`,
  );
  towns = r.rows;
  expect(towns).toHaveLength(2);
}, 120_000);

afterAll(async () => {
  await s?.close();
});

const fileCount = async () => (await s.platform.db.query<{ n: number }>('select count(*)::int as n from files')).rows[0]!.n;
const readFile = async (username: string, id: string, variant = 'thumb') => (await (await s.as(username)).request('GET', `/api/v1/files/${id}?variant=${variant}`)).status;
const detectionsOf = (c: Client, ref: number | string, query = '') => c.request('GET', `/api/v1/orders/${ref}/detections${query}`);

async function camera(townIndex: number): Promise<TestDevice> {
  return registerDevice(admin, await pointInGrid(s, towns[townIndex]!.grid));
}

describe('snapshots and an order’s detections (关联事件)', () => {
  it('takes a device’s snapshot signed over its SHA-256; a wrong signature, an unknown device or bytes that are no photo store nothing', async () => {
    const d = await camera(0);
    const jpeg = await cameraJpeg();
    const before = await fileCount();
    const forged = await uploadSnapshot(s, d, jpeg, 'image/jpeg', { 'x-device-id': d.code, 'x-timestamp': String(Math.floor(Date.now() / 1000)), 'x-signature': 'ab'.repeat(32) });
    expect(forged.status).toBe(401);
    expect(forged.body.error).toMatchObject({ code: 'bad_signature', field: 'X-Signature' });
    const stranger = await uploadSnapshot(s, { ...d, code: 'NO-SUCH-CAM' }, jpeg);
    expect(stranger.status).toBe(401);
    const page = await uploadSnapshot(s, d, Buffer.from('<html><body>not a photo</body></html>'), 'image/jpeg');
    expect(page.status).toBe(400);
    expect(page.body.error.field).toBe('body');
    expect(await fileCount()).toBe(before);
    const ok = await uploadSnapshot(s, d, jpeg);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ contentType: 'image/jpeg', width: 640, height: 360 });
    expect(await fileCount()).toBe(before + 1);
    // Nobody reads a snapshot no detection names, not even an administrator.
    expect(await readFile('admin', ok.body.id)).toBe(404);
  });

  it('shows a waiting detection’s snapshot to reviewers of its area only; confirmed, its order lists its detections to the order’s readers only', async () => {
    const d = await camera(0);
    const snap = (await uploadSnapshot(s, d, await cameraJpeg('#2f5d8a'))).body.id as string;
    const later = (await uploadSnapshot(s, d, await cameraJpeg('#8a2f2f'))).body.id as string;
    const first = await postSigned(s, '/api/v1/events', d, { device: d.code, ...detection('pond-a', { type: 'road_ponding', confidence: 0.7, snapshot: snap, detectedAt: secondsAgo(30) }) });
    expect(first.body).toMatchObject({ outcome: 'review', orderId: null });
    // The device may write the id in capitals, as a URN: it is the same file.
    const second = await postSigned(s, '/api/v1/events', d, { device: d.code, ...detection('pond-b', { type: 'road_ponding', confidence: 0.9, snapshot: `urn:uuid:${later.toUpperCase()}`, detectedAt: secondsAgo(10) }) });
    expect(second.body.detectionId).toBe(first.body.detectionId);

    const queue = await operator.get('/api/v1/event-detections');
    const waiting = queue.body.items.find((i) => i.id === first.body.detectionId)!;
    expect(waiting).toMatchObject({ status: 'pending', eventCount: 2, snapshot: later, type: { code: 'road_ponding', name: '道路积水' } });
    const english = await (await s.as('zx_operator', 'en')).get('/api/v1/event-detections');
    expect(english.body.items.find((i) => i.id === first.body.detectionId)!.type.name).toBe('Water on the road');
    // Reviewers: the district's operator and the town's dispatcher read it; another town's dispatcher, a grid
    // worker elsewhere and an administrator (who reviews nothing) do not, and the other town's queue does not show it.
    expect(await readFile('zx_operator', later)).toBe(200);
    expect(await readFile(towns[0]!.dispatcher, snap)).toBe(200);
    expect(await readFile(towns[1]!.dispatcher, snap)).toBe(404);
    expect(await readFile('admin', snap)).toBe(404);
    const otherQueue = await (await s.as(towns[1]!.dispatcher)).get('/api/v1/event-detections');
    expect(otherQueue.body.items.map((i) => i.id)).not.toContain(first.body.detectionId);

    const confirmed = await operator.post(`/api/v1/event-detections/${first.body.detectionId}/confirm` as '/api/v1/event-detections/1/confirm');
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const orderId = confirmed.body.orderId!;
    const third = await postSigned(s, '/api/v1/events', d, { device: d.code, ...detection('pond-c', { type: 'road_ponding', confidence: 0.8, detectedAt: secondsAgo(1) }) });
    expect(third.body).toMatchObject({ outcome: 'folded', orderId });

    const r = await detectionsOf(operator, orderId);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.detection).toMatchObject({ id: first.body.detectionId, status: 'order', orderId, eventCount: 3, device: { code: d.code } });
    expect(r.body.devices).toEqual([{ code: d.code, name: expect.any(String), kind: 'camera', count: 3 }]);
    expect(r.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(r.body.items.map((i: { eventId: string }) => i.eventId)).toEqual(['pond-c', 'pond-b', 'pond-a']);
    expect(r.body.items.map((i: { snapshot: string | null }) => i.snapshot)).toEqual([null, later, snap]);
    expect(r.body.items[2].confidence).toBeCloseTo(0.7);
    expect(new Date(r.body.detection.firstAt).getTime()).toBeLessThan(new Date(r.body.detection.lastAt).getTime());
    // By the order's number as well as its id.
    const code = (await operator.get(`/api/v1/orders/${orderId}` as '/api/v1/orders/1')).body.code;
    expect((await detectionsOf(operator, code)).body.total).toBe(3);

    // Exactly the order's readers: the town's dispatcher (its area) and an administrator read the order, its
    // detections and snapshots; another town's dispatcher, an unrelated department and a citizen get 404 for all.
    for (const reader of [towns[0]!.dispatcher, 'admin']) {
      expect((await (await s.as(reader)).get(`/api/v1/orders/${orderId}` as '/api/v1/orders/1')).status).toBe(200);
      expect((await detectionsOf(await s.as(reader), orderId)).status).toBe(200);
      expect(await readFile(reader, snap)).toBe(200);
    }
    const handler = (await s.platform.db.query<{ username: string }>(`select username from users where username like '%\\_handler' and username not like '%station%' order by username limit 1`)).rows[0]!.username;
    for (const outsider of [towns[1]!.dispatcher, handler, 'citizen']) {
      const order = await (await s.as(outsider)).get(`/api/v1/orders/${orderId}` as '/api/v1/orders/1');
      const listed = await detectionsOf(await s.as(outsider), orderId);
      expect(order.status, outsider).toBe(404);
      expect(listed.status, outsider).toBe(404);
      expect(listed.body.error.code).toBe('not_found');
      expect(await readFile(outsider, snap, 'original'), outsider).toBe(404);
    }
  });

  it('pages through a fold of 1,200 detections newest first, each once, with its count and span', async () => {
    const d = await camera(1);
    const start = Date.now() - 25 * 60_000;
    const events = Array.from({ length: 1200 }, (_, i) => ({ eventId: `many-${i}`, type: 'illegal_parking', detectedAt: new Date(start + i * 1000).toISOString(), confidence: 0.9 }));
    for (const part of [events.slice(0, 600), events.slice(600)]) {
      const r = await postSigned(s, '/api/v1/events/batch', d, { device: d.code, events: part });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    }
    const orderId = (await s.platform.db.query<{ order_id: number }>('select order_id from event_folds where first_device_id = $1', [d.id])).rows[0]!.order_id;
    const seen: string[] = [];
    let last = Infinity;
    for (let page = 1; page <= 7; page++) {
      const r = await detectionsOf(operator, Number(orderId), `?page=${page}&pageSize=200`);
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(1200);
      expect(r.body.items).toHaveLength(page <= 6 ? 200 : 0);
      for (const item of r.body.items as { eventId: string; detectedAt: string }[]) {
        const t = new Date(item.detectedAt).getTime();
        expect(t).toBeLessThanOrEqual(last);
        last = t;
        seen.push(item.eventId);
      }
    }
    expect(new Set(seen).size).toBe(1200);
    const first = (await detectionsOf(operator, Number(orderId), '?pageSize=1')).body;
    expect(first.detection).toMatchObject({ eventCount: 1200, firstAt: events[0]!.detectedAt, lastAt: events[1199]!.detectedAt });
    expect(first.devices).toEqual([expect.objectContaining({ code: d.code, count: 1200 })]);
  });

  it('answers no detections for an order not made from them, and refuses a bad id or page naming the field', async () => {
    const any = await orderIn(s, 'pending_dispatch');
    const none = await detectionsOf(operator, Number(any.id));
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ detection: null, devices: [], total: 0, page: 1, pageSize: 20, items: [] });
    for (const [path, field] of [['/api/v1/orders/abc/detections', 'id'], ['/api/v1/orders/0/detections', 'id'], [`/api/v1/orders/${any.id}/detections?pageSize=0`, 'pageSize'], [`/api/v1/orders/${any.id}/detections?page=x`, 'page']]) {
      const zh = await operator.request('GET', path!);
      expect(zh.status, path).toBe(400);
      expect(zh.body.error.field, path).toBe(field);
      const en = await (await s.as('zx_operator', 'en')).request('GET', path!);
      expect(en.body.error.message, path).toMatch(/[A-Za-z]/);
    }
    expect((await detectionsOf(operator, 99_999_999)).status).toBe(404);
    expect((await s.anonymous.request('GET', `/api/v1/orders/${any.id}/detections`)).status).toBe(401);
  });

  it('lists each device with its last detection', async () => {
    const quiet = await camera(0);
    const busy = await camera(0);
    const at = secondsAgo(120);
    await postSigned(s, '/api/v1/events/batch', busy, { device: busy.code, events: [detection('l-1', { detectedAt: secondsAgo(600), confidence: 0.3 }), detection('l-2', { detectedAt: at, confidence: 0.2 })] });
    const list = await admin.get(`/api/v1/admin/devices?q=${encodeURIComponent(`CAM-${process.pid}`)}&pageSize=200` as '/api/v1/admin/devices');
    const byCode = new Map(list.body.items.map((i) => [i.code, i]));
    expect(byCode.get(busy.code)!.lastDetectionAt).toBe(at);
    expect(byCode.get(quiet.code)!.lastDetectionAt).toBeNull();
    const renamed = await admin.patch(`/api/v1/admin/devices/${busy.id}` as '/api/v1/admin/devices/1', { name: '改名的摄像头' });
    expect(renamed.body.lastDetectionAt).toBe(at);
  });

  it('keeps a snapshot a detection names from the sweep of unattached files, and sweeps one never named', async () => {
    const d = await camera(0);
    const named = (await uploadSnapshot(s, d, await cameraJpeg('#225522'))).body.id as string;
    const unnamed = (await uploadSnapshot(s, d, await cameraJpeg('#552222'))).body.id as string;
    await postSigned(s, '/api/v1/events', d, { device: d.code, ...detection('kept-1', { confidence: 0.1, snapshot: named }) });
    await purgeUnattachedFiles(s.platform.db, new Date(Date.now() + 2 * 86_400_000), undefined, s.platform.files);
    const left = await s.platform.db.query<{ public_id: string }>('select public_id::text from files where public_id = any($1::uuid[])', [[named, unnamed]]);
    expect(left.rows.map((r) => r.public_id)).toEqual([named]);
  });
});
