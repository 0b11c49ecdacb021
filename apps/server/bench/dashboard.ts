/**
 * npm run bench:dashboard — every statistics API call of the dashboard (统计分析), and the big screen's snapshot
 * (大屏, the district's and a town's), at 10,000 and at 1,000,000 orders in PostgreSQL, p50/p95 and their ratio.
 * Orders are generated set-based straight into `orders` (skewed over grids, classes, channels and natures as real
 * work is; 92% closed, none in the future, and the open ones all of the last 45 days, as a centre's are), then the
 * rollups made by `rebuildStats` (set-based INSERTs); the server runs in this process and each call goes over HTTP
 * one at a time, after a warm-up, as one leader clicking (the screen: as its wall asks).
 *
 * Each call is compared with what it shows at 10,000 orders. The dashboard's month and year: 10,000 orders spread
 * over a year (27 a day, in a database of their own), so the same month holds 100 times fewer orders — the
 * stricter test of the rollups. The big screen shows today and now, so a year of 10,000 leaves its day almost
 * empty (27 orders, a few dozen grids with open ones); it is also compared with the same day of one centre at one
 * pace, a million orders a year (2,740 a day), after its first 3.65 days (10,000 orders) and a year later with 100
 * times the history behind the same days — the growth "a dashboard over years of orders" is about. Both ratios
 * are printed.
 *
 *   LIANDONG_BENCH_DATABASE_URL (default: TEST_DATABASE_URL, DATABASE_URL, postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_ORDERS (1000000)   BENCH_SMALL (10000)   BENCH_SAMPLES (40 per call)   BENCH_DB_NAME (liandong_bench_dashboard)
 */
import { openPostgres, type Db } from '@liandong/db';
import { rebuildStats } from '@liandong/core/statistics/rebuild-stats.ts';
import { buildApp } from '../src/app.ts';
import { DEFAULT_DEMO_PASSWORD, loadConfig } from '../src/config.ts';
import { demoCommand } from '../src/cli/demo.command.ts';
import { platformOn } from '../src/platform.ts';
import { DEFAULT_RATE_SETTINGS, rateLimits } from '../src/http/rate-limit.rules.ts';
import { benchDbUrl, dropDatabase, freshDatabase, timeGet } from './bench-server.ts';

const large = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const small = Number(process.env.BENCH_SMALL ?? 10_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 40);
/** The bench's own database (BENCH_DB_NAME: two engineers benching on one server each use their own). */
const NAME = process.env.BENCH_DB_NAME ?? 'liandong_bench_dashboard';


/** `count` more orders registered between `fromDays` and `toDays` days before now, set-based; ids continue after the largest. */
async function generate(db: Db, count: number, fromDays: number, toDays: number): Promise<void> {
  await db.query(`alter table orders disable trigger orders_stats_insert`);
  const chunk = 250_000;
  for (let done = 0; done < count; done += chunk) {
    const n = Math.min(chunk, count - done);
    await db.query(
      `with a as (
         select array(select code from grids where kind = 'basic' and village_code is not null order by code) as grids,
                array(select village_code from grids where kind = 'basic' and village_code is not null order by code) as villages,
                array(select town_code from grids where kind = 'basic' and village_code is not null order by code) as towns,
                array(select code from categories where level = 'minor' and active order by sort, code) as cats,
                array(select code from channels where active order by sort, code) as chans,
                array(select code from natures where active order by sort, code) as nats,
                array(select id from units where kind = 'department' order by id) as depts,
                (select id from units where kind = 'centre' order by id limit 1) as centre,
                (select code from divisions where level = 'district' limit 1) as district,
                coalesce((select max(id) from orders), 0) as base),
       r as (select x, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, $2::float8 + random() * ($3::float8 - $2::float8) as age,
                    random() as r7, random() as r8
               from generate_series(1, $1::int) x),
       o as (select a.base + r.x as id, a.district, r.*,
                    1 + floor(power(r.r1, 1.6) * cardinality(a.grids))::int as gi,
                    a.cats[1 + floor(power(r.r2, 3) * cardinality(a.cats))::int] as cat,
                    a.chans[1 + floor(power(r.r3, 2) * cardinality(a.chans))::int] as chan,
                    a.nats[1 + floor(power(r.r4, 2) * cardinality(a.nats))::int] as nat,
                    a.depts[1 + floor(power(r.r2, 3) * cardinality(a.depts))::int] as dept, a.centre,
                    -- Open orders are recent ones, as in a centre: an order older than 45 days has ended.
                    case when r.r5 < 0.92 or (r.r5 < 0.97 and r.age > 45) then 'closed' when r.r5 < 0.95 then 'handling'
                         when r.r5 < 0.97 then 'pending_sign' when r.r5 < 0.985 then 'rejected' else 'voided' end as state,
                    now() - r.age * interval '1 day' as created_at,
                    -- Handled within three days, and never after now.
                    least(now(), now() - r.age * interval '1 day' + r.r7 * interval '3 days') as ended_at
               from a, r)
       insert into orders (id, code, state, channel, nature, description, lng, lat, district_code, town_code, village_code, grid_code,
                           category_code, level, dispatch_unit_id, handler_unit_id, created_at, updated_at, closed_at, solved_level,
                           satisfaction, return_count, rework_count)
       overriding system value
       select o.id, 'LD' || to_char(o.created_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(o.id::text, 6, '0'), o.state, o.chan, o.nat,
              '测试工单', 120.6 + o.r7 / 10, 31.0 + o.r8 / 10, o.district, a.towns[o.gi], a.villages[o.gi], a.grids[o.gi],
              o.cat, 'district', o.centre, case when o.state in ('handling', 'closed', 'pending_sign') then o.dept end,
              o.created_at, o.ended_at, case when o.state = 'closed' then o.ended_at end,
              case when o.state = 'closed' then (array['grid', 'grid', 'grid', 'village', 'village', 'town', 'district', 'enforcement'])[1 + floor(o.r8 * 8)::int] end,
              case when o.state = 'closed' and o.r8 < 0.8 then (case when o.r1 < 0.9 then 'satisfied' else 'dissatisfied' end) end,
              (o.r7 < 0.03)::int, (o.r8 < 0.02)::int
         from o, a`,
      [n, fromDays, toDays],
    );
  }
  await db.query(`alter table orders enable trigger orders_stats_insert`);
}

async function login(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEFAULT_DEMO_PASSWORD }) });
  return ((await r.json()) as { token: string }).token;
}

/** A screen token (大屏令牌) for an area, made as an administrator makes one. */
async function screenToken(base: string, admin: string, areaCode: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/admin/screen-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ name: `bench ${areaCode}`, areaCode }),
  });
  if (r.status !== 201) throw new Error(`screen token: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { secret: string }).secret;
}

/** The dashboard's calls: the month (what it opens on), a year, a filter, and the figures' orders. */
const CALLS = (town: string, month: string, screens: { district: string; town: string }) => {
  const m = `period=month&date=${month}`;
  const y = `period=year&date=${month}`;
  return [
    ['headline (month)', `/api/v1/statistics/headline?${m}`],
    ['headline (year)', `/api/v1/statistics/headline?${y}`],
    ['headline (month, a town)', `/api/v1/statistics/headline?${m}&town=${town}`],
    ['series by day (month)', `/api/v1/statistics/series?${m}`],
    ['series by month (year)', `/api/v1/statistics/series?${y}`],
    ...['town', 'unit', 'major', 'channel', 'nature', 'state'].map((d) => [`breakdown ${d} (month)`, `/api/v1/statistics/breakdown/${d}?${m}`]),
    ['hot categories (month)', `/api/v1/statistics/breakdown/category?${m}&limit=10`],
    ['hot places (month)', `/api/v1/statistics/breakdown/village?${m}&limit=10`],
    ['breakdown grid (month)', `/api/v1/statistics/breakdown/grid?${m}&limit=100`],
    ['breakdown town (year)', `/api/v1/statistics/breakdown/town?${y}`],
    ['orders behind 满意 (month)', `/api/v1/statistics/orders?${m}&measure=satisfied&pageSize=20`],
    ['big screen (district)', `/api/v1/screen/snapshot?token=${screens.district}`],
    ['big screen (a town)', `/api/v1/screen/snapshot?token=${screens.town}`],
  ] as const;
};

async function run(label: string, db: Db, only: (call: string) => boolean = () => true): Promise<Map<string, { p50: number; p95: number }>> {
  const app = await buildApp(platformOn(db), { logLevel: 'error', rateLimits: rateLimits({ ...DEFAULT_RATE_SETTINGS, enabled: false }) });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const token = await login(base, 'leader');
    const town = (await db.query<{ code: string }>(`select town_code as code from orders group by 1 order by count(*) desc limit 1`)).rows[0]!.code;
    const month = new Date(Date.now() + 8 * 3_600_000 - 20 * 86_400_000).toISOString().slice(0, 10); // a whole month behind
    const admin = await login(base, 'admin');
    const district = (await db.query<{ code: string }>(`select code from divisions where level = 'district' limit 1`)).rows[0]!.code;
    const screens = { district: await screenToken(base, admin, district), town: await screenToken(base, admin, town) };
    const out = new Map<string, { p50: number; p95: number }>();
    console.log(`\n${label}`);
    for (const [name, path] of CALLS(town, month, screens).filter(([name]) => only(name))) {
      const m = await timeGet(base, token, path, samples);
      out.set(name, m);
      console.log(`  ${name.padEnd(30)} p50 ${m.p50.toFixed(1).padStart(7)} ms   p95 ${m.p95.toFixed(1).padStart(7)} ms${name.startsWith('big screen') ? await screenSize(base, path) : ''}`);
    }
    return out;
  } finally {
    await app.close();
  }
}

/** What the wall was sent: the answer's size, its heat points and grids with open orders. */
async function screenSize(base: string, path: string): Promise<string> {
  const text = await (await fetch(base + path, { headers: { 'accept-encoding': 'identity' } })).text();
  const x = JSON.parse(text) as { points: unknown[]; gridLoad: unknown[]; figures: { received: number } };
  return `   (${(text.length / 1024).toFixed(0)} kB: ${x.figures.received} received today, ${x.points.length} heat cells, ${x.gridLoad.length} grids with open orders)`;
}

async function sizes(db: Db): Promise<string> {
  const r = await db.query<{ orders: number; daily: number; monthly: number }>(
    `select (select count(*) from orders)::int as orders, (select count(*) from stats_daily)::int as daily, (select count(*) from stats_monthly)::int as monthly`,
  );
  const x = r.rows[0]!;
  return `${x.orders} orders; rollups ${x.daily} daily rows, ${x.monthly} monthly rows`;
}

/** A database of the demo district without history, and `count` orders of `fromDays`…`toDays` days ago with their rollups. */
async function prepare(name: string, count: number, fromDays: number, toDays: number): Promise<Db> {
  await freshDatabase(name);
  const code = await demoCommand(loadConfig({ DATABASE_URL: benchDbUrl(name), LIANDONG_DEMO: '1', LIANDONG_DEMO_DAYS: '0' }));
  if (code !== 0) throw new Error('demo load failed');
  const db = await openPostgres(benchDbUrl(name), { max: 10 });
  const t = performance.now();
  await generate(db, count, fromDays, toDays);
  await db.query('analyze');
  await rebuildStats(db, new Date());
  await db.query('checkpoint');
  console.log(`generated ${count} orders of the last ${toDays.toFixed(2)} days, rollups rebuilt, in ${((performance.now() - t) / 1000).toFixed(1)} s: ${await sizes(db)}`);
  return db;
}

const isScreen = (call: string) => call.startsWith('big screen');

async function main(): Promise<void> {
  const days = 365;
  const young = (small / large) * days;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`preparing the demo district (no history) with ${small} orders over a year …`);
  const spread = await prepare(`${NAME}_year`, small, 0, days);
  let a: Awaited<ReturnType<typeof run>>;
  try {
    a = await run(`${small} orders over a year (${(small / days).toFixed(0)} a day)`, spread);
  } finally {
    await spread.close();
    await dropDatabase(`${NAME}_year`);
  }
  console.log(`\npreparing the demo district (no history) with ${small} orders of a centre's first ${young.toFixed(2)} days …`);
  const db = await prepare(NAME, small, 0, young);
  try {
    // The wall shows today and now: here today is the million's today, with 100 times less behind it.
    const d = await run(`${small} orders, the first ${young.toFixed(2)} days at ${(large / days).toFixed(0)} a day (the big screen only)`, db, isScreen);
    let t = performance.now();
    await generate(db, large - small, young, days);
    const g2 = performance.now() - t;
    t = performance.now();
    await rebuildStats(db, new Date());
    // As autovacuum and the checkpointer would have by the time anyone looks: fresh statistics and visibility maps for
    // every table, and the generator's writes flushed (not written out while the calls are timed).
    await db.query('vacuum analyze');
    await db.query('checkpoint');
    console.log(`\ngenerated ${large - small} more orders behind them in ${(g2 / 1000).toFixed(1)} s, rollups rebuilt in ${((performance.now() - t) / 1000).toFixed(1)} s: ${await sizes(db)}`);
    const b = await run(`${large} orders, a year at ${(large / days).toFixed(0)} a day`, db);
    console.log(`\n${'p95'.padEnd(30)} ${`@${small}`.padStart(10)} ${`@${large}`.padStart(10)}   ratio   ${`@${small}, same day`.padStart(18)}   ratio`);
    for (const [name, m] of b) {
      const y = a.get(name)!;
      const s = d.get(name);
      const sameDay = s ? `${ms(s.p95).padStart(18)} ${`${(m.p95 / s.p95).toFixed(2)}×`.padStart(7)}` : '';
      console.log(`${name.padEnd(30)} ${ms(y.p95).padStart(10)} ${ms(m.p95).padStart(10)} ${`${(m.p95 / y.p95).toFixed(2)}×`.padStart(7)}   ${sameDay}`);
    }
  } finally {
    await db.close();
    if (process.env.BENCH_KEEP !== '1') await dropDatabase(NAME);
  }
}

await main();
