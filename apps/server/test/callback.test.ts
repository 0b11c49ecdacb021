/** 回访: due the next working day; the citizen answers by the SMS link; substantive dissatisfaction reopens. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPendingMessages } from '@liandong/core/notify/index.ts';
import { gridOf, newKey, pointInGrid, startTestServer, unitId, type TestServer } from './harness.ts';

const cst = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
let now = cst('2026-03-06 15:00'); // a Friday
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ clock: () => now });
});
afterAll(() => s?.close());

/** An order whose result was checked on site, now waiting for the citizen's callback. */
async function awaitingCallback(): Promise<{ id: number; token: string }> {
  const p = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
  const created = await (await s.as('zx_operator')).post(
    '/api/v1/orders',
    { channel: 'hotline', nature: 'complaint', description: '路灯不亮', location: p, reporter: { name: '周先生', phone: '13700002222' } },
    { 'idempotency-key': newKey('cb') },
  );
  const id = created.body.id;
  if (!id) throw new Error(JSON.stringify(created.body));
  const d = await s.as('zx_dispatcher');
  await d.act(id, 'accept');
  await d.act(id, 'dispatch', { unitId: await unitId(s, 'WJ-CGJ') });
  const h = await s.as('cgj_handler');
  await h.act(id, 'sign');
  await h.act(id, 'feedback', { result: '已更换灯泡' });
  const checked = await (await s.as('songling_gridworker')).act(id, 'check', { passed: true });
  expect(checked.body.state?.code, JSON.stringify(checked.body)).toBe('pending_callback');
  const sms = await s.platform.db.query<{ body: string; channel: string; recipient: { phone: string } }>(
    `select body, channel, recipient from outbox where order_id = $1 and template = 'callback.request'`,
    [id],
  );
  expect(sms.rows).toHaveLength(1);
  expect(sms.rows[0]!.channel).toBe('sms');
  expect(sms.rows[0]!.recipient.phone).toBe('13700002222');
  const token = /\/portal\/rate\/(cb_[\w-]+)/.exec(sms.rows[0]!.body)![1]!;
  return { id, token };
}

describe('callback', () => {
  it('is due on the next working day and can be answered once through the SMS link', async () => {
    now = cst('2026-03-06 15:00');
    const { id, token } = await awaitingCallback();
    const view = (await (await s.as('zx_operator')).get(`/api/v1/orders/${id}`)).body;
    expect(view.deadlines.find((d: { step: string }) => d.step === 'callback')).toMatchObject({ dueAt: cst('2026-03-09 15:00').toISOString(), running: true });
    const seen = await s.anonymous.get(`/api/v1/public/callbacks/${token}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ description: '路灯不亮', result: '已更换灯泡', open: true, answered: false });
    const answered = await s.anonymous.post(`/api/v1/public/callbacks/${token}`, { satisfaction: 'very_satisfied', comment: '很快就修好了' });
    expect(answered.status).toBe(200);
    expect(answered.body.state).toBe('pending_close');
    const again = await s.anonymous.post(`/api/v1/public/callbacks/${token}`, { satisfaction: 'satisfied' });
    expect(again.status).toBe(409);
    const after = (await (await s.as('zx_operator')).get(`/api/v1/orders/${id}`)).body;
    expect(after.satisfaction).toBe('very_satisfied');
    const ev = after.timeline.at(-1);
    expect(ev).toMatchObject({ action: 'callback', note: '很快就修好了', actor: null, data: { via: 'link', satisfaction: 'very_satisfied' } });
    expect(after.reporters[0].satisfaction).toBe('very_satisfied');
  });

  it('every reporter of a merged order gets a link and rates; the first answer is the callback, the others are recorded beside it', async () => {
    now = cst('2026-03-11 10:00');
    s.forgetSessions();
    const p = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
    const op = await s.as('zx_operator');
    const report = async (name: string, phone: string) =>
      (await op.post('/api/v1/orders', { channel: 'hotline', nature: 'complaint', description: '桥头路灯整晚不亮', location: p, reporter: { name, phone } }, { 'idempotency-key': newKey('mg') })).body.id as number;
    const [a, b] = [await report('吴先生', '13700003331'), await report('郑女士', '13700003332')];
    const d = await s.as('zx_dispatcher');
    await d.act(a, 'accept');
    const merged = await d.act(a, 'merge', { duplicateIds: [b] });
    expect(merged.status).toBe(200);
    const told = await s.platform.db.query<{ body: string; recipient: { phone: string } }>(`select body, recipient from outbox where order_id = $1 and template = 'citizen.merged'`, [b]);
    expect(told.rows.map((m) => m.recipient.phone)).toEqual(['13700003332']);
    expect(told.rows[0]!.body).toContain(`合并为工单${merged.body.code}办理`);
    await d.act(a, 'dispatch', { unitId: await unitId(s, 'WJ-CGJ') });
    const h = await s.as('cgj_handler');
    await h.act(a, 'sign');
    await h.act(a, 'feedback', { result: '已修复桥头路灯' });
    await (await s.as('songling_gridworker')).act(a, 'check', { passed: true });
    const links = await s.platform.db.query<{ body: string; recipient: { phone: string } }>(
      `select body, recipient from outbox where order_id = $1 and template = 'callback.request' order by id`,
      [a],
    );
    expect(links.rows.map((r) => r.recipient.phone)).toEqual(['13700003331', '13700003332']);
    const [t1, t2] = links.rows.map((r) => /\/portal\/rate\/(cb_[\w-]+)/.exec(r.body)![1]!);
    expect((await s.anonymous.post(`/api/v1/public/callbacks/${t1}`, { satisfaction: 'satisfied' })).body.state).toBe('pending_close');
    expect((await s.anonymous.get(`/api/v1/public/callbacks/${t2}`)).body).toMatchObject({ open: true, answered: false });
    const second = await s.anonymous.post(`/api/v1/public/callbacks/${t2}`, { satisfaction: 'very_satisfied', comment: '修得及时' });
    expect(second.status).toBe(200);
    expect(second.body.state).toBe('pending_close');
    const after = (await op.get(`/api/v1/orders/${a}`)).body;
    expect(after.reporters.map((r: { satisfaction: string | null }) => r.satisfaction)).toEqual(['satisfied', 'very_satisfied']);
    expect(after.satisfaction).toBe('satisfied'); // the callback's, as counted
    expect(after.timeline.at(-1)).toMatchObject({ action: 'rate', note: '修得及时', actor: null, data: { satisfaction: 'very_satisfied', via: 'link' } });
    expect((await s.anonymous.post(`/api/v1/public/callbacks/${t2}`, { satisfaction: 'satisfied' })).status).toBe(409);
  });

  it('reopens the order for rework on a substantive dissatisfaction, and the unit’s satisfaction rate counts it', async () => {
    now = cst('2026-03-10 10:00');
    s.forgetSessions();
    const { id, token } = await awaitingCallback();
    const r = await s.anonymous.post(`/api/v1/public/callbacks/${token}`, { satisfaction: 'dissatisfied', substantive: true, comment: '灯还是不亮' });
    expect(r.body.state).toBe('pending_sign');
    const o = (await (await s.as('zx_dispatcher')).get(`/api/v1/orders/${id}`)).body;
    expect(o.counts.reopens).toBe(1);
    expect(o.handlerUnit!.id).toBe(await unitId(s, 'WJ-CGJ'));
    expect(o.deadlines.filter((d: { running: boolean }) => d.running).map((d: { step: string }) => d.step).sort()).toEqual(['handle', 'sign']);
    const board = (await (await s.as('zx_supervisor')).get('/api/v1/supervision/board')).body;
    const cgj = board.units.find((u: { unitId: number }) => u.unitId === o.handlerUnit!.id);
    expect(cgj!.callbacks).toBe(2);
    expect(cgj!.satisfactionRate).toBe(0.5);
  });

  it('refuses a link that expired, and one that does not exist, without revealing anything', async () => {
    now = cst('2026-03-11 10:00');
    s.forgetSessions();
    const { token } = await awaitingCallback();
    now = cst('2026-03-19 10:00');
    expect((await s.anonymous.post(`/api/v1/public/callbacks/${token}`, { satisfaction: 'satisfied' })).status).toBe(410);
    expect((await s.anonymous.get('/api/v1/public/callbacks/cb_doesnotexist123')).status).toBe(404);
    const bad = await s.anonymous.post(`/api/v1/public/callbacks/${token}`, { satisfaction: 'so-so' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('satisfaction');
  });
});

describe('the callback link is the citizen’s alone', () => {
  it('staff reading the message log never see a usable token; the SMS carries it; once sent it is stored masked', async () => {
    const received: string[] = [];
    const gateway = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push(JSON.parse(data).content);
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((ok) => gateway.listen(0, '127.0.0.1', ok));
    s.forgetSessions(); // the clock moved on in the tests above: sign in afresh
    process.env.LIANDONG_OUTBOUND_ALLOW = '127.0.0.1';
    const admin = await s.as('admin');
    const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    expect((await admin.request('PUT', '/api/v1/notification-channels/sms', { enabled: true, config: { url } })).status).toBe(200);
    try {
      const { id, token } = await awaitingCallback();
      for (const who of ['admin', 'zx_supervisor']) {
        const log = await (await s.as(who)).get(`/api/v1/messages?orderId=${id}&template=callback.request`);
        expect(log.status).toBe(200);
        expect(log.body.items).toHaveLength(1);
        expect(log.body.items[0].body).not.toContain(token);
        expect(log.body.items[0].body).toMatch(/rate\/cb_\S{4}\*\*\*\*/);
      }
      expect(await deliverPendingMessages(s.platform.db)).toMatchObject({ sent: 2 }); // the acceptance notice (受理告知) and the link
      expect(received.join('\n')).toContain(`/portal/rate/${token}`);
      const stored = await s.platform.db.query<{ body: string }>(`select body from outbox where order_id = $1 and template = 'callback.request'`, [id]);
      expect(stored.rows[0]!.body).not.toContain(token);
      // The citizen's link still works.
      expect((await s.anonymous.post(`/api/v1/public/callbacks/${token}`, { satisfaction: 'satisfied' })).status).toBe(200);
    } finally {
      await admin.request('PUT', '/api/v1/notification-channels/sms', { enabled: false });
      delete process.env.LIANDONG_OUTBOUND_ALLOW;
      gateway.close();
    }
  });
});
