/**
 * The seeds' stories, end to end through the HTTP API on the demo district (Wujiang).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOf, newKey, pointInGrid, startTestServer, unitId, type TestServer } from './harness.ts';
import { fromWgs84 } from '@liandong/core/territory/index.ts';
import { upload } from './order-fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

const actionsOf = (order: { timeline: { action: string }[] }) => order.timeline.map((e) => e.action);

describe('seed stories', () => {
  it('a caller asks who handles shared bikes blocking the pavement: the operator answers on the call and closes it directly (直接办结)', async () => {
    const operator = await s.as('zx_operator');
    const created = await operator.post(
      '/api/v1/orders',
      {
        channel: 'hotline',
        nature: 'consultation',
        description: '咨询：小区门口人行道上共享单车乱停放，归哪个部门管？',
        location: await pointInGrid(s, await gridOf(s, 'songling_gridworker')),
        reporter: { name: '王女士', phone: '13812340001' },
      },
      { 'idempotency-key': newKey('consult') },
    );
    expect(created.status).toBe(201);
    expect(created.body.allowedActions).toContain('answer');
    const answered = await operator.act(created.body.id, 'answer', { answer: '共享单车停放由区城管局牵头、运营企业负责清运，已告知可通过12345登记具体点位，来电人表示清楚' });
    expect(answered.status).toBe(200);
    expect(answered.body.state.code).toBe('closed');
    expect(actionsOf(answered.body)).toEqual(['create', 'answer']);
    expect(answered.body.handlerUnit).toBeNull();
    // Not a forced close: the shift lead's figures stay clean.
    expect(answered.body.timeline.at(-1)!.data).toEqual({ direct: true });
  });

  it('a citizen photographs a loose manhole cover near a school: app → grid → dispatch → sign → handle → check → callback → closed', async () => {
    const citizen = await s.as('citizen');
    const worker = 'songling_gridworker';
    const point = await pointInGrid(s, await gridOf(s, worker));
    const photo = await fetch(`${s.base}/api/v1/files?name=cover.jpg`, {
      method: 'POST',
      headers: { authorization: `Bearer ${citizen.token}`, 'content-type': 'image/jpeg' },
      body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]),
    });
    expect(photo.status).toBe(201);
    const photoId = ((await photo.json()) as { id: string }).id;
    // The phone reports GCJ-02, as Chinese map SDKs do.
    const [glng, glat] = fromWgs84(point.lng, point.lat, 'gcj02');
    const created = await citizen.post(
      '/api/v1/orders',
      {
        channel: 'app',
        nature: 'report',
        description: '实验小学门口的供水井盖松动，孩子放学经过很危险',
        location: { lng: glng, lat: glat, crs: 'gcj02' },
        address: '松陵街道 实验小学东门',
        categoryCode: '01001',
        reporter: { name: '张三', phone: '13912345678' },
        attachments: [photoId],
      },
      { 'idempotency-key': newKey('cover') },
    );
    expect(created.status).toBe(201);
    const order = created.body;
    expect(order.code).toMatch(/^LD\d{8}\d{6,}$/);
    expect(order.state.code).toBe('pending_accept');
    expect(order.grid!.code).toBe(await gridOf(s, worker));
    expect(order.town!.name).toBe('松陵街道');
    expect(order.deadlines.map((d: { step: string }) => d.step)).toEqual(['accept']);
    // "松动" names the loose-cover condition (3 working days), not the missing-cover one (urgent, 24 hours).
    expect(order).toMatchObject({ condition: { code: '01001-02' }, urgency: 'normal' });

    const dispatcher = await s.as('zx_dispatcher');
    expect((await dispatcher.act(order.id, 'accept')).body.state.code).toBe('pending_dispatch');
    const dispatched = await dispatcher.act(order.id, 'dispatch', { note: '学校周边，紧急处置' });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body.state.code).toBe('pending_sign');
    const handlerUnit = dispatched.body.handlerUnit;
    expect(handlerUnit).not.toBeNull();
    const sign = dispatched.body.deadlines.find((d: { step: string }) => d.step === 'sign');
    expect(sign!.limit).toEqual({ value: 2, unit: 'working_hours' });

    const handlerName = (await s.platform.db.query<{ username: string }>(
      `select u.username from users u where u.unit_id = $1 and u.username like '%_handler'`, [handlerUnit!.id])).rows[0]!.username;
    const handler = await s.as(handlerName);
    expect((await handler.act(order.id, 'sign')).body.state.code).toBe('handling');
    const result = await upload(s, handlerName, 'cover-fixed.jpg');
    const fb = await handler.act(order.id, 'feedback', { result: '已更换井盖并加固，现场恢复正常', attachments: [result] });
    expect(fb.body.state.code).toBe('pending_check');
    const check = await (await s.as(worker)).act(order.id, 'check', { passed: true, note: '现场核查井盖已固定' });
    expect(check.body.state.code).toBe('pending_callback');
    const cb = await (await s.as('zx_operator')).act(order.id, 'callback', { satisfaction: 'very_satisfied' });
    expect(cb.body.state.code).toBe('pending_close');
    const closed = await dispatcher.act(order.id, 'close');
    expect(closed.body.state.code).toBe('closed');
    expect(closed.body.closedAt).not.toBeNull();
    expect(closed.body.satisfaction).toBe('very_satisfied');
    expect(actionsOf(closed.body)).toEqual(['create', 'accept', 'dispatch', 'sign', 'feedback', 'check', 'callback', 'close']);
    expect(closed.body.deadlines.every((d: { doneAt: string | null }) => d.doneAt !== null)).toBe(true);
    // The citizen follows his own report.
    expect((await citizen.get(`/api/v1/orders/${order.id}`)).body.state.code).toBe('closed');
  });

  it("a part-time grid worker reports crop waste dumped on a riverbank; agriculture leads, water affairs co-handles", async () => {
    const worker = await s.as('songling_gridworker_pt');
    const point = await pointInGrid(s, await gridOf(s, 'songling_gridworker_pt'));
    const created = await worker.post(
      '/api/v1/orders',
      { channel: 'grid_patrol', nature: 'report', description: '河岸边有人倾倒秸秆等农作物废弃物，约两车', location: point, categoryCode: '90001' },
      { 'idempotency-key': newKey('crop') },
    );
    expect(created.status).toBe(201);
    expect(created.body.level).toBe('grid');
    expect(created.body.dispatchUnit!.name).toContain('松陵街道');
    const town = await s.as('songling_dispatcher');
    await town.act(created.body.id, 'accept');
    const d = await town.act(created.body.id, 'dispatch');
    expect(d.status).toBe(200);
    expect(d.body.handlerUnit!.id).toBe(await unitId(s, 'WJ-NYJ'));
    // The co-handler sees the order, though it is not the lead.
    expect((await (await s.as('swj_handler')).get(`/api/v1/orders/${created.body.id}`)).status).toBe(200);
    const nyj = await s.as('nyj_handler');
    await nyj.act(created.body.id, 'sign');
    // Water affairs reports its part; agriculture's result carries it.
    expect((await (await s.as('swj_handler')).act(created.body.id, 'co-feedback', { result: '已检查河道水质，未见污染' })).status).toBe(200);
    expect((await nyj.act(created.body.id, 'feedback', { result: '已组织清运，河岸恢复' })).body.state.code).toBe('pending_check');
    // No reporter phone on a patrol report: after the check it waits for closure, no callback.
    expect((await worker.act(created.body.id, 'check', { passed: true })).body.state.code).toBe('pending_close');
    const closed = await town.act(created.body.id, 'close');
    expect(closed.body.state.code).toBe('closed');
    expect(closed.body.solvedLevel).toBe('grid');
  });

  it('an illegal-parking report is solved on the spot by the grid worker', async () => {
    const worker = await s.as('songling_gridworker');
    const point = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
    const created = await worker.post(
      '/api/v1/orders',
      { channel: 'grid_patrol', nature: 'report', description: '小区消防通道有机动车乱停放', location: point, categoryCode: '09009' },
      { 'idempotency-key': newKey('park') },
    );
    const done = await worker.act(created.body.id, 'self-handle', { result: '已联系车主挪车，通道畅通' });
    expect(done.status).toBe(200);
    expect(done.body.state.code).toBe('closed');
    expect(done.body.selfHandled).toBe(true);
    expect(done.body.solvedLevel).toBe('grid');
    expect(actionsOf(done.body)).toEqual(['create', 'self-handle']);
  });

  it('what the town cannot solve goes up to the district and a department handles it with a co-handler', async () => {
    const worker = await s.as('songling_gridworker');
    const point = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
    const created = await worker.post(
      '/api/v1/orders',
      { channel: 'grid_patrol', nature: 'report', description: '村道路面大面积塌陷，村里无力修复', location: point },
      { 'idempotency-key': newKey('road') },
    );
    const town = await s.as('songling_dispatcher');
    await town.act(created.body.id, 'accept');
    const station = await town.act(created.body.id, 'dispatch', { unitId: await stationOf('songling_station') });
    expect(station.body.state.code).toBe('pending_sign');
    expect(station.body.level).toBe('village');
    const stationHandler = await s.as('songling_station');
    await stationHandler.act(created.body.id, 'sign');
    const up1 = await stationHandler.act(created.body.id, 'escalate', { reason: '塌陷面积大，村级无法处置' });
    expect(up1.body.level).toBe('town');
    expect(up1.body.state.code).toBe('pending_dispatch');
    const up2 = await town.act(created.body.id, 'escalate', { reason: '需区交通部门维修' });
    expect(up2.body.level).toBe('district');
    expect(up2.body.dispatchUnit!.id).toBe(await unitId(s, 'WJ-ZX'));
    const district = await s.as('zx_dispatcher');
    await district.act(created.body.id, 'classify', { categoryCode: '06013', conditionCode: '06013-02' }); // 路面塌陷
    const sent = await district.act(created.body.id, 'dispatch', { unitId: await unitId(s, 'WJ-JTJ'), coUnitIds: [await unitId(s, 'WJ-ZJJ')] });
    expect(sent.body.handlerUnit!.id).toBe(await unitId(s, 'WJ-JTJ'));
    const jtj = await s.as('jtj_handler');
    await jtj.act(created.body.id, 'sign');
    // Both units report: housing co-handles (协办) its part, and the transport bureau's result carries it.
    const zjj = await s.as('zjj_handler');
    expect((await zjj.act(created.body.id, 'co-sign', {})).status).toBe(200);
    expect((await jtj.act(created.body.id, 'feedback', { result: '已完成路面修复' })).status).toBe(409);
    expect((await zjj.act(created.body.id, 'co-feedback', { result: '已排查塌陷处地下管线，无渗漏' })).status).toBe(200);
    const led = await jtj.act(created.body.id, 'feedback', { result: '已完成路面修复' });
    expect(led.body.coHandlers).toMatchObject([{ report: '已排查塌陷处地下管线，无渗漏' }]);
    await worker.act(created.body.id, 'check', { passed: true });
    const closed = await district.act(created.body.id, 'close');
    expect(closed.body.state.code).toBe('closed');
    expect(closed.body.solvedLevel).toBe('district');
    expect(closed.body.counts.escalations).toBe(2);
    expect(actionsOf(closed.body)).toEqual(['create', 'accept', 'dispatch', 'sign', 'escalate', 'escalate', 'classify', 'dispatch', 'sign', 'co-sign', 'co-feedback', 'feedback', 'check', 'close']);
    // The town dispatcher of another town never sees it.
    expect((await (await s.as('shengze_dispatcher')).get(`/api/v1/orders/${created.body.id}`)).status).toBe(404);
  });

  it('a citizen reports a collapsed wall on the web; the grid worker verifies it on site before the centre accepts (派核实 → 核实)', async () => {
    const citizen = await s.as('citizen');
    const point = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
    const created = await citizen.post(
      '/api/v1/orders',
      { channel: 'web', nature: 'report', description: '河边一段围墙倒塌，砖块堆在人行道上', location: point },
      { 'idempotency-key': newKey('wall') },
    );
    expect(created.status).toBe(201);
    const operator = await s.as('zx_operator');
    const sent = await operator.act(created.body.id, 'send-to-verify', { note: '群众网上反映，请网格员现场核实' });
    expect(sent.body.state.code).toBe('pending_verify');
    const worker = await s.as('songling_gridworker');
    const photo = await upload(s, 'songling_gridworker');
    const verified = await worker.act(created.body.id, 'verify', { confirmed: true, note: '现场围墙倒塌约5米，已设置警示', location: { ...point, crs: 'wgs84' }, attachments: [photo] });
    expect(verified.status).toBe(200);
    expect(verified.body.state.code).toBe('pending_accept');
    const district = await s.as('zx_dispatcher');
    const accepted = await district.act(created.body.id, 'accept', { categoryCode: '06012', conditionCode: '06012-01' });
    expect(accepted.body.state.code).toBe('pending_dispatch');
    expect(accepted.body.counts.verifications).toBe(1);
    expect(actionsOf(accepted.body)).toEqual(['create', 'send-to-verify', 'verify', 'accept']);
    // The citizen follows his report, and sees that it was verified.
    const mine = await citizen.get(`/api/v1/orders/${created.body.id}`);
    expect(mine.status).toBe(200);
    expect(actionsOf(mine.body)).toContain('verify');
  });
});

async function stationOf(username: string): Promise<number> {
  const r = await s.platform.db.query<{ unit_id: number }>('select unit_id from users where username = $1', [username]);
  return r.rows[0]!.unit_id;
}
