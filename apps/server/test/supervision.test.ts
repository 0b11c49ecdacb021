/**
 * The clock with a controllable time: an order left unhandled climbs the five-level ladder at the configured
 * points; a village that does not handle in time pushes the order to the town, the town to the district;
 * the special report is produced and opens.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisionView } from '@liandong/contracts';
import { runDueTimers } from '@liandong/core/timers/index.ts';
import { timerHandlers } from '../src/background.ts';
import { gridOf, newKey, pointInGrid, startTestServer, unitId, type TestServer } from './harness.ts';

/** China time, e.g. '2026-03-04 09:00'. */
const cst = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
let now = cst('2026-03-04 09:00'); // a Wednesday
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer({ clock: () => now });
});
afterAll(() => s?.close());

/** Moves the clock and lets the sweeper fire what came due. */
async function tick(at: string): Promise<number> {
  now = cst(at);
  s.forgetSessions();
  const r = await runDueTimers(s.platform.db, timerHandlers(s.platform), { now: () => now });
  return r.fired;
}

async function supervisions(orderId: number): Promise<SupervisionView[]> {
  return (await (await s.as('zx_supervisor')).get(`/api/v1/orders/${orderId}/supervisions`)).body;
}

/** A hotline complaint registered by the operator under a category and its first condition (立案条件). */
async function hotlineOrder(categoryCode: string, conditionCode = `${categoryCode}-01`): Promise<number> {
  const p = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
  const r = await (await s.as('zx_operator')).post(
    '/api/v1/orders',
    { channel: 'hotline', nature: 'complaint', description: '小区门口垃圾成堆，无人清运', location: p, categoryCode, conditionCode, reporter: { name: '李女士', phone: '13800001111' } },
    { 'idempotency-key': newKey('clock') },
  );
  expect(r.status).toBe(201);
  return r.body.id;
}

/** A hotline complaint (06010-01) accepted and dispatched to the urban management bureau (WJ-CGJ), waiting to be signed. */
async function atCgj(): Promise<number> {
  const id = await hotlineOrder('06010');
  const d = await s.as('zx_dispatcher');
  await d.act(id, 'accept');
  await d.act(id, 'dispatch', { unitId: await unitId(s, 'WJ-CGJ') });
  return id;
}

describe('the five-level supervision ladder', () => {
  it('an order left unsigned climbs the sign ladder at the configured points; changing a policy moves its point', async () => {
    now = cst('2026-04-01 09:00'); // a Wednesday
    s.forgetSessions();
    const policies = (await (await s.as('zx_supervisor')).get('/api/v1/supervision/policies')).body as { id: number; step: string; level: number; share: number }[];
    const signL2 = policies.find((p) => p.step === 'sign' && p.level === 2)!;
    expect(signL2.share).toBe(1);
    // An administrator moves manual assignment for unsigned orders from 100% to 150% of the sign limit.
    expect((await (await s.as('zx_supervisor')).request('PATCH', `/api/v1/supervision/policies/${signL2.id}`, { share: 1.5 })).status).toBe(403);
    expect((await (await s.as('admin')).request('PATCH', `/api/v1/supervision/policies/${signL2.id}`, { share: 1.5 })).status).toBe(200);
    const noLevel = await (await s.as('admin')).request('PATCH', `/api/v1/supervision/policies/${signL2.id}`, { level: 9 });
    expect(noLevel.status).toBe(422);
    expect(noLevel.body.error).toMatchObject({ field: 'level', message: '没有第 9 级督办（见督办级别）' });
    try {
      const id = await atCgj(); // sign within 1 working hour
      const signLevels = async () => (await supervisions(id)).filter((x) => x.step === 'sign').map((x) => x.level);
      await tick('2026-04-01 09:47');
      expect(await signLevels()).toEqual([]);
      await tick('2026-04-01 09:48'); // 80%: electronic reminder
      expect(await signLevels()).toEqual([1]);
      await tick('2026-04-01 10:00'); // 100%: no longer a point for level 2
      expect(await signLevels()).toEqual([1]);
      await tick('2026-04-01 10:30'); // 150%: manual assignment, as configured
      expect(await signLevels()).toEqual([1, 2]);
      await tick('2026-04-01 11:00'); // 200%: on-site supervision
      expect(await signLevels()).toEqual([1, 2, 3]);
      const view = (await (await s.as('zx_dispatcher')).get(`/api/v1/orders/${id}`)).body;
      expect(view.deadlines.find((x: { step: string }) => x.step === 'sign')).toMatchObject({ light: 'red', overdue: true, remaining: { value: -1, unit: 'working_hours' } });
    } finally {
      await (await s.as('admin')).request('PATCH', `/api/v1/supervision/policies/${signL2.id}`, { share: 1 });
    }
  });

  it('climbs level by level as the handling limit runs out, each level on the timeline, notified, and counted', async () => {
    now = cst('2026-03-04 09:00');
    const id = await hotlineOrder('06010'); // exposed garbage: sign 1 working hour, handle 1 working day (7.5 working hours)
    const d = await s.as('zx_dispatcher');
    await d.act(id, 'accept');
    const sent = await d.act(id, 'dispatch', { unitId: await unitId(s, 'WJ-CGJ') });
    expect(sent.body.deadlines.find((x: { step: string }) => x.step === 'handle')!.limit).toEqual({ value: 1, unit: 'working_days' });
    now = cst('2026-03-04 09:10');
    await (await s.as('cgj_handler')).act(id, 'sign');

    await tick('2026-03-04 16:29');
    expect(await supervisions(id)).toEqual([]);
    await tick('2026-03-04 16:30'); // 80% of 7.5 working hours
    expect((await supervisions(id)).map((x) => x.level)).toEqual([1]);
    const view = (await d.get(`/api/v1/orders/${id}`)).body;
    expect(view.deadlines.find((x: { step: string }) => x.step === 'handle')).toMatchObject({ light: 'yellow', running: true });
    expect(view.light).toBe('yellow');

    await tick('2026-03-05 09:00'); // 100%: manual assignment with its own task deadline
    await tick('2026-03-05 14:15'); // 150%: on-site supervision
    await tick('2026-03-06 09:00'); // 200%: SMS to the unit's leader
    const before5 = await supervisions(id);
    expect(before5.map((x) => x.level)).toEqual([1, 2, 3, 4]);
    expect(before5[1]!.taskDueAt).not.toBeNull();
    expect(before5.every((x) => x.step === 'handle' && x.unitId === sent.body.handlerUnit!.id)).toBe(true);
    await tick('2026-03-09 09:00'); // 300% (Monday): the special report
    const all = await supervisions(id);
    expect(all.map((x) => x.level)).toEqual([1, 2, 3, 4, 5]);
    const view2 = async () => (await (await s.as('zx_dispatcher')).get(`/api/v1/orders/${id}`)).body;
    expect((await view2()).light).toBe('red');

    // Running the sweeper again fires nothing twice.
    expect(await tick('2026-03-09 10:00')).toBe(0);
    expect(await supervisions(id)).toHaveLength(5);

    const timeline = (await view2()).timeline as { action: string; data: { level?: number; auto?: boolean } }[];
    expect(timeline.filter((e) => e.action === 'supervise').map((e) => [e.data.level, e.data.auto])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
      [5, true],
    ]);
    const messages = await s.platform.db.query<{ channel: string; template: string; status: string }>(
      'select channel, template, status from outbox where order_id = $1 order by id',
      [id],
    );
    expect(messages.rows.map((m) => m.template)).toEqual(
      expect.arrayContaining(['supervision.reminder', 'supervision.assigned', 'supervision.onsite', 'supervision.sms', 'supervision.special_report']),
    );
    expect(messages.rows.find((m) => m.channel === 'sms')!.status).toBe('stored'); // a fresh install sends nothing

    // The special report opens: a Word document naming the order and its lateness.
    const docxId = all[4]!.reportDocxId!;
    const file = await fetch(`${s.base}/api/v1/files/${docxId}`, { headers: { authorization: `Bearer ${(await s.as('leader')).token}` } });
    expect(file.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await file.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const code = (await view2()).code;
    expect(xml).toContain(code);
    expect(xml).toContain('领导批示');
    expect(xml).toMatch(/超时 2 工作日/);

    // The board counts the unit's supervisions and shows the order red.
    const board = (await (await s.as('zx_supervisor')).get('/api/v1/supervision/board')).body;
    const cgj = board.units.find((u: { unitId: number }) => u.unitId === sent.body.handlerUnit!.id);
    expect(cgj!.supervisions).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 });
    expect(cgj!.overdueSteps).toBeGreaterThanOrEqual(1);
    expect(board.lights.total.red).toBeGreaterThanOrEqual(1);
  });

  it('stops supervising once the unit reports the result, and never while the order is suspended', async () => {
    now = cst('2026-03-10 09:00');
    s.forgetSessions();
    const id = await atCgj();
    await (await s.as('cgj_handler')).act(id, 'sign');
    await (await s.as('zx_shiftlead')).act(id, 'suspend', { reason: '等待上级部门批复' });
    await tick('2026-03-13 09:00');
    expect(await supervisions(id)).toEqual([]);
    await (await s.as('zx_shiftlead')).act(id, 'resume');
    // The handle clock resumed with its 7.5 working hours intact: 80% comes 6 working hours later, still Friday.
    await tick('2026-03-13 16:29');
    expect((await supervisions(id)).map((x) => x.level)).toEqual([]);
    await tick('2026-03-13 16:30');
    expect((await supervisions(id)).map((x) => x.level)).toEqual([1]);
    now = cst('2026-03-16 08:40');
    s.forgetSessions();
    await (await s.as('cgj_handler')).act(id, 'feedback', { result: '已清运' });
    await tick('2026-03-20 09:00');
    const after = await supervisions(id);
    expect(after.filter((x) => x.step === 'handle').map((x) => x.level)).toEqual([1]); // the handle clock stopped
    expect(after.filter((x) => x.step === 'check').map((x) => x.level)).toEqual([1]); // the check clock has its own reminder
  });

  it('lets a supervisor raise any level by hand, and the unit reply to the task', async () => {
    now = cst('2026-03-17 09:00');
    s.forgetSessions();
    const id = await atCgj();
    const d = await s.as('zx_dispatcher');
    const raised = await (await s.as('zx_supervisor')).post(`/api/v1/orders/${id}/supervisions`, { level: 2, note: '群众反复来电，请今日内处置', taskHours: 2 });
    expect(raised.status).toBe(201);
    expect((await (await s.as('cgj_handler')).post(`/api/v1/orders/${id}/supervisions`, { level: 1, note: 'x' })).status).toBe(403);
    const reply = await (await s.as('cgj_handler')).post(`/api/v1/supervisions/${raised.body.id}/reply`, { reply: '已安排车辆，下午清运' });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('replied');
    expect((await (await s.as('jtj_handler')).post(`/api/v1/supervisions/${raised.body.id}/reply`, { reply: 'x' })).status).toBe(404);
    const timeline = (await d.get(`/api/v1/orders/${id}`)).body.timeline.map((e: { action: string }) => e.action);
    expect(timeline.slice(-2)).toEqual(['supervise', 'supervision-reply']);
  });

  it('a deployment adds a level by data and templates (约谈), and raises it like any other', async () => {
    now = cst('2026-03-17 14:00');
    s.forgetSessions();
    await s.platform.db.query(
      `insert into supervision_levels (level, name_zh, name_en, template, notify, has_task, task_hours) values (6, '约谈', 'interview', 'supervision.interview', array['unit', 'centre'], true, 8)`,
    );
    await s.platform.db.query(
      `insert into message_templates (code, lang, subject, body) values
         ('supervision.interview', 'zh', '约谈通知', '{{unitName}}：工单{{orderCode}}久拖未决，请负责同志于{{dueAt}}前到指挥中心约谈。{{note}}'),
         ('supervision.interview', 'en', 'Interview', '{{unitName}}: order {{orderCode}} is long overdue; come to the centre before {{dueAt}}. {{note}}')`,
    );
    const levels = (await (await s.as('zx_supervisor')).get('/api/v1/supervision/levels')).body;
    expect(levels.map((l) => [l.level, l.nameZh, l.hasTask])).toContainEqual([6, '约谈', true]);
    const id = await atCgj();
    const raised = await (await s.as('zx_supervisor')).post(`/api/v1/orders/${id}/supervisions`, { level: 6, note: '请分管领导到场说明' });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ level: 6, levelName: '约谈', status: 'open' });
    expect(raised.body.taskDueAt).not.toBeNull();
    const inbox = (await (await s.as('cgj_handler')).get('/api/v1/inbox')).body.items;
    expect(inbox.find((m) => m.template === 'supervision.interview')?.body).toMatch(/^吴江区城市管理局（综合行政执法局）：工单LD\d+久拖未决，请负责同志于.+前到指挥中心约谈。请分管领导到场说明$/);
    // The template is editable like the built-in ones, with the supervision placeholders.
    const admin = await s.as('admin');
    expect((await admin.put('/api/v1/message-templates/supervision.interview/zh', { subject: '约谈', body: '{{unitName}} {{orderCode}} {{leaderName}}' })).status).toBe(200);
    expect((await admin.put('/api/v1/message-templates/supervision.interview/zh', { subject: '约谈', body: '{{link}}' })).body.error.field).toBe('body');
    expect((await (await s.as('zx_supervisor')).post(`/api/v1/orders/${id}/supervisions`, { level: 7, note: 'x' })).body.error).toMatchObject({ code: 'unprocessable', field: 'level' });
    const board = (await (await s.as('zx_supervisor')).get('/api/v1/supervision/board')).body;
    expect(board.units.find((u) => u.unitName.startsWith('吴江区城市管理局'))?.supervisions['6']).toBeGreaterThanOrEqual(1);
  });
});

describe('a supervision task ends with the supervisor, and a special report with the leader', () => {
  it('the supervisor sends an unsatisfying reply back, then accepts the next one; each step on the timeline', async () => {
    now = cst('2026-04-09 09:00'); // a Thursday
    s.forgetSessions();
    const id = await atCgj();
    const d = await s.as('zx_dispatcher');
    const sup = await s.as('zx_supervisor');
    const raised = await sup.post(`/api/v1/orders/${id}/supervisions`, { level: 2, note: '请今日内清运' });
    expect(raised.status).toBe(201);
    const sid = raised.body.id;
    const unit = await s.as('cgj_handler');
    expect((await sup.post(`/api/v1/supervisions/${sid}/review`, { accepted: true })).status).toBe(409); // nothing to review yet
    expect((await unit.post(`/api/v1/supervisions/${sid}/reply`, { reply: '已安排人员' })).status).toBe(200);
    expect((await unit.post(`/api/v1/supervisions/${sid}/review`, { accepted: true })).status).toBe(403); // the unit cannot close its own task
    const noNote = await sup.post(`/api/v1/supervisions/${sid}/review`, { accepted: false });
    expect({ status: noNote.status, field: noNote.body.error?.field }).toEqual({ status: 422, field: 'note' });
    now = cst('2026-04-09 10:00');
    const back = await sup.post(`/api/v1/supervisions/${sid}/review`, { accepted: false, note: '未说明清运完成时间' });
    expect(back.body).toMatchObject({ status: 'open', reviewNote: '未说明清运完成时间', taskDueAt: cst('2026-04-09 15:30').toISOString() }); // 4 working hours, over lunch
    expect((await unit.post(`/api/v1/supervisions/${sid}/reply`, { reply: '已于11时前清运完毕' })).status).toBe(200);
    const done = await sup.post(`/api/v1/supervisions/${sid}/review`, { accepted: true });
    expect(done.body).toMatchObject({ status: 'closed', reply: '已于11时前清运完毕' });
    const timeline = (await d.get(`/api/v1/orders/${id}`)).body.timeline.filter((e: { action: string }) => e.action.startsWith('supervision'));
    expect(timeline.map((e: { action: string; data: { accepted?: boolean | undefined } }) => [e.action, e.data.accepted ?? null])).toEqual([
      ['supervision-reply', null],
      ['supervision-review', false],
      ['supervision-reply', null],
      ['supervision-review', true],
    ]);
  });

  it('the leader instructs on a special report (批示); it goes down to the unit and the centre, once', async () => {
    now = cst('2026-04-09 11:00');
    s.forgetSessions();
    const id = await atCgj();
    const d = await s.as('zx_dispatcher');
    const sup = await s.as('zx_supervisor');
    const report = (await sup.post(`/api/v1/orders/${id}/supervisions`, { level: 5, note: '群众反映强烈，报请领导批示' })).body;
    const plain = (await sup.post(`/api/v1/orders/${id}/supervisions`, { level: 2, note: '请加快办理进度' })).body;
    const text = '请城管局主要负责同志亲自督办，三日内办结';
    expect((await sup.post(`/api/v1/supervisions/${report.id}/instruction`, { instruction: text })).status).toBe(403);
    const leader = await s.as('leader');
    expect((await leader.post(`/api/v1/supervisions/${plain.id}/instruction`, { instruction: text })).status).toBe(409);
    const given = await leader.post(`/api/v1/supervisions/${report.id}/instruction`, { instruction: text });
    expect(given.body).toMatchObject({ instruction: text, instructedByName: '区领导 吴江', instructedAt: cst('2026-04-09 11:00').toISOString() });
    expect((await leader.post(`/api/v1/supervisions/${report.id}/instruction`, { instruction: '再批' })).status).toBe(409);
    const sent = await s.platform.db.query<{ recipient: { unitId: number }; body: string }>(
      `select recipient, body from outbox where order_id = $1 and template = 'supervision.instruction' order by id`,
      [id],
    );
    expect(sent.rows.map((m) => m.recipient.unitId)).toEqual([await unitId(s, 'WJ-CGJ'), await unitId(s, 'WJ-ZX')]);
    expect(sent.rows[0]!.body).toContain(`区领导 吴江批示：${text}`);
    const ev = (await d.get(`/api/v1/orders/${id}`)).body.timeline.at(-1);
    expect(ev).toMatchObject({ action: 'instruction', note: text });
  });
});

describe('what the notices say', () => {
  it('an SMS ahead of the deadline says when it is due and reaches the unit leader; on-site supervision names the place', async () => {
    now = cst('2026-04-08 09:00'); // a Wednesday
    s.forgetSessions();
    const id = await atCgj();
    const sup = await s.as('zx_supervisor');
    expect((await sup.post(`/api/v1/orders/${id}/supervisions`, { level: 4, note: '领导关注，提前督促' })).status).toBe(201);
    expect((await sup.post(`/api/v1/orders/${id}/supervisions`, { level: 3, note: '现场查看整改进度' })).status).toBe(201);
    const sent = await s.platform.db.query<{ template: string; body: string }>(`select template, body from outbox where order_id = $1 and template like 'supervision.%' order by id`, [id]);
    const sms = sent.rows.find((m) => m.template === 'supervision.sms')!.body;
    expect(sms).toMatch(/^.局长同志：贵单位（吴江区城市管理局.*）承办的工单LD\d+签收环节将于2026年4月8日 10:00到期，尚余 1 小时，请督促尽快办理。$/);
    expect(sms).not.toMatch(/已超过|同志同志/);
    const onsite = sent.rows.find((m) => m.template === 'supervision.onsite')!.body;
    expect(onsite).toMatch(/将赴现场（[^）]+）督促办理/);
    const leader = await s.platform.db.query<{ leader_phone: string }>(`select leader_phone from units where code = 'WJ-CGJ'`);
    expect(leader.rows[0]!.leader_phone).toMatch(/^1\d{10}$/);
  });
});

describe('escalation up the levels', () => {
  it('a grid worker pushes to the village; the village that does not handle in time goes to the town, the town to the district', async () => {
    now = cst('2026-03-18 09:00');
    s.forgetSessions();
    const worker = await s.as('songling_gridworker');
    const p = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
    const created = await worker.post(
      '/api/v1/orders',
      { channel: 'grid_patrol', nature: 'report', description: '村口桥梁护栏断裂', location: p },
      { 'idempotency-key': newKey('up') },
    );
    const id = created.body.id;
    // Before the town accepts it, the report is not yet the grid's to push up.
    expect((await worker.act(id, 'escalate', { reason: '网格内无法处置' })).status).toBe(409);
    expect((await (await s.as('songling_dispatcher')).act(id, 'accept', {})).status).toBe(200);
    const toVillage = await worker.act(id, 'escalate', { reason: '网格内无法处置' });
    expect(toVillage.body).toMatchObject({ level: 'village', state: { code: 'pending_sign' } });
    expect(toVillage.body.handlerUnit!.name).toContain('工作站');
    // The village handles within 5 working days by default; past it, the clock pushes the order up.
    const read = async () => (await (await s.as('songling_gridworker')).get(`/api/v1/orders/${id}`)).body;
    await tick('2026-03-25 08:59');
    expect((await read()).level).toBe('village');
    await tick('2026-03-25 09:00');
    const atTown = await read();
    expect(atTown).toMatchObject({ level: 'town', state: { code: 'pending_dispatch' } });
    expect(atTown.dispatchUnit!.name).toContain('松陵街道');
    // The town's dispatch limit (1 working hour) passes without a dispatch: on to the district.
    await tick('2026-03-25 10:00');
    const atDistrict = await read();
    expect(atDistrict).toMatchObject({ level: 'district', state: { code: 'pending_dispatch' } });
    expect(atDistrict.dispatchUnit!.id).toBe(await unitId(s, 'WJ-ZX'));
    const ups = atDistrict.timeline.filter((e: { action: string }) => e.action === 'escalate');
    expect(ups.map((e) => [e.data.toLevel, e.data.auto ?? false])).toEqual([
      ['village', false],
      ['town', true],
      ['district', true],
    ]);
    expect(atDistrict.counts.escalations).toBe(3);
    // The clock's reasons say which unit let which limit pass.
    expect(ups[1].note).toMatch(/^村级办理超时上推镇街：.+工作站未在 5 工作日内完成处置，系统自动上推$/);
    expect(ups[2].note).toMatch(/^镇街分拨超时上推区中心：松陵街道.*未在 1 工作时内完成派遣，系统自动上推$/);
    const inbox = await s.platform.db.query<{ template: string }>(`select template from outbox where order_id = $1 and template = 'order.escalated'`, [id]);
    expect(inbox.rows).toHaveLength(3);
  });

  it('what the district sends down to a town stays with the town past its dispatch limit: chased, not pushed back up', async () => {
    now = cst('2026-03-26 09:00'); // a Thursday
    s.forgetSessions();
    const id = await hotlineOrder('06010');
    const d = await s.as('zx_dispatcher');
    expect((await d.act(id, 'accept')).status).toBe(200);
    const down = await d.act(id, 'dispatch', { unitId: await unitId(s, 'WJ-ZX-320509001') }); // 二级分拨 to 松陵街道
    expect(down.body).toMatchObject({ level: 'town', state: { code: 'pending_dispatch' } });
    await tick('2026-03-26 11:00'); // two working hours: past the town's 1-hour dispatch limit
    const view = (await d.get(`/api/v1/orders/${id}`)).body;
    expect(view).toMatchObject({ level: 'town', state: { code: 'pending_dispatch' } });
    expect(view.timeline.filter((e: { action: string }) => e.action === 'escalate')).toEqual([]);
    expect((await supervisions(id)).filter((x) => x.step === 'dispatch').length).toBeGreaterThan(0);
  });
});

describe('a supervision raised by hand', () => {
  it('beyond level 1 on an order that is not late needs a reason; a late order or level 1 needs only a note', async () => {
    now = cst('2026-04-15 09:00'); // a Wednesday
    s.forgetSessions();
    const id = await atCgj();
    const sup = await s.as('zx_supervisor');
    const count = async () => (await s.platform.db.query<{ n: number }>('select count(*)::int as n from supervisions where order_id = $1', [id])).rows[0]!.n;
    const early = await sup.post(`/api/v1/orders/${id}/supervisions`, { level: 3, note: '请加快' });
    expect([early.status, early.body.error.field]).toEqual([422, 'note']);
    expect(early.body.error.message).toMatch(/未超时.*理由/);
    const english = await (await s.as('zx_supervisor', 'en')).request('POST', `/api/v1/orders/${id}/supervisions`, { level: 5, note: 'now' }, { 'accept-language': 'en' });
    expect([english.status, english.body.error.message]).toEqual([422, expect.stringMatching(/not late.*reason/)]);
    expect(await count()).toBe(0);
    expect((await sup.post(`/api/v1/orders/${id}/supervisions`, { level: 1, note: '催' })).status).toBe(201);
    expect((await sup.post(`/api/v1/orders/${id}/supervisions`, { level: 3, note: '群众多次来电，现场督促' })).status).toBe(201);
    await tick('2026-04-15 14:00'); // the 2-hour sign limit has passed
    expect((await sup.post(`/api/v1/orders/${id}/supervisions`, { level: 2, note: '请加快' })).status).toBe(201);
  });
});
