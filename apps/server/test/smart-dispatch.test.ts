/**
 * 智能分拨 through the API on the demo district: suggestions for an order's words ranked by confidence with the
 * words that weighed, each condition led by the unit it is offered with; who may ask (403) and which orders
 * (404 outside the scope); bad input answered 400 naming the field with nothing trained; an administrator's
 * training run in the background that learns the orders' dispatches, with its progress and evaluation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchModelView, DispatchSuggestions } from '@liandong/contracts';
import { words } from '@liandong/core/shared/text/segment.ts';
import { runAutoDispatch } from '@liandong/core/smart-dispatch/index.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { expectOk, orderIn, step, userOfUnit } from './order-fixtures.ts';

let s: TestServer;
const q = async <T = any>(sql: string, params: unknown[] = []) => (await s.platform.db.query<T>(sql, params)).rows;

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

async function ask(user: string, body: unknown) {
  return (await s.as(user)).post('/api/v1/dispatch/suggestions', body as never);
}

async function models(): Promise<DispatchModelView[]> {
  return expectOk(await (await s.as('admin')).get('/api/v1/dispatch/models'), 'models').items;
}

describe('suggestions', () => {
  it('bad input is refused naming the field, and nothing is trained', async () => {
    const cases: [unknown, string][] = [
      [{}, 'text'],
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(4001) }, 'text'],
      [{ text: '井盖', location: { lng: 120.6, lat: 200 } }, 'location.lat'],
      [{ text: '井盖', limit: 0 }, 'limit'],
    ];
    for (const [body, field] of cases) {
      const r = await ask('zx_dispatcher', body);
      expect({ status: r.status, field: r.body.error?.field }, JSON.stringify(body)).toEqual({ status: 400, field });
    }
    expect(await q('select version from dispatch_models')).toEqual([]);
  });

  it('a unit that handles orders may not ask (403), and nothing is trained', async () => {
    const r = await ask('cgj_handler', { text: '路灯不亮' });
    expect(r.status).toBe(403);
    expect(await q('select version from dispatch_models')).toEqual([]);
  });

  it('ranks units with their conditions, confidences and the words that weighed (the first ask trains version 1)', async () => {
    const text = '松陵镇中山路人行道上的污水井盖缺失，只用一块木板盖着，晚上很危险';
    const out: DispatchSuggestions = expectOk(await ask('zx_dispatcher', { text, location: { lng: 120.646, lat: 31.163 } }), 'suggest');
    expect(out.model?.version).toBe(1);
    expect(out.items.length).toBe(5);
    const confidences = out.items.map((i) => i.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    const textWords = new Set(words(text));
    for (const item of out.items) for (const w of item.reasons) expect(textWords.has(w), w).toBe(true);
    const top = out.items[0]!;
    expect(top.reasons.length).toBeGreaterThan(0);
    expect(top.condition).not.toBeNull();
    // The condition offered is one its unit leads.
    const lead = await q<{ code: string }>(
      `select u.code from condition_units cu join category_conditions cc on cc.id = cu.condition_id join units u on u.id = cu.unit_id where cc.code = $1 and cu.role = 'lead'`,
      [top.condition!.code],
    );
    expect(lead.map((l) => l.code)).toContain(top.unit.code);
    expect(top.category!.name).toMatch(/井/);
  });

  it('a schooling question goes to the education bureau (taught by the taxonomy), with no condition when the catalogue has none', async () => {
    const out: DispatchSuggestions = expectOk(await ask('songling_dispatcher', { text: '孩子小学转学，学校说没有学位不能插班就读，义务教育阶段怎么办' }), 'suggest');
    const top3 = out.items.slice(0, 3).map((i) => i.unit.code);
    expect(top3).toContain('WJ-JYJ');
  });

  it('an order outside the asker’s scope is 404; inside it its words are used', async () => {
    const f = await orderIn(s, 'pending_dispatch', { description: '小区门口垃圾桶满溢，垃圾散落一地没人清运' });
    expect((await ask('zhenze_dispatcher', { orderId: f.id })).status).toBe(404);
    expect((await ask('zx_dispatcher', { orderId: 999_999_999 })).status).toBe(404);
    const out: DispatchSuggestions = expectOk(await ask('zx_dispatcher', { orderId: f.id }), 'by order');
    expect(out.items[0]!.reasons.some((w) => f.order.description.includes(w))).toBe(true);
  });

  it('where it happened: a territorial matter is offered as the town’s sub-centre, from the point or from the order’s place', async () => {
    const clutter = '楼道里堆放杂物，邻居家的纸箱和旧家具把楼梯都堵住了';
    const f = await orderIn(s, 'pending_dispatch', { description: clutter });
    const [sub] = await q<{ code: string }>(`select u.code from orders o join units u on u.kind = 'sub_centre' and u.division_code = o.town_code where o.id = $1`, [f.id]);
    expect(sub).toBeDefined();
    const byOrder: DispatchSuggestions = expectOk(await ask('zx_dispatcher', { orderId: f.id }), 'by order');
    const byPoint: DispatchSuggestions = expectOk(await ask('zx_dispatcher', { text: clutter, location: { lng: 120.646, lat: 31.163 } }), 'by point');
    for (const out of [byOrder, byPoint]) {
      const placed = out.items.filter((i) => i.territorial);
      expect(placed.map((i) => i.unit.code)).toEqual([sub!.code]);
      const [rule] = await q<{ territorial: boolean }>(
        `select bool_or(cu.territorial) as territorial from condition_units cu join category_conditions cc on cc.id = cu.condition_id where cc.code = $1 and cu.role = 'lead'`,
        [placed[0]!.condition!.code],
      );
      expect(rule!.territorial).toBe(true);
      expect(placed[0]!.category).not.toBeNull();
    }
    // Without a place, the same words name no territorial unit.
    const bare: DispatchSuggestions = expectOk(await ask('zx_dispatcher', { text: clutter }), 'bare');
    expect(bare.items.some((i) => i.territorial)).toBe(false);
  });
});

describe('training', () => {
  it('only administrators see and start training runs', async () => {
    expect((await (await s.as('zx_dispatcher')).get('/api/v1/dispatch/models')).status).toBe(403);
    expect((await (await s.as('zx_dispatcher')).post('/api/v1/dispatch/models')).status).toBe(403);
  });

  it('a run starts at once, reports its progress and learns the dispatches made since', async () => {
    const before = (await models())[0]!;
    expect(before.state).toBe('ready');
    // One order dispatched to the urban management bureau, one dispatched there and returned (退单).
    await orderIn(s, 'pending_sign', { description: '工地夜间施工噪声扰民' });
    const back = await orderIn(s, 'pending_sign', { description: '小孩转学的问题' });
    await step(s, back, await userOfUnit(s, back.order.handlerUnit.id, 'handler'), 'return', { reason: '不属于本单位职责' }, 'pending_dispatch');
    const dispatched = await q<{ n: number }>(`select count(*)::int as n from order_events where action in ('dispatch', 'redispatch') and coalesce(data->>'secondLevel', 'false') <> 'true'`);
    expect(dispatched[0]!.n).toBeGreaterThan(0);
    const started: DispatchModelView = expectOk(await (await s.as('admin')).post('/api/v1/dispatch/models'), 'train', 202);
    expect(started.version).toBe(before.version + 1);
    expect(started.state).toBe('training');
    let run = started;
    for (let i = 0; i < 200 && run.state === 'training'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await models()).find((m) => m.version === started.version)!;
      expect(run.progress).toBeGreaterThanOrEqual(0);
    }
    expect(run.state).toBe('ready');
    expect(run.progress).toBe(1);
    expect(run.examples.dispatches).toBe(dispatched[0]!.n);
    expect(run.examples.returns).toBe(1);
    expect(run.evaluation?.heldOut).toBeGreaterThan(0);
    const out: DispatchSuggestions = expectOk(await ask('zx_dispatcher', { text: '垃圾桶满溢' }), 'suggest');
    expect(out.model?.version).toBe(started.version);
  });
});

describe('automatic dispatch (自动派遣)', () => {
  const wages = '单位拖欠工资三个月，社保养老保险也一直不交';
  const lamp = '小区门口路灯不亮';

  it('is off by default; only administrators see or change it; a threshold out of range is refused at its field', async () => {
    expect(expectOk(await (await s.as('admin')).get('/api/v1/dispatch/auto'), 'auto')).toEqual({ enabled: false, minConfidence: 0.9 });
    expect((await (await s.as('zx_dispatcher')).get('/api/v1/dispatch/auto')).status).toBe(403);
    expect((await (await s.as('zx_dispatcher')).put('/api/v1/dispatch/auto', { enabled: true, minConfidence: 0.8 })).status).toBe(403);
    const r = await (await s.as('admin')).put('/api/v1/dispatch/auto', { enabled: true, minConfidence: 0.2 });
    expect({ status: r.status, field: r.body.error?.field }).toEqual({ status: 400, field: 'minConfidence' });
    expect(expectOk(await (await s.as('admin')).get('/api/v1/dispatch/auto'), 'auto').enabled).toBe(false);
  });

  it('turned on, sends a new order to the first unit when the model is confident enough, and says so on the timeline', async () => {
    // What the dispatcher is offered first for an order, at its place: the platform acts on that same ranking.
    const first = async (orderId: number) => (expectOk(await ask('zx_dispatcher', { orderId }), 'suggest') as DispatchSuggestions).items[0]!;
    const before = await orderIn(s, 'pending_dispatch', { description: wages });
    // Off: nothing happens.
    expect(await runAutoDispatch(s.platform.db, s.platform.services)).toBe(0);
    expectOk(await (await s.as('admin')).put('/api/v1/dispatch/auto', { enabled: true, minConfidence: 0.75 }), 'enable');
    const a = await orderIn(s, 'pending_dispatch', { description: wages });
    const b = await orderIn(s, 'pending_dispatch', { description: lamp });
    const sure = await first(a.id);
    expect(sure.confidence).toBeGreaterThanOrEqual(0.75);
    expect((await first(b.id)).confidence).toBeLessThan(0.75);
    expect(await runAutoDispatch(s.platform.db, s.platform.services)).toBe(1);
    const state = async (id: number) => (await q<{ state: string; code: string | null }>(`select o.state, u.code from orders o left join units u on u.id = o.handler_unit_id where o.id = $1`, [id]))[0];
    expect(await state(a.id)).toEqual({ state: 'pending_sign', code: sure.unit.code });
    expect(await state(b.id)).toEqual({ state: 'pending_dispatch', code: null });
    expect(await state(before.id)).toEqual({ state: 'pending_dispatch', code: null });
    const [event] = await q<{ actor_user_id: number | null; note: string; data: any }>(`select actor_user_id, note, data from order_events where order_id = $1 and action = 'dispatch'`, [a.id]);
    expect(event!.actor_user_id).toBeNull();
    expect(event!.note).toMatch(/^智能分拨自动派遣（模型 v\d+，置信度 \d+%）$/);
    expect(event!.data.smartDispatch.confidence).toBeGreaterThanOrEqual(0.75);
    // Once considered, an order is not considered again.
    expect(await runAutoDispatch(s.platform.db, s.platform.services)).toBe(0);
    expectOk(await (await s.as('admin')).put('/api/v1/dispatch/auto', { enabled: false, minConfidence: 0.8 }), 'disable');
  });

  it('sends a territorial (属地) matter to the sub-centre of the order’s town, the suggestion the dispatcher is offered first', async () => {
    expectOk(await (await s.as('admin')).put('/api/v1/dispatch/auto', { enabled: true, minConfidence: 0.55 }), 'enable');
    const o = await orderIn(s, 'pending_dispatch', { description: '楼道堆放杂物' });
    const top = (expectOk(await ask('zx_dispatcher', { orderId: o.id }), 'suggest') as DispatchSuggestions).items[0]!;
    expect(top.territorial).toBe(true);
    expect(top.confidence).toBeGreaterThanOrEqual(0.55);
    expect(await runAutoDispatch(s.platform.db, s.platform.services)).toBe(1);
    const [after] = await q<{ state: string; level: string; kind: string; code: string; town: string | null; division: string | null }>(
      `select o.state, o.level, u.kind, u.code, o.town_code as town, u.division_code as division from orders o join units u on u.id = o.dispatch_unit_id where o.id = $1`,
      [o.id],
    );
    // 二级分拨: it waits at the town's sub-centre for its own dispatcher.
    expect(after).toMatchObject({ state: 'pending_dispatch', level: 'town', kind: 'sub_centre', code: top.unit.code });
    expect(after!.division).toBe(after!.town);
    expectOk(await (await s.as('admin')).put('/api/v1/dispatch/auto', { enabled: false, minConfidence: 0.8 }), 'disable');
  });
});
