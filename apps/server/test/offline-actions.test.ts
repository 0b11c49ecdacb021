/**
 * What a phone's outbox needs from the API: a report or an action made without signal arrives later with the
 * moment it was made (Made-At, shown on the timeline beside its arrival), and a retry with its Idempotency-Key
 * (the answer was lost) changes nothing twice — also when the order has moved on since. Checks and on-the-spot
 * handling record where the worker stood; a failed check sends the order back for rework.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, startTestServer, type TestServer } from './harness.ts';
import { createOrder, orderBody, orderIn, pointOfWorker, tableCounts, upload } from './order-fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
/** RFC 3339 in China's offset, as a phone in Wujiang writes it. */
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

describe('made offline, arrived later (Made-At)', () => {
  it('a grid worker’s report keeps the moment it was made beside the moment it arrived', async () => {
    const worker = await s.as('songling_gridworker');
    const made = minutesAgo(42);
    const r = await worker.post('/api/v1/orders', await orderBody(s, { channel: 'grid_patrol' }), { 'idempotency-key': newKey('off'), 'made-at': beijing(made) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const detail = (await worker.get(`/api/v1/orders/${r.body.id}`)).body;
    const created = detail.timeline[0]!;
    expect(created.action).toBe('create');
    expect(Date.parse(created.madeAt!)).toBe(made.getTime());
    expect(Date.parse(created.at) - Date.parse(created.madeAt!)).toBeGreaterThan(41 * 60_000);
  });

  it('one made as it arrives has no separate moment', async () => {
    const worker = await s.as('songling_gridworker');
    const r = await worker.post('/api/v1/orders', await orderBody(s, { channel: 'grid_patrol' }), { 'idempotency-key': newKey('on'), 'made-at': new Date().toISOString() });
    expect(r.status).toBe(201);
    expect((await worker.get(`/api/v1/orders/${r.body.id}`)).body.timeline[0]!.madeAt).toBeNull();
  });

  it('a bad, future or too old Made-At is refused naming it, and nothing is written', async () => {
    const worker = await s.as('songling_gridworker', 'en');
    const f = await orderIn(s, 'pending_check');
    const before = await tableCounts(s);
    for (const madeAt of ['tomorrow', new Date(Date.now() + 3_600_000).toISOString(), minutesAgo(31 * 24 * 60).toISOString()]) {
      const created = await worker.post('/api/v1/orders', await orderBody(s, { channel: 'grid_patrol' }), { 'idempotency-key': newKey('bad'), 'made-at': madeAt });
      expect([created.status, created.body.error.field]).toEqual([400, 'Made-At']);
      const acted = await worker.act(f.id, 'check', { passed: true }, { 'made-at': madeAt });
      expect([acted.status, acted.body.error.field]).toEqual([400, 'Made-At']);
    }
    expect(await tableCounts(s)).toEqual(before);
  });
});

describe('an action sent again from the outbox (Idempotency-Key)', () => {
  it('a check made offline arrives once with its photo, location and moment; the retry changes nothing', async () => {
    const f = await orderIn(s, 'pending_check');
    const worker = await s.as(f.gridWorker);
    const photo = await upload(s, f.gridWorker);
    const stood = await pointOfWorker(s, f.gridWorker);
    const made = minutesAgo(15);
    const headers = { 'idempotency-key': newKey('chk'), 'made-at': made.toISOString() };
    const body = { passed: true, note: '现场已整改完毕', location: stood, attachments: [photo] };
    const first = await worker.act(f.id, 'check', body, headers);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const counts = await tableCounts(s);

    // The answer was lost; the outbox sends the same request again after the order has moved on.
    const again = await worker.act(f.id, 'check', body, headers);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.state.code).toBe(first.body.state.code);
    expect(await tableCounts(s)).toEqual(counts);

    const check = again.body.timeline.filter((e) => e.action === 'check');
    expect(check).toHaveLength(1);
    expect(check[0]!.madeAt).toBe(made.toISOString());
    expect(check[0]!.data.location!.lng).toBeCloseTo(stood.lng, 6);
    expect(check[0]!.attachmentIds).toEqual([photo]);
  });

  it('a failed check sends the order back for rework; its key used for another request is refused', async () => {
    const f = await orderIn(s, 'pending_check');
    const worker = await s.as(f.gridWorker);
    const key = newKey('rework');
    const r = await worker.act(f.id, 'check', { passed: false, note: '条幅仍未拆除', attachments: [await upload(s, f.gridWorker)] }, { 'idempotency-key': key });
    expect(r.status).toBe(200);
    expect([r.body.state.code, r.body.counts.reworks]).toEqual(['handling', 1]);
    const reused = await worker.act(f.id, 'check', { passed: true }, { 'idempotency-key': key });
    expect([reused.status, reused.body.error.code, reused.body.error.field]).toEqual([422, 'idempotency_key_reused', 'Idempotency-Key']);
  });

  it('without a key, a second send is refused by the order’s state as before', async () => {
    const f = await orderIn(s, 'pending_check');
    const worker = await s.as(f.gridWorker);
    expect((await worker.act(f.id, 'check', { passed: true })).status).toBe(200);
    expect((await worker.act(f.id, 'check', { passed: true })).status).toBe(409);
  });

  it('a verify and an on-the-spot handling made offline arrive with their photos and where the worker stood', async () => {
    const worker = await s.as('songling_gridworker');
    const stood = await pointOfWorker(s, 'songling_gridworker');
    const toVerify = await createOrder(s);
    await (await s.as(toVerify.dispatcher)).act(toVerify.id, 'send-to-verify', { note: '请现场核实' });
    const verified = await worker.act(
      toVerify.id,
      'verify',
      { confirmed: true, note: '现场确有条幅', location: stood, attachments: [await upload(s, 'songling_gridworker')] },
      { 'idempotency-key': newKey('ver'), 'made-at': minutesAgo(5).toISOString() },
    );
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const v = verified.body.timeline.at(-1)!;
    expect([v.action, v.data.confirmed, v.attachmentIds.length, v.madeAt !== null]).toEqual(['verify', true, 1, true]);
    expect(v.data.location!.lat).toBeCloseTo(stood.lat, 6);

    const own = await createOrder(s, { channel: 'grid_patrol' });
    const handled = await worker.act(
      own.id,
      'self-handle',
      { result: '已现场劝导商户拆除条幅', location: stood, attachments: [await upload(s, 'songling_gridworker'), await upload(s, 'songling_gridworker')] },
      { 'idempotency-key': newKey('self') },
    );
    expect(handled.status, JSON.stringify(handled.body)).toBe(200);
    expect([handled.body.state.code, handled.body.selfHandled]).toEqual(['closed', true]);
    const h = handled.body.timeline.at(-1)!;
    expect([h.attachmentIds.length, typeof h.data.location?.lng]).toEqual([2, 'number']);
  });

  it('another user’s key is his own: the same key from two workers is two requests', async () => {
    const a = await orderIn(s, 'pending_check');
    const b = await orderIn(s, 'pending_check', { gridWorker: 'shengze_gridworker' });
    const key = newKey('shared');
    expect((await (await s.as(a.gridWorker)).act(a.id, 'check', { passed: true }, { 'idempotency-key': key })).headers.get('idempotent-replayed')).toBeNull();
    const other = await (await s.as(b.gridWorker)).act(b.id, 'check', { passed: true }, { 'idempotency-key': key });
    expect([other.status, other.headers.get('idempotent-replayed')]).toEqual([200, null]);
  });
});
