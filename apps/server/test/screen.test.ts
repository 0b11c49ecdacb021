/**
 * The big screen (大屏) over HTTP: screen tokens made and revoked by administrators only; a missing, wrong or
 * revoked token refused with a named error on every screen route; the snapshot's figures equal a recount from the
 * orders; a town's screen sees its town only — in the snapshot and on the stream — and a revoked token's stream
 * ends at once. No reporter's name or phone ever reaches the wall.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenChange, ScreenSnapshot } from '@liandong/contracts';
import { newKey, startTestServer, type TestServer } from './harness.ts';
import { DEFAULT_PHONE, orderBody } from './order-fixtures.ts';
import { listenTo, type HeardStream } from './event-stream-reader.ts';

let s: TestServer;
let district: string;
let songling: string;
let districtToken: string;
let songlingToken: string;
let songlingTokenId: number;

beforeAll(async () => {
  s = await startTestServer();
  const r = await s.platform.db.query<{ district_code: string; town_code: string }>(
    `select g.district_code, g.town_code from grids g join user_scopes us on us.area_code = g.code join users u on u.id = us.user_id where u.username = 'songling_gridworker'`,
  );
  ({ district_code: district, town_code: songling } = r.rows[0]!);
  const admin = await s.as('admin');
  const d = await admin.post('/api/v1/admin/screen-tokens', { name: '区指挥中心大厅', areaCode: district });
  expect(d.status).toBe(201);
  districtToken = d.body.secret;
  const t = await admin.post('/api/v1/admin/screen-tokens', { name: '松陵街道', areaCode: songling });
  expect(t.status).toBe(201);
  expect(t.body.url).toBe(`/screen?token=${t.body.secret}`);
  expect(t.body.token).toMatchObject({ areaCode: songling, revokedAt: null, createdBy: 'admin' });
  songlingToken = t.body.secret;
  songlingTokenId = t.body.token.id;
});
afterAll(() => s?.close());

const snapshot = async (token: string) => {
  const r = await s.anonymous.request<ScreenSnapshot>('GET', `/api/v1/screen/snapshot?token=${encodeURIComponent(token)}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

const createIn = async (worker: string) => {
  const r = await (await s.as('zx_operator')).post('/api/v1/orders', await orderBody(s, { gridWorker: worker, reporterName: '王小明' }), { 'idempotency-key': newKey('screen') });
  expect(r.status).toBe(201);
  return r.body as { id: number; code: string };
};

type Stream = HeardStream<ScreenChange>;

const listen = (token: string): Promise<Stream> => listenTo(`${s.base}/api/v1/screen/live?token=${encodeURIComponent(token)}`);

describe('screen tokens', () => {
  it('are made, listed and revoked by administrators only; the area is the district or a town', async () => {
    const dispatcher = await s.as('zx_dispatcher');
    const refused = await dispatcher.post('/api/v1/admin/screen-tokens', { name: 'x', areaCode: district });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await dispatcher.get('/api/v1/admin/screen-tokens')).status).toBe(403);
    expect((await s.anonymous.get('/api/v1/admin/screen-tokens')).status).toBe(401);

    const admin = await s.as('admin');
    const village = (await s.platform.db.query<{ code: string }>(`select code from divisions where level = 'village' limit 1`)).rows[0]!.code;
    const wrongArea = await admin.post('/api/v1/admin/screen-tokens', { name: '村大屏', areaCode: village });
    expect(wrongArea.status).toBe(422);
    expect(wrongArea.body.error).toMatchObject({ code: 'unprocessable', field: 'areaCode' });
    const noName = await admin.post('/api/v1/admin/screen-tokens', { areaCode: district });
    expect(noName.status).toBe(400);
    expect(noName.body.error.field).toBe('name');

    const list = await admin.get('/api/v1/admin/screen-tokens');
    expect(list.status).toBe(200);
    expect(list.body.items.map((t) => t.areaCode)).toEqual(expect.arrayContaining([district, songling]));
    expect(JSON.stringify(list.body)).not.toContain(songlingToken);
  });

  it('a missing, wrong or unknown token is refused on every screen route with a named error', async () => {
    for (const path of ['/api/v1/screen/snapshot', '/api/v1/screen/map', '/api/v1/screen/live']) {
      const none = await s.anonymous.request('GET', path);
      expect(none.status, path).toBe(401);
      expect(none.body.error).toMatchObject({ code: 'screen_token_missing', field: 'token' });
      const wrong = await s.anonymous.request('GET', `${path}?token=ldw_not-a-token`);
      expect(wrong.status, path).toBe(401);
      expect(wrong.body.error.code).toBe('screen_token_invalid');
      // A person's session is not a screen token.
      const session = await s.anonymous.request('GET', `${path}?token=${(await s.as('admin')).token}`);
      expect(session.status, path).toBe(401);
      expect(session.body.error.code).toBe('screen_token_invalid');
    }
    const en = await s.anonymous.request('GET', '/api/v1/screen/snapshot', undefined, { 'accept-language': 'en' });
    expect(en.body.error.message).toMatch(/no token/);
  });
});

describe('the snapshot', () => {
  it('counts today’s orders as the orders say, shows the newest first, and never a person', async () => {
    const before = await snapshot(songlingToken);
    const created = await createIn('songling_gridworker');
    const after = await snapshot(songlingToken);
    expect(after.figures.received).toBe(before.figures.received + 1);
    expect(after.figures.open).toBe(before.figures.open + 1);
    expect(after.recent[0]).toMatchObject({ code: created.code, state: 'pending_accept', channel: 'hotline' });
    expect(after.gridLoad.reduce((n, g) => n + g.open, 0)).toBeLessThanOrEqual(after.figures.open);

    // Recounted straight from the orders: today in China time, the town's orders.
    const recount = await s.platform.db.query<{ received: string; open: string }>(
      `select count(*) filter (where created_at >= (date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai')) as received,
              count(*) filter (where state not in ('closed', 'rejected', 'merged', 'voided')) as open
         from orders where town_code = $1`,
      [songling],
    );
    expect(after.figures.received).toBe(Number(recount.rows[0]!.received));
    expect(after.figures.open).toBe(Number(recount.rows[0]!.open));
    for (const r of Object.values(after.figures)) if (typeof r === 'object') expect(r.hit).toBeLessThanOrEqual(r.of);
    // The heat layer: the last 24 hours' orders by ~100 m cell, each cell once, counted as the orders say.
    const cells = await s.platform.db.query<{ x: number; y: number; n: number }>(
      `select round(lng * 1000)::int as x, round(lat * 1000)::int as y, count(*)::int as n from orders
        where town_code = $1 and not confidential and created_at >= now() - interval '24 hours' group by 1, 2 order by 1, 2`,
      [songling],
    );
    expect([...after.points].sort((a, b) => a[0] - b[0] || a[1] - b[1])).toEqual(cells.rows.map((c) => [c.x / 1000, c.y / 1000, c.n]));
    // Another order at the same spot weighs its cell one more; no new cell.
    await createIn('songling_gridworker');
    const again = await snapshot(songlingToken);
    expect(again.points.length).toBe(after.points.length);
    expect(again.points.reduce((n, p) => n + p[2], 0)).toBe(after.points.reduce((n, p) => n + p[2], 0) + 1);

    const text = JSON.stringify(after);
    expect(text).not.toContain('王小明');
    expect(text).not.toContain(DEFAULT_PHONE);
    expect(after.area).toEqual({ code: songling, name: expect.any(String), level: 'town' });
    expect(after.warnings).toEqual([]); // early warning is installed; nothing is open yet
  });

  it('a town’s screen sees its town only; the district’s sees both', async () => {
    const [townBefore, districtBefore] = [await snapshot(songlingToken), await snapshot(districtToken)];
    const elsewhere = await createIn('shengze_gridworker');
    const [town, all] = [await snapshot(songlingToken), await snapshot(districtToken)];
    expect(town.figures.received).toBe(townBefore.figures.received);
    expect(town.recent.some((o) => o.code === elsewhere.code)).toBe(false);
    expect(all.figures.received).toBe(districtBefore.figures.received + 1);
    expect(all.recent[0]!.code).toBe(elsewhere.code);
    // The town's rankings are its villages; the district's its towns.
    const villages = await s.platform.db.query<{ code: string }>(`select code from divisions where parent_code = $1`, [songling]);
    expect(town.areas.map((a) => a.key).sort()).toEqual(villages.rows.map((v) => v.code).sort());
    expect(all.areas.map((a) => a.key)).toContain(songling);
  });

  it('shows the open warnings about places in its area — a spike in the town, not a caller, not another town’s', async () => {
    const raise = (kind: string, rule: string, town: string, title: string, phone: string | null = null) =>
      s.platform.db.query(
        `insert into warnings (kind, rule_code, dedupe_key, area_level, district_code, town_code, phone, observed, threshold, window_from, window_to,
                               title_zh, title_en, explanation_zh, explanation_en, raised_at)
         values ($1, $2, $3, 'town', $4, $5, $6, 9, 5, now() - interval '1 day', now(), $7, $7, '说明', 'explained', now())`,
        [kind, rule, `${kind}:${town}:${title}`, district, town, phone, title],
      );
    const rules = await s.platform.db.query<{ code: string; kind: string }>(`select code, kind from warning_rules`);
    const rule = (kind: string) => rules.rows.find((r) => r.kind === kind)!.code;
    const shengze = (await s.platform.db.query<{ town_code: string }>(`select town_code from grids where town_code <> $1 limit 1`, [songling])).rows[0]!.town_code;
    await raise('spike', rule('spike'), songling, '松陵街道 占道经营 24小时内 9 件，明显高于基线');
    await raise('spike', rule('spike'), shengze, '另一镇 暴露垃圾 24小时内 9 件');
    await raise('repeat_caller', rule('repeat_caller'), songling, '同一来电人 7 天内来电 5 次', '13912345678');
    const [town, all] = [await snapshot(songlingToken), await snapshot(districtToken)];
    expect(town.warnings!.map((w) => w.title)).toEqual(['松陵街道 占道经营 24小时内 9 件，明显高于基线']);
    expect(town.warnings![0]).toMatchObject({ level: 'red', area: expect.any(String) });
    expect(all.warnings!.map((w) => w.title).sort()).toEqual(['另一镇 暴露垃圾 24小时内 9 件', '松陵街道 占道经营 24小时内 9 件，明显高于基线'].sort());
    await s.platform.db.query(`update warnings set state = 'resolved', resolved_at = now()`);
    expect((await snapshot(songlingToken)).warnings).toEqual([]);
  });

  it('the map outlines the token’s area only', async () => {
    const r = await s.anonymous.request('GET', `/api/v1/screen/map?token=${songlingToken}`);
    expect(r.status).toBe(200);
    expect(r.body.outline.map((f: { code: string }) => f.code)).toEqual([songling]);
    const grids = await s.platform.db.query<{ code: string }>(`select code from grids where town_code <> $1 and kind = 'basic'`, [songling]);
    const shown = new Set(r.body.grids.map((g: { code: string }) => g.code));
    expect(shown.size).toBeGreaterThan(0);
    expect(grids.rows.filter((g) => shown.has(g.code))).toEqual([]);
  });
});

describe('the screen stream', () => {
  it('a new order in the area is heard within a second, public-level; another town’s is not', async () => {
    const town = await listen(songlingToken);
    const all = await listen(districtToken);
    const mine = await createIn('songling_gridworker');
    const heard = await town.waitFor((e) => e.event === 'order' && e.data.order?.code === mine.code, 1000);
    expect(heard.data).toMatchObject({ action: 'create', confidential: false, state: 'pending_accept', order: { orderId: mine.id, state: 'pending_accept', channel: 'hotline' } });
    expect(JSON.stringify(heard.data)).not.toContain('王小明');
    const theirs = await createIn('shengze_gridworker');
    await all.waitFor((e) => e.data.order?.code === theirs.code, 1000);
    await all.waitFor((e) => e.data.order?.code === mine.code, 1000);
    // By now the town's stream would have had it too.
    await new Promise((r) => setTimeout(r, 200));
    expect(town.events.some((e) => e.data.order?.code === theirs.code)).toBe(false);
    town.close();
    all.close();
  });

  it('a confidential order is heard as counted, with nothing of it but its state; the snapshot counts it and neither lists nor draws it', async () => {
    const before = await snapshot(songlingToken);
    const town = await listen(songlingToken);
    const r = await (await s.as('zx_operator')).post(
      '/api/v1/orders',
      { ...(await orderBody(s, { gridWorker: 'songling_gridworker', reporterName: '王小明' })), confidential: true },
      { 'idempotency-key': newKey('screen-secret') },
    );
    expect(r.status).toBe(201);
    const secret = r.body as { code: string };
    const heard = await town.waitFor((e) => e.event === 'order' && e.data.confidential, 1000);
    expect(heard.data).toEqual({ action: 'create', confidential: true, state: 'pending_accept' });
    town.close();
    const after = await snapshot(songlingToken);
    expect(after.figures.received).toBe(before.figures.received + 1);
    expect(after.recent.some((o) => o.code === secret.code)).toBe(false);
    expect(after.points.length).toBe(before.points.length);
  });

  it('a revoked token: its stream ends at once and every request is refused (403 screen_token_revoked)', async () => {
    const stream = await listen(songlingToken);
    const revoked = await (await s.as('admin')).delete(`/api/v1/admin/screen-tokens/${songlingTokenId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const outcome = await Promise.race([stream.ended.then(() => 'ended'), new Promise((r) => setTimeout(() => r('still open'), 1000))]);
    expect(outcome).toBe('ended');
    for (const path of ['/api/v1/screen/snapshot', '/api/v1/screen/map', '/api/v1/screen/live']) {
      const r = await s.anonymous.request('GET', `${path}?token=${songlingToken}`);
      expect(r.status, path).toBe(403);
      expect(r.body.error).toMatchObject({ code: 'screen_token_revoked', field: 'token' });
    }
    // Revoking again answers the same token; an unknown id is a 404.
    const again = await (await s.as('admin')).delete(`/api/v1/admin/screen-tokens/${songlingTokenId}`);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await (await s.as('admin')).delete('/api/v1/admin/screen-tokens/999999')).status).toBe(404);
    // The district's screen goes on.
    await snapshot(districtToken);
  });
});
