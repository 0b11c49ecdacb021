/**
 * The operator's intake aids: similar cases (相似案件) near the point a caller gives, and adding the caller to one
 * of them (追加来电) instead of registering a duplicate — scope, relevance, idempotency and refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, startTestServer, type TestServer } from './harness.ts';
import { createOrder, expectOk, orderIn, pointOfWorker, tableCounts, upload, type Fixture } from './order-fixtures.ts';

let s: TestServer;
let manhole: { id: number };
let banner: Fixture;
let closed: Fixture;
let here: { lng: number; lat: number };

beforeAll(async () => {
  s = await startTestServer();
  here = await pointOfWorker(s, 'songling_gridworker');
  const photo = await upload(s, 'zx_operator', 'manhole.jpg');
  const op = await s.as('zx_operator');
  const created = expectOk(
    await op.post(
      '/api/v1/orders',
      { channel: 'hotline', nature: 'complaint', description: '小区门口的井盖破损，有人差点摔倒', location: here, categoryCode: '01001', reporter: { name: '王五', phone: '13900000001' }, attachments: [photo] },
      { 'idempotency-key': newKey('sim') },
    ),
    'create the manhole order',
    201,
  );
  manhole = { id: created.id };
  banner = await createOrder(s, { description: '临街商铺擅自悬挂大型条幅，影响市容', categoryCode: '06006' });
  closed = await orderIn(s, 'closed', { description: '小区门口井盖松动，车辆经过有响声' });
});
afterAll(() => s?.close());

const similar = async (username: string, query: string) => {
  const r = await (await s.as(username)).request('GET', `/api/v1/orders/similar?lng=${here.lng}&lat=${here.lat}&${query}`);
  return r;
};
const ids = (r: { body: { items: { order: { id: number } }[] } }) => r.body.items.map((c) => c.order.id);

describe('similar cases', () => {
  it('finds the nearby order with similar words first, with its photo, distance, callers and whether it takes callers', async () => {
    const r = await similar('zx_operator', `text=${encodeURIComponent('井盖破了，在小区门口')}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(ids(r)).toContain(manhole.id);
    expect(ids(r)).not.toContain(banner.id); // same place, nothing in common
    const first = r.body.items[0];
    expect([manhole.id, closed.id]).toContain(first.order.id);
    const m = r.body.items.find((c: { order: { id: number } }) => c.order.id === manhole.id);
    expect(m).toMatchObject({ sameCategory: false, callers: 1, acceptsCallers: true, distanceM: 0 });
    expect(m.textSimilarity).toBeGreaterThan(0.3);
    expect(m.photoId).toMatch(/^[0-9a-f-]{36}$/);
    expect(m.order.state.code).toBe('pending_accept');
    const c = r.body.items.find((x: { order: { id: number } }) => x.order.id === closed.id);
    expect(c).toMatchObject({ acceptsCallers: false });
    expect(r.body).toMatchObject({ radiusM: 500, days: 30 });
  });

  it('a component (one object at one spot) is looked for closer; a class of the same major class is related', async () => {
    const cover = await similar('zx_operator', 'categoryCode=B01001&text=' + encodeURIComponent('井盖'));
    expect(cover.body.radiusM).toBe(150);
    expect((await similar('zx_operator', 'categoryCode=B01001&radiusM=800')).body.radiusM).toBe(800);
    // 06006 (the banner) and another minor class of its major class: related, not the same.
    const sibling = (await s.platform.db.query<{ code: string }>(`select code from categories where parent_code = (select parent_code from categories where code = '06006') and code <> '06006' and active limit 1`)).rows[0]!.code;
    const r = await similar('zx_operator', `categoryCode=${sibling}&text=${encodeURIComponent('条幅')}`);
    expect(r.body.items.find((x: { order: { id: number } }) => x.order.id === banner.id)).toMatchObject({ sameCategory: false, relatedCategory: true });
  });

  it('the same category alone is enough; without category and words, everything nearby and recent', async () => {
    expect(ids(await similar('zx_operator', 'categoryCode=06006'))).toEqual(expect.arrayContaining([banner.id, closed.id]));
    expect(ids(await similar('zx_operator', 'categoryCode=06006'))).not.toContain(manhole.id);
    expect(ids(await similar('zx_operator', 'limit=20'))).toEqual(expect.arrayContaining([manhole.id, banner.id, closed.id]));
  });

  it('far away or out of the period finds nothing', async () => {
    const far = await (await s.as('zx_operator')).request('GET', `/api/v1/orders/similar?lng=${here.lng + 0.05}&lat=${here.lat}&limit=20`);
    expect(ids(far)).not.toContain(manhole.id);
  });

  it('only orders in the reader’s scope: another town’s dispatcher sees none of them', async () => {
    const r = await similar('shengze_dispatcher', 'limit=20');
    expect(r.status).toBe(200);
    expect(ids(r)).toEqual([]);
  });

  it('bad input is a 400 naming the field', async () => {
    const r = await (await s.as('zx_operator')).request('GET', '/api/v1/orders/similar?lng=abc&lat=31');
    expect(r.status).toBe(400);
    expect(r.body.error.field).toMatch(/lng/);
    const missing = await (await s.as('zx_operator', 'en')).request('GET', '/api/v1/orders/similar?lng=120.6');
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toMatch(/lat/);
    const radius = await similar('zx_operator', 'radiusM=1');
    expect(radius.status).toBe(400);
    expect(radius.body.error.field).toMatch(/radiusM/);
  });
});

describe('adding a caller to an existing order', () => {
  const body = { channel: 'hotline', description: '我也看到小区门口的井盖坏了，请尽快修', reporter: { name: '赵六', phone: '13900000002' } };

  it('keeps him as a reporter and writes what he said on the timeline; a retry adds him once', async () => {
    const op = await s.as('zx_operator');
    const key = newKey('caller');
    const before = await tableCounts(s);
    const r = await op.post(`/api/v1/orders/${manhole.id}/callers`, body, { 'idempotency-key': key });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.reporters.map((x) => x.phone)).toEqual(['13900000001', '13900000002']);
    const ev = r.body.timeline.at(-1)!;
    expect(ev).toMatchObject({ action: 'add-caller', label: '重复来电', note: body.description, fromState: 'pending_accept', toState: 'pending_accept' });
    expect(ev.data).toMatchObject({ channel: 'hotline', reporterId: r.body.reporters[1]!.id });
    const again = await op.post(`/api/v1/orders/${manhole.id}/callers`, body, { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.reporters).toHaveLength(2);
    const after = await tableCounts(s);
    expect(after).toMatchObject({ reporters: before.reporters + 1, events: before.events + 1, orders: before.orders });
    const reused = await op.post(`/api/v1/orders/${manhole.id}/callers`, { ...body, description: '另一段话' }, { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    // The similar cases now count two callers.
    const r2 = await similar('zx_operator', `text=${encodeURIComponent('井盖')}`);
    expect(r2.body.items.find((c: { order: { id: number } }) => c.order.id === manhole.id).callers).toBe(2);
  });

  it('is refused, changing nothing, on an order that has ended, for a role that takes no calls, out of scope, or with bad input', async () => {
    const before = await tableCounts(s);
    const ended = await (await s.as('zx_operator')).post(`/api/v1/orders/${closed.id}/callers`, body, { 'idempotency-key': newKey('c') });
    expect(ended.status).toBe(409);
    expect(ended.body.error.code).toBe('wrong_state');
    const handler = await (await s.as('cgj_handler')).post(`/api/v1/orders/${manhole.id}/callers`, body, { 'idempotency-key': newKey('c') });
    expect(handler.status).toBe(403);
    const foreign = await (await s.as('shengze_dispatcher')).post(`/api/v1/orders/${manhole.id}/callers`, body, { 'idempotency-key': newKey('c') });
    expect(foreign.status).toBe(404);
    const noKey = await (await s.as('zx_operator')).post(`/api/v1/orders/${manhole.id}/callers`, body);
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.field).toBe('Idempotency-Key');
    const channel = await (await s.as('zx_operator', 'en')).post(`/api/v1/orders/${manhole.id}/callers`, { ...body, channel: 'carrier-pigeon' }, { 'idempotency-key': newKey('c') });
    expect(channel.status).toBe(422);
    expect(channel.body.error).toMatchObject({ field: 'channel', message: 'Unknown channel carrier-pigeon' });
    const phone = await (await s.as('zx_operator')).post(`/api/v1/orders/${manhole.id}/callers`, { ...body, reporter: { phone: 'call me' } }, { 'idempotency-key': newKey('c') });
    expect(phone.status).toBe(400);
    expect(phone.body.error.field).toMatch(/phone/);
    expect(await tableCounts(s)).toEqual(before);
  });
});
