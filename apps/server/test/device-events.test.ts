/**
 * 天网: devices registered by an administrator post signed detections; detections of one spot fold into one order;
 * replays, bad signatures, stale timestamps, devices out of their area and deactivated devices are refused or ignored;
 * a type under review waits for an operator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid, startTestServer, type Client, type TestServer } from './harness.ts';
import { detection, oneGridPerTown, postSigned, registerDevice, signHeaders, type TestDevice } from './device-fixtures.ts';

let s: TestServer;
let admin: Client;
/** Basic grids of two different towns. */
let grids: { code: string; town: string }[];

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.as('admin');
  grids = await oneGridPerTown(s);
}, 120_000);

afterAll(async () => {
  await s?.close();
});

async function register(gridIndex: number, at?: { lng: number; lat: number }): Promise<TestDevice> {
  return registerDevice(admin, at ?? (await pointInGrid(s, grids[gridIndex]!.code)));
}

const post = (path: '/api/v1/events' | '/api/v1/events/batch', d: TestDevice, body: unknown, headers?: Record<string, string>) => postSigned(s, path, d, body, headers);
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** A point `m` metres east of `p`. */
const east = (p: { lng: number; lat: number }, m: number) => ({ lng: p.lng + m / (111_320 * Math.cos((p.lat * Math.PI) / 180)), lat: p.lat });

async function stored(d: TestDevice): Promise<number> {
  const r = await s.platform.db.query<{ n: number }>('select count(*)::int as n from device_events where device_id = $1', [d.id]);
  return r.rows[0]!.n;
}

describe('video and IoT events', () => {
  it('folds 1,000 detections of one spot within ten minutes, in batches, singly and at once, into exactly one order', async () => {
    const d = await register(0);
    const start = Date.now() - 11 * 60_000;
    const events = Array.from({ length: 1000 }, (_, i) => ({
      eventId: `spot-${i}`,
      type: 'illegal_parking',
      detectedAt: new Date(start + i * 600).toISOString(),
      location: east(d.location, (i % 7) * 3),
      confidence: 0.85 + (i % 10) / 100,
    }));
    const batches = [events.slice(0, 300), events.slice(300, 600), events.slice(600, 900)];
    const singles = events.slice(900);
    const answers = await Promise.all([
      ...batches.map((b) => post('/api/v1/events/batch', d, { device: d.code, events: b })),
      ...singles.map((e) => post('/api/v1/events', d, { device: d.code, ...e })),
    ]);
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    const receipts = [...answers.slice(0, 3).flatMap((a) => a.body.items), ...answers.slice(3).map((a) => a.body)];
    expect(receipts.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(receipts.filter((r) => r.outcome === 'folded')).toHaveLength(999);
    const orderIds = new Set(receipts.map((r) => r.orderId));
    expect(orderIds.size).toBe(1);
    const orderId = [...orderIds][0] as number;
    const folds = await s.platform.db.query<{ order_id: number; event_count: number; linked: number }>(
      `select f.order_id, f.event_count, (select count(*)::int from device_events e where e.fold_id = f.id) as linked
         from event_folds f where f.first_device_id = $1`,
      [d.id],
    );
    expect(folds.rows).toHaveLength(1);
    expect(Number(folds.rows[0]!.order_id)).toBe(orderId);
    expect(folds.rows[0]!.event_count).toBe(1000);
    expect(folds.rows[0]!.linked).toBe(1000);
    const order = await (await s.as('zx_operator')).get(`/api/v1/orders/${orderId}` as '/api/v1/orders/1');
    expect(order.status).toBe(200);
    expect(order.body.channel.code).toBe('video');
    expect(order.body.timeline).toHaveLength(1);
  }, 120_000);

  it('refuses a bad signature and stores nothing', async () => {
    const d = await register(0);
    const raw = JSON.stringify({ device: d.code, ...detection('bad-1') });
    const r = await s.anonymous.request('POST', '/api/v1/events', raw, signHeaders({ code: d.code, secret: 'f'.repeat(64) }, raw));
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('bad_signature');
    expect(r.body.error.field).toBe('X-Signature');
    // The body changed after signing is refused as well.
    const headers = signHeaders(d, raw);
    const tampered = await s.anonymous.request('POST', '/api/v1/events', raw.replace('0.93', '0.99'), headers);
    expect(tampered.status).toBe(401);
    const en = await new (s.anonymous.constructor as typeof Client)(s.base, undefined, 'en').request('POST', '/api/v1/events', raw, { ...headers, 'x-signature': '00' });
    expect(en.body.error.message).toContain('X-Signature');
    expect(await stored(d)).toBe(0);
  });

  it('refuses a stale or far-future timestamp and stores nothing', async () => {
    const d = await register(0);
    const raw = JSON.stringify({ device: d.code, ...detection('stale-1') });
    const stale = await s.anonymous.request('POST', '/api/v1/events', raw, signHeaders(d, raw, String(Math.floor(Date.now() / 1000) - 600)));
    expect(stale.status).toBe(401);
    expect(stale.body.error).toMatchObject({ code: 'stale_request', field: 'X-Timestamp' });
    const future = await s.anonymous.request('POST', '/api/v1/events', raw, signHeaders(d, raw, new Date(Date.now() + 10 * 60_000).toISOString()));
    expect(future.status).toBe(401);
    const rfc = await s.anonymous.request('POST', '/api/v1/events', raw, signHeaders(d, raw, new Date().toISOString()));
    expect(rfc.status).toBe(200);
    expect(await stored(d)).toBe(1);
  });

  it('ignores a replayed event: answered as received, stored once', async () => {
    const d = await register(0);
    const body = { device: d.code, ...detection('replay-1', { type: 'garbage_overflow' }) };
    const first = await post('/api/v1/events', d, body);
    expect(first.status).toBe(200);
    expect(first.body.outcome).toBe('created');
    const again = await post('/api/v1/events', d, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'duplicate', orderId: first.body.orderId, detectionId: first.body.detectionId });
    const batch = await post('/api/v1/events/batch', d, { device: d.code, events: [body, body].map(({ device: _d, ...e }) => e) });
    expect(batch.body).toMatchObject({ received: 2, stored: 0, duplicates: 2 });
    expect(await stored(d)).toBe(1);
  });

  it('refuses a lone surrogate escaped in a batch, naming the detection', async () => {
    const d = await register(0);
    // JSON.stringify writes a lone surrogate as the escape \ud800: the text shows one, so every string is walked.
    const bad = await post('/api/v1/events/batch', d, { device: d.code, events: [detection('lone-1'), detection('lone-\ud800')] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_field', field: 'events.1.eventId' });
    expect(await stored(d)).toBe(0);
  });

  it('makes two orders of two spots 300 m apart, and none of a detection below the threshold', async () => {
    const d = await register(1);
    let other = east(d.location, 300);
    if ((await s.platform.territory.lookup(other.lng, other.lat)).townCode !== grids[1]!.town) other = east(d.location, -300);
    const r = await post('/api/v1/events/batch', d, {
      device: d.code,
      events: [detection('a-1'), detection('b-1', { location: other }), detection('a-2', { detectedAt: ago(500) }), detection('b-2', { location: east(other, 5), detectedAt: ago(500) }), detection('low-1', { confidence: 0.5, location: east(d.location, 500) })],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['created', 'created', 'folded', 'folded', 'below_threshold']);
    expect(r.body.ordersCreated).toBe(2);
    expect(r.body.items[2].orderId).toBe(r.body.items[0].orderId);
    expect(r.body.items[3].orderId).toBe(r.body.items[1].orderId);
    expect(r.body.items[4]).toMatchObject({ orderId: null, detectionId: null });
    expect(await stored(d)).toBe(5);
  });

  it('keeps a review type waiting for an operator of the area; confirmed, it becomes an order that later detections join', async () => {
    const d = await register(2);
    const first = await post('/api/v1/events', d, { device: d.code, ...detection('pond-1', { type: 'road_ponding', confidence: 0.7 }) });
    expect(first.body).toMatchObject({ outcome: 'review', orderId: null });
    const second = await post('/api/v1/events', d, { device: d.code, ...detection('pond-2', { type: 'road_ponding', confidence: 0.9 }) });
    expect(second.body).toMatchObject({ outcome: 'review', detectionId: first.body.detectionId });
    const operator = await s.as('zx_operator');
    const list = await operator.get('/api/v1/event-detections');
    expect(list.status).toBe(200);
    const waiting = list.body.items.find((i) => i.id === first.body.detectionId);
    expect(waiting).toMatchObject({ status: 'pending', eventCount: 2, device: { code: d.code } });
    // A grid worker may not review; an operator of the district confirms.
    expect((await (await s.as('admin')).post(`/api/v1/event-detections/${first.body.detectionId}/confirm` as '/api/v1/event-detections/1/confirm')).status).toBe(403);
    const confirmed = await operator.post(`/api/v1/event-detections/${first.body.detectionId}/confirm` as '/api/v1/event-detections/1/confirm');
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('order');
    expect(confirmed.body.orderId).toBeGreaterThan(0);
    const again = await operator.post(`/api/v1/event-detections/${first.body.detectionId}/confirm` as '/api/v1/event-detections/1/confirm');
    expect(again.status).toBe(409);
    const later = await post('/api/v1/events', d, { device: d.code, ...detection('pond-3', { type: 'road_ponding', confidence: 0.8 }) });
    expect(later.body).toMatchObject({ outcome: 'folded', orderId: confirmed.body.orderId });
    const order = await operator.get(`/api/v1/orders/${confirmed.body.orderId}` as '/api/v1/orders/1');
    expect(order.body.channel.code).toBe('video');
  });

  it('lets an operator dismiss a waiting detection; the spot’s later detections join it quietly', async () => {
    const d = await register(3);
    const first = await post('/api/v1/events', d, { device: d.code, ...detection('dis-1', { type: 'road_ponding' }) });
    const operator = await s.as('zx_operator');
    const dismissed = await operator.post(`/api/v1/event-detections/${first.body.detectionId}/dismiss` as '/api/v1/event-detections/1/dismiss');
    expect(dismissed.body.status).toBe('dismissed');
    const later = await post('/api/v1/events', d, { device: d.code, ...detection('dis-2', { type: 'road_ponding' }) });
    expect(later.body).toMatchObject({ outcome: 'dismissed', orderId: null, detectionId: first.body.detectionId });
  });

  it('refuses a detection outside the device’s town, and a deactivated device', async () => {
    const d = await register(0);
    const elsewhere = await pointInGrid(s, grids[1]!.code);
    const out = await post('/api/v1/events', d, { device: d.code, ...detection('far-1', { location: elsewhere }) });
    expect(out.status).toBe(403);
    expect(out.body.error.field).toBe('location');
    const mismatch = await post('/api/v1/events', d, { device: 'OTHER-CAM', ...detection('far-2') });
    expect(mismatch.status).toBe(403);
    const off = await admin.post(`/api/v1/admin/devices/${d.id}/deactivate` as '/api/v1/admin/devices/1/deactivate');
    expect(off.body.active).toBe(false);
    const refused = await post('/api/v1/events', d, { device: d.code, ...detection('off-1') });
    expect(refused.status).toBe(403);
    expect(refused.body.error.field).toBe('X-Device-Id');
    expect(await stored(d)).toBe(0);
  });

  it('lets only administrators manage devices; a rotated secret replaces the old one at once', async () => {
    const operator = await s.as('zx_operator');
    const location = await pointInGrid(s, grids[0]!.code);
    expect((await operator.post('/api/v1/admin/devices', { code: 'X-1', name: 'x', kind: 'camera', location })).status).toBe(403);
    expect((await operator.get('/api/v1/admin/devices')).status).toBe(403);
    expect((await operator.get('/api/v1/admin/event-types')).status).toBe(403);
    const d = await register(0, location);
    const dup = await admin.post('/api/v1/admin/devices', { code: d.code, name: 'x', kind: 'camera', location });
    expect(dup.status).toBe(409);
    const list = await admin.get('/api/v1/admin/devices');
    expect(list.body.items.some((i) => i.code === d.code)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(d.secret);
    const rotated = await admin.post(`/api/v1/admin/devices/${d.id}/secret` as '/api/v1/admin/devices/1/secret');
    expect(rotated.body.secret).not.toBe(d.secret);
    const old = await post('/api/v1/events', d, { device: d.code, ...detection('rot-1') });
    expect(old.status).toBe(401);
    const fresh = await post('/api/v1/events', { ...d, secret: rotated.body.secret }, { device: d.code, ...detection('rot-2') });
    expect(fresh.status).toBe(200);
    const types = await admin.get('/api/v1/admin/event-types');
    expect(types.body.items.map((t) => t.code)).toEqual(expect.arrayContaining(['illegal_parking', 'garbage_overflow', 'road_ponding']));
    const changed = await admin.patch('/api/v1/admin/event-types/garbage_overflow' as '/api/v1/admin/event-types/1', { threshold: 0.75 });
    expect(changed.body.threshold).toBeCloseTo(0.75);
    const audit = await s.platform.db.query<{ n: number }>(`select count(*)::int as n from audit_log where action in ('manage_device', 'manage_event_type')`);
    expect(audit.rows[0]!.n).toBeGreaterThan(2);
  });
});
