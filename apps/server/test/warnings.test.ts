/**
 * 预警 on the steady demo history (30 days of orders at a small scale, built through the live decisions): the
 * history alone raises nothing but the orders its clocks put at risk (recounted here from the stored yellow moments);
 * a spike of one category injected into one village and a caller who calls five times raise exactly those two
 * warnings, explained by their numbers (the baseline recounted with independent SQL). Then: dedupe, the inboxes
 * they reach, scope (a town's shift lead sees his town only; a unit sees its own backlog), acknowledging and
 * resolving with who and when, refusals (403, 400 naming the field, 409), the rules as administrators change them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WarningView } from '@liandong/contracts';
import { buildDemoHistory } from '@liandong/core/demo/history/index.ts';
import { distanceM } from '@liandong/core/territory/distance.rules.ts';
import { newKey, startTestServer, type TestServer } from './harness.ts';
import { expectOk } from './order-fixtures.ts';

const END = new Date('2026-11-20T06:00:00Z');
const MIN = 60_000;
let now = END;
let s: TestServer;

/** The spike: a category never reported in the village, six times in an hour, at six places of it. */
let village = '';
let town = '';
let spikeCategory = '';
const spikeOrders: number[] = [];
/** The caller: five calls about five things in five towns. */
const CALLER = '13700001234';
const callerOrders: number[] = [];

const q = async <T = any>(sql: string, params: unknown[] = []) => (await s.platform.db.query<T>(sql, params)).rows;

async function run(): Promise<{ raised: number; byRule: { rule: string; found: number; raised: number }[] }> {
  return expectOk(await (await s.as('admin')).post('/api/v1/warning-rules/run'), 'run');
}

async function all(user = 'admin', query = ''): Promise<WarningView[]> {
  return expectOk(await (await s.as(user)).get(`/api/v1/warnings?pageSize=200${query}` as '/api/v1/warnings'), `list as ${user}`).items;
}

/** Running sign and handle clocks past their yellow moment (80% used) and not yet due: the at-risk orders. */
async function atRiskNow(): Promise<string[]> {
  const rows = await q<{ k: string }>(
    `select d.order_id || ':' || d.step as k from order_deadlines d join orders o on o.id = d.order_id
      where d.done_at is null and o.suspended_at is null and d.step in ('sign', 'handle') and d.yellow_at < $1 and d.due_at > $1 order by 1`,
    [now],
  );
  return rows.map((r) => r.k);
}

/** Running sign and handle clocks past their yellow moment, due or not. */
async function pastYellow(): Promise<string[]> {
  const rows = await q<{ k: string }>(
    `select d.order_id || ':' || d.step as k from order_deadlines d
      where d.done_at is null and d.step in ('sign', 'handle') and d.yellow_at < $1 order by 1`,
    [now],
  );
  return rows.map((r) => r.k);
}

/** Points of a village at least `apart` metres from one another, found by the territory index. */
async function placesIn(villageCode: string, n: number, apart: number): Promise<{ lng: number; lat: number }[]> {
  const b = (await q<{ x0: number; x1: number; y0: number; y1: number }>(
    `select min(lng) x0, max(lng) x1, min(lat) y0, max(lat) y1 from orders where village_code = $1`,
    [villageCode],
  ))[0]!;
  const out: { lng: number; lat: number }[] = [];
  for (let i = 1; i < 2000 && out.length < n; i++) {
    const p = { lng: b.x0 + ((i * 0.618034) % 1) * (b.x1 - b.x0), lat: b.y0 + ((i * 0.414214) % 1) * (b.y1 - b.y0) };
    if ((await s.platform.territory.lookup(p.lng, p.lat)).villageCode !== villageCode) continue;
    if (out.every((o) => distanceM(o, p) > apart)) out.push(p);
  }
  if (out.length < n) throw new Error(`only ${out.length} places found in ${villageCode}`);
  return out;
}

async function call(at: Date, location: { lng: number; lat: number }, categoryCode: string, phone: string): Promise<number> {
  now = at;
  const r = await (await s.as('zx_operator')).post(
    '/api/v1/orders',
    { channel: 'hotline', nature: 'complaint', description: `预警测试来电 ${newKey('w')}`, location, categoryCode, reporter: { name: '王五', phone } },
    { 'idempotency-key': newKey('w') },
  );
  return expectOk(r, 'create', 201).id;
}

const shiftLeadOf = async (area: string) =>
  (await q<{ username: string }>(
    `select u.username from users u join user_roles r on r.user_id = u.id and r.role = 'shift_lead' join user_scopes sc on sc.user_id = u.id
      where sc.area_code = $1 order by u.id limit 1`,
    [area],
  ))[0]!.username;

beforeAll(async () => {
  s = await startTestServer({ clock: () => now });
  await buildDemoHistory(s.platform.db, { days: 30, endAt: END, ordersPerDay: 120, seed: 7 });
}, 240_000);
afterAll(() => s?.close());

describe('early warning on the steady demo history', () => {
  it('raises nothing on the history alone but the orders at risk of breaching', async () => {
    const r = await run();
    for (const rule of ['spike', 'repeat_caller', 'repeat_place', 'backlog']) expect(r.byRule.find((x) => x.rule === rule)).toEqual({ rule, found: 0, raised: 0 });
    const w = await all();
    expect(w.every((x) => x.kind === 'at_risk')).toBe(true);
    expect(w.map((x) => `${x.subject.order!.id}:${x.subject.step}`).sort()).toEqual(await atRiskNow());
  });

  it('raises a spike in the village and a repeated caller, and nothing else', async () => {
    const pick = (await q<{ village_code: string; town_code: string }>(
      `select village_code, town_code from orders where village_code is not null group by 1, 2 order by count(*) desc limit 1`,
    ))[0]!;
    village = pick.village_code;
    town = pick.town_code;
    // Categories with a condition (so intake classifies them), none reported in the village before.
    const cats = (await q<{ code: string }>(
      `select c.code from categories c where c.level = 'minor' and c.kind = 'event'
          and exists (select 1 from category_conditions k where k.category_code = c.code)
          and not exists (select 1 from orders o where o.category_code = c.code and o.village_code = $1)
        order by c.code limit 6`,
      [village],
    )).map((r) => r.code);
    spikeCategory = cats[0]!;
    const places = await placesIn(village, 6, 120);
    for (let i = 0; i < 6; i++) spikeOrders.push(await call(new Date(END.getTime() + (5 + i * 7) * MIN), places[i]!, spikeCategory, `1360000000${i}`));
    // Five calls by one number, each about another thing in another town.
    const spots = await q<{ lng: number; lat: number }>(
      `select distinct on (town_code) lng, lat from orders where town_code <> $1 and village_code is not null order by town_code, id limit 5`,
      [town],
    );
    for (let i = 0; i < 5; i++) callerOrders.push(await call(new Date(END.getTime() + (50 + i * 3) * MIN), spots[i]!, cats[i + 1]!, CALLER));
    now = new Date(END.getTime() + 70 * MIN);

    const r = await run();
    const byRule = Object.fromEntries(r.byRule.map((x) => [x.rule, x.raised]));
    expect(byRule).toMatchObject({ spike: 1, repeat_caller: 1, repeat_place: 0, backlog: 0 });
    const w = await all();
    const others = w.filter((x) => x.kind !== 'at_risk');
    expect(others.map((x) => x.kind).sort()).toEqual(['repeat_caller', 'spike']);
    // Every order at risk now has its warning; an earlier one stays open while its step runs (past due too).
    const openAtRisk = w.filter((x) => x.kind === 'at_risk' && x.state !== 'resolved').map((x) => `${x.subject.order!.id}:${x.subject.step}`).sort();
    expect(openAtRisk).toEqual(expect.arrayContaining(await atRiskNow()));
    expect(await pastYellow()).toEqual(expect.arrayContaining(openAtRisk));

    const spike = others.find((x) => x.kind === 'spike')!;
    expect(spike.subject).toMatchObject({ areaLevel: 'village', area: { code: village }, town: { code: town }, category: { code: spikeCategory } });
    // The baseline recounted: the category's orders in the village in the 28 days before the 24-hour window.
    const base = (await q<{ n: number }>(
      `select count(*)::int as n from orders where village_code = $1 and category_code = $2 and merged_into_id is null
          and created_at > $3::timestamptz - interval '29 days' and created_at <= $3::timestamptz - interval '1 day'`,
      [village, spikeCategory, now],
    ))[0]!.n;
    expect(base).toBe(0);
    expect(spike.figures).toMatchObject({ observed: 6, expected: 0, threshold: 5, pValue: 0 });
    expect(spike.orderCount).toBe(6);
    expect(spike.explanation).toContain('6件');
    expect(spike.explanation).toContain('预警线为5件');

    const caller = others.find((x) => x.kind === 'repeat_caller')!;
    expect(caller.figures).toMatchObject({ observed: 5, threshold: 5 });
    expect(caller.subject.phone).toBe('137****1234');
    expect(caller.explanation).toContain('来电5次');
    const behind = expectOk(await (await s.as('leader')).get(`/api/v1/warnings/${caller.id}/orders` as '/api/v1/warnings/summary'), 'orders') as any;
    expect(behind.items.map((o: { id: number }) => o.id).sort()).toEqual([...callerOrders].sort());
  });

  it('does not raise a second open warning for the same condition', async () => {
    const before = (await all()).filter((x) => x.kind !== 'at_risk').length;
    const places = await placesIn(village, 7, 120);
    spikeOrders.push(await call(new Date(now.getTime() + 2 * MIN), places[6]!, spikeCategory, '13600000009'));
    now = new Date(now.getTime() + 5 * MIN);
    const r = await run();
    expect(r.byRule.find((x) => x.rule === 'spike')!.raised).toBe(0);
    expect(r.byRule.find((x) => x.rule === 'repeat_caller')!.raised).toBe(0);
    expect((await all()).filter((x) => x.kind !== 'at_risk').length).toBe(before);
  });

  it('reaches the district leader, the district and the town shift leads, not another town', async () => {
    const inbox = async (user: string) =>
      (expectOk(await (await s.as(user)).get('/api/v1/inbox?pageSize=100' as '/api/v1/inbox'), 'inbox') as any).items.filter((m: { template: string }) => m.template === 'warning.raised');
    const townLead = await shiftLeadOf(town);
    const otherTown = (await q<{ code: string }>(`select code from divisions where level = 'town' and code <> $1 order by code limit 1`, [town]))[0]!.code;
    const leaderMail = await inbox('leader');
    expect(leaderMail.map((m: { subject: string }) => m.subject).some((x: string) => x.includes('激增'))).toBe(true);
    expect(leaderMail.map((m: { subject: string }) => m.subject).some((x: string) => x.includes('137****1234'))).toBe(true);
    expect((await inbox('zx_shiftlead')).length).toBeGreaterThanOrEqual(2);
    const townMail = await inbox(townLead);
    expect(townMail.map((m: { subject: string }) => m.subject).some((x: string) => x.includes('激增'))).toBe(true);
    // The caller's warning is the district's: the town hears of its spike only.
    expect(townMail.some((m: { subject: string }) => m.subject.includes('137****1234'))).toBe(false);
    // Another town's shift lead hears of neither (his units' own at-risk orders reach his inbox, as they should).
    const otherMail = await inbox(await shiftLeadOf(otherTown));
    expect(otherMail.filter((m: { subject: string }) => m.subject.includes('激增') || m.subject.includes('137****1234'))).toEqual([]);
    expect(otherMail.every((m: { recipient: { kind: string } }) => m.recipient.kind === 'unit')).toBe(true);
  });

  it('shows a town its own warnings only, and a unit its own', async () => {
    const spike = (await all()).find((x) => x.kind === 'spike')!;
    const townLead = await shiftLeadOf(town);
    const otherTown = (await q<{ code: string }>(`select code from divisions where level = 'town' and code <> $1 order by code limit 1`, [town]))[0]!.code;
    const otherLead = await shiftLeadOf(otherTown);
    expect((await all(townLead)).some((x) => x.id === spike.id)).toBe(true);
    expect((await all(otherLead)).some((x) => x.id === spike.id)).toBe(false);
    expect((await (await s.as(otherLead)).get(`/api/v1/warnings/${spike.id}` as '/api/v1/warnings/summary')).status).toBe(404);
    expect((await (await s.as(otherLead)).post(`/api/v1/warnings/${spike.id}/acknowledge` as '/api/v1/warning-rules/run')).status).toBe(404);
    for (const w of await all(otherLead)) expect([w.subject.town?.code, w.subject.area?.code].includes(otherTown) || w.subject.unit !== null).toBe(true);

    // Backlogs: lowered thresholds make the units whose backlog grew at all warn; each unit sees its own.
    const admin = await s.as('admin');
    expectOk(await admin.put('/api/v1/warning-rules/backlog' as '/api/v1/warning-rules/run', { params: { minOpen: 1, growthRatio: 1, minGrowth: 1 } }), 'lower');
    await run();
    const backlogs = (await all()).filter((x) => x.kind === 'backlog');
    expect(backlogs.length).toBeGreaterThan(1);
    const handlerOf = async (unit: number) =>
      (await q<{ username: string }>(`select u.username from users u join user_roles r on r.user_id = u.id and r.role = 'handler' where u.unit_id = $1 order by u.id limit 1`, [unit]))[0]?.username;
    let mine: WarningView | undefined;
    let handler: string | undefined;
    for (const w of backlogs) {
      handler = await handlerOf(w.subject.unit!.id);
      if (handler) {
        mine = w;
        break;
      }
    }
    expect(handler).toBeDefined();
    const seen = await all(handler!);
    expect(seen.some((x) => x.id === mine!.id)).toBe(true);
    expect(seen.some((x) => x.kind === 'backlog' && x.subject.unit!.id !== mine!.subject.unit!.id)).toBe(false);
    expect(seen.every((x) => x.subject.unit?.id === mine!.subject.unit!.id)).toBe(true);
    const other = backlogs.find((x) => x.subject.unit!.id !== mine!.subject.unit!.id)!;
    expect((await (await s.as(handler!)).get(`/api/v1/warnings/${other.id}` as '/api/v1/warnings/summary')).status).toBe(404);
    const summary = expectOk(await admin.get('/api/v1/warnings/summary'), 'summary') as any;
    const open = (await all()).filter((x) => x.state !== 'resolved');
    expect(summary.open).toBe(open.length);
    for (const k of summary.byKind) expect(k.open).toBe(open.filter((x) => x.kind === k.kind).length);
    expect(summary.newest[0].id).toBe(Math.max(...open.map((x) => x.id)));
    expectOk(await admin.put('/api/v1/warning-rules/backlog' as '/api/v1/warning-rules/run', { params: { minOpen: 10, growthRatio: 1.5, minGrowth: 10 } }), 'restore');
  });

  it('moves new → acknowledged → resolved with who and when, and refuses what is not allowed', async () => {
    const spike = (await all()).find((x) => x.kind === 'spike')!;
    const url = (a: string) => `/api/v1/warnings/${spike.id}/${a}` as '/api/v1/warning-rules/run';
    expect(spike.state).toBe('new');
    const leader = await s.as('leader');
    expect(spike.allowedActions).toEqual(['acknowledge', 'resolve']);
    // A dispatcher sees warnings but does not handle them; a citizen sees none.
    const dispatcher = await s.as('zx_dispatcher');
    const d = expectOk(await dispatcher.get(`/api/v1/warnings/${spike.id}` as '/api/v1/warnings/summary'), 'as dispatcher') as any;
    expect(d.allowedActions).toEqual([]);
    expect((await dispatcher.post(url('acknowledge'))).status).toBe(403);
    expect((await dispatcher.post(url('resolve'), { note: '已处理' })).status).toBe(403);
    expect((await (await s.as('citizen')).get('/api/v1/warnings')).status).toBe(403);

    const ack = expectOk(await leader.post(url('acknowledge'), {}), 'acknowledge') as any;
    expect(ack).toMatchObject({ state: 'acknowledged', acknowledgedAt: now.toISOString(), acknowledgedBy: { name: '区领导 吴江' }, allowedActions: ['resolve'] });
    const again = await leader.post(url('acknowledge'), {});
    expect(again.status).toBe(409);

    const noNote = await leader.post(url('resolve'), {});
    expect(noNote.status).toBe(400);
    expect((noNote.body as any).error.field).toBe('note');
    const blank = await leader.post(url('resolve'), { note: '   ' });
    expect(blank.status).toBe(400);
    expect((blank.body as any).error.field).toBe('note');
    expect((await leader.get(`/api/v1/warnings/${spike.id}` as '/api/v1/warnings/summary')).body).toMatchObject({ state: 'acknowledged' });

    now = new Date(now.getTime() + MIN);
    const res = expectOk(await leader.post(url('resolve'), { note: '已约谈商户，集中整治' }), 'resolve') as any;
    expect(res).toMatchObject({ state: 'resolved', resolvedAt: now.toISOString(), resolvedBy: { name: '区领导 吴江' }, resolutionNote: '已约谈商户，集中整治', allowedActions: [] });
    expect((await leader.post(url('resolve'), { note: 'x' })).status).toBe(409);
    // Still spiking, but resolved within the cooldown: not raised again.
    expect((await run()).byRule.find((x) => x.rule === 'spike')!.raised).toBe(0);
    // Filters.
    const resolved = await all('leader', '&state=resolved&kind=spike');
    expect(resolved.map((x) => x.id)).toEqual([spike.id]);
    expect((await all('leader', `&area=${village}&state=open`)).every((x) => x.state !== 'resolved')).toBe(true);
  });

  it('keeps the rules for administrators, refusing bad thresholds naming the field', async () => {
    const admin = await s.as('admin');
    const rules = expectOk(await admin.get('/api/v1/warning-rules'), 'rules') as any[];
    expect(rules.map((r) => r.code).sort()).toEqual(['at_risk', 'backlog', 'repeat_caller', 'repeat_place', 'spike']);
    expect(rules.find((r) => r.code === 'spike').params).toMatchObject({ alpha: 0.001, minCount: 5, windowHours: 24, baselineDays: 28 });
    expect((await (await s.as('leader')).get('/api/v1/warning-rules')).status).toBe(403);
    expect((await (await s.as('leader')).post('/api/v1/warning-rules/run')).status).toBe(403);
    const put = (code: string, body: unknown) => admin.put(`/api/v1/warning-rules/${code}` as '/api/v1/warning-rules/run', body);
    const cases: [unknown, string][] = [
      [{ params: { radiusMetres: 30 } }, 'params.radiusMetres'],
      [{ params: { minCount: 0 } }, 'params.minCount'],
      [{ params: { alpha: 2 } }, 'params.alpha'],
      [{ enabled: 'yes' }, 'enabled'],
    ];
    for (const [body, field] of cases) {
      const r = await put('spike', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((r.body as any).error.field).toBe(field);
    }
    expect((await put('nope', { enabled: false })).status).toBe(404);
    expect((await admin.get('/api/v1/warnings?since=yesterday' as '/api/v1/warnings')).status).toBe(400);
    expect(((await admin.get('/api/v1/warnings?kind=flood' as '/api/v1/warnings')).body as any).error.field).toBe('kind');
    // Nothing changed by the refusals.
    expect((expectOk(await admin.get('/api/v1/warning-rules'), 'rules') as any[]).find((r) => r.code === 'spike').params.minCount).toBe(5);
    const off = expectOk(await put('repeat_caller', { enabled: false, params: { minCalls: 3 } }), 'update') as any;
    expect(off).toMatchObject({ enabled: false, params: { minCalls: 3, days: 7 }, updatedBy: { name: '系统管理员' } });
  });
});
