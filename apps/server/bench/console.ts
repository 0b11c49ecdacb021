/**
 * npm run bench:console — the console's first load and its API calls on the demo district at two sizes: the demo
 * history (~10,000 orders, 3 days) and the same district grown to BENCH_ORDERS (default 1,000,000) by cloning the
 * history into the past as closed orders with their timelines, clocks, units and reporters. Each call's p50/p95
 * at both sizes and their ratio show how its cost grows with the data (a queue page should not).
 *
 *   LIANDONG_BENCH_DATABASE_URL (default: TEST_DATABASE_URL, DATABASE_URL, postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_ORDERS (1000000)   BENCH_SAMPLES (60 per call)   BENCH_KEEP=1 keeps the grown database for the next run
 *
 * The server runs in this process (buildApp on its own pool, rate limits off); calls go over HTTP one at a time,
 * as one user clicking, each after a warm-up.
 */
import http from 'node:http';
import { timeGet } from './bench-server.ts';
import { openPostgres, type Db } from '@liandong/db';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { demoCommand } from '../src/cli/demo.command.ts';
import { platformOn } from '../src/platform.ts';
import { DEFAULT_RATE_SETTINGS, rateLimits } from '../src/http/rate-limit.rules.ts';
import { DEFAULT_DEMO_PASSWORD } from '../src/config.ts';

const serverUrl = process.env.LIANDONG_BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const target = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 60);
const keep = process.env.BENCH_KEEP === '1';
const NAME = 'liandong_bench_console';

const dbUrl = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();

async function orderCount(db: Db): Promise<number> {
  return (await db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n;
}

/** A fresh database with the demo district and 3 days of history (~10,000 orders). */
async function prepareSmall(): Promise<void> {
  const admin = await openPostgres(serverUrl, { max: 1 });
  await admin.query(`drop database if exists ${NAME} with (force)`);
  await admin.query(`create database ${NAME}`);
  await admin.close();
  const code = await demoCommand(loadConfig({ DATABASE_URL: dbUrl(NAME), LIANDONG_DEMO: '1', LIANDONG_DEMO_DAYS: '3' }));
  if (code !== 0) throw new Error('demo load failed');
}

/** Columns of a table, each copied as is unless `override` gives its expression over the source row `o`. */
async function copySql(db: Db, table: string, override: Record<string, string>, from: string, skip: string[] = []): Promise<string> {
  const cols = (await db.query<{ column_name: string }>(`select column_name from information_schema.columns where table_name = $1 and table_schema = 'public' order by ordinal_position`, [table])).rows
    .map((r) => r.column_name)
    .filter((c) => !skip.includes(c));
  return `insert into ${table} (${cols.join(', ')}) overriding system value select ${cols.map((c) => override[c] ?? `o.${c}`).join(', ')} ${from}`;
}

/**
 * Grows the district to `target` orders: copy k of the history is shifted k × (history span) into the past, closed
 * a day after it came in, with its timeline, clocks (done), units and reporters. Ids are the source's + k × stride.
 */
async function grow(db: Db): Promise<void> {
  const base = (await db.query<{ n: number; max: number; span: number }>(
    `select count(*)::int as n, max(id)::int as max, ceil(extract(epoch from max(created_at) - min(created_at)) / 86400 + 1)::int as span from orders`,
  )).rows[0]!;
  const stride = 10 ** Math.ceil(Math.log10(base.max + 1));
  const copies = Math.ceil((target - base.n) / base.n);
  const shift = (k: number) => `interval '${k * base.span} days'`;
  const t0 = performance.now();
  for (let k = 1; k <= copies; k++) {
    const limit = Math.min(base.n, target - base.n * k);
    if (limit <= 0) break;
    const id = `(o.id + ${k * stride})`;
    const s = shift(k);
    const orders = await copySql(
      db,
      'orders',
      {
        id,
        code: `'LD' || to_char((o.created_at - ${s}) at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(${id}::text, greatest(6, length(${id}::text)), '0')`,
        state: `'closed'`,
        created_at: `o.created_at - ${s}`,
        updated_at: `o.created_at - ${s} + interval '1 day'`,
        closed_at: `o.created_at - ${s} + interval '1 day'`,
        suspended_at: 'null',
        resume_state: 'null',
        pending_request: 'null',
        merged_into_id: 'null',
      },
      `from orders o where o.id <= ${base.max} order by o.id limit ${limit}`,
    );
    await db.transaction(async (tx) => {
      await tx.query(orders);
      const copied = `o.order_id <= ${base.max} and o.order_id in (select id - ${k * stride} from orders where id > ${k * stride} and id <= ${(k + 1) * stride})`;
      await tx.query(await copySql(tx as Db, 'order_events', { order_id: `o.order_id + ${k * stride}`, at: `o.at - ${s}` }, `from order_events o where ${copied}`, ['id']));
      await tx.query(
        await copySql(tx as Db, 'order_deadlines', { order_id: `o.order_id + ${k * stride}`, started_at: `o.started_at - ${s}`, due_at: `o.due_at - ${s}`, yellow_at: `o.yellow_at - ${s}`, done_at: `coalesce(o.done_at, o.due_at) - ${s}` }, `from order_deadlines o where ${copied}`, ['id']),
      );
      await tx.query(await copySql(tx as Db, 'order_units', { order_id: `o.order_id + ${k * stride}`, assigned_at: `o.assigned_at - ${s}` }, `from order_units o where ${copied}`, ['id']));
      await tx.query(await copySql(tx as Db, 'order_reporters', { order_id: `o.order_id + ${k * stride}`, source_order_id: 'null', created_at: `o.created_at - ${s}` }, `from order_reporters o where ${copied}`, ['id']));
    });
    if (k % 10 === 0 || k === copies) console.log(`  grown: ${await orderCount(db)} orders (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await db.query(`select setval(pg_get_serial_sequence('orders', 'id'), (select max(id) from orders))`);
  await db.exec('analyze');
}

type Measured = Awaited<ReturnType<typeof timeGet>>;

/** index.html and every script and style it names, as a browser that accepts Brotli fetches them. */
async function firstLoad(base: string): Promise<{ ms: number; bytes: number; files: number }> {
  const t = performance.now();
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      http.get(base + path, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        let n = 0;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => ((n += c.length), chunks.push(c)));
        res.on('end', () => {
          if (path === '/') html = Buffer.concat(chunks).toString();
          resolve(n);
        });
      }).on('error', reject);
    });
  let html = '';
  let bytes = await get('/');
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  bytes += (await Promise.all(assets.map(get))).reduce((a, b) => a + b, 0);
  return { ms: performance.now() - t, bytes, files: assets.length + 1 };
}

async function login(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEFAULT_DEMO_PASSWORD }) });
  return ((await r.json()) as { token: string }).token;
}

/** The calls a console makes: every dispatcher queue page and count, search, similar cases, details, map layers. */
async function calls(db: Db): Promise<{ name: string; user: string; path: string }[]> {
  const recent = (await db.query<{ id: number; lng: number; lat: number }>(`select id, lng, lat from orders where state <> 'closed' order by id desc limit 1`)).rows[0]!;
  const old = (await db.query<{ id: number }>(`select id from orders order by created_at limit 1`)).rows[0]!;
  const phone = (await db.query<{ phone: string }>(`select phone from order_reporters where phone is not null order by id limit 1`)).rows[0]!.phone;
  const q = [
    ['queue 待受理', 'state=pending_accept'],
    ['queue 待派遣', 'state=pending_dispatch'],
    ['queue 退单待裁决', 'state=pending_dispatch&arrivedBy=return'],
    ['queue 待签收', 'state=pending_sign'],
    ['queue 处置中', 'state=handling'],
    ['queue 待结案', 'state=pending_close'],
    ['queue 将超时', 'light=yellow'],
    ['queue 已超时', 'overdue=true'],
    ['queue 督办中', 'supervised=true&stateType=new,open,handling,suspended'],
    ['queue 全部工单', ''],
  ];
  return [
    ...q.map(([name, f]) => ({ name: `${name} page`, user: 'zx_dispatcher', path: `/api/v1/orders?pageSize=20&${f}` })),
    ...q.map(([name, f]) => ({ name: `${name} count`, user: 'zx_dispatcher', path: `/api/v1/orders?pageSize=1&${f}` })),
    { name: 'list page 50 of all', user: 'zx_dispatcher', path: '/api/v1/orders?pageSize=20&page=50' },
    { name: 'search text', user: 'zx_dispatcher', path: `/api/v1/orders?pageSize=20&q=${encodeURIComponent('井盖')}` },
    { name: 'search text (4 chars)', user: 'zx_dispatcher', path: `/api/v1/orders?pageSize=20&q=${encodeURIComponent('井盖松动')}` },
    { name: 'search text (a town)', user: 'songling_dispatcher', path: `/api/v1/orders?pageSize=20&q=${encodeURIComponent('井盖')}` },
    { name: 'search caller phone', user: 'zx_operator', path: `/api/v1/orders?pageSize=5&phone=${phone}` },
    { name: 'similar cases', user: 'zx_operator', path: `/api/v1/orders/similar?lng=${recent.lng}&lat=${recent.lat}&text=${encodeURIComponent('垃圾堆放')}` },
    { name: 'detail (open order)', user: 'zx_dispatcher', path: `/api/v1/orders/${recent.id}` },
    { name: 'detail (oldest order)', user: 'zx_dispatcher', path: `/api/v1/orders/${old.id}` },
    { name: 'message log', user: 'admin', path: '/api/v1/messages?pageSize=20' },
    { name: 'catalogue (admin)', user: 'admin', path: '/api/v1/admin/catalogue/categories' },
    { name: 'map layer grids', user: 'zx_dispatcher', path: '/api/v1/map/layers/grids?zoom=13' },
  ];
}

async function run(label: string): Promise<{ n: number; load: Awaited<ReturnType<typeof firstLoad>>; results: Map<string, Measured> }> {
  const db = await openPostgres(dbUrl(NAME), { max: 10 });
  const app = await buildApp(platformOn(db), { logLevel: 'error', rateLimits: rateLimits({ ...DEFAULT_RATE_SETTINGS, enabled: false }) });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const n = await orderCount(db);
    console.log(`\n${label}: ${n} orders`);
    const load = await firstLoad(base);
    const tokens = new Map<string, string>();
    const results = new Map<string, Measured>();
    for (const c of await calls(db)) {
      if (!tokens.has(c.user)) tokens.set(c.user, await login(base, c.user));
      const m = await timeGet(base, tokens.get(c.user)!, c.path, samples);
      results.set(c.name, m);
      console.log(`  ${c.name.padEnd(28)} p50 ${m.p50.toFixed(1).padStart(7)} ms   p95 ${m.p95.toFixed(1).padStart(7)} ms`);
    }
    return { n, load, results };
  } finally {
    await app.close();
    await db.close();
  }
}

async function main(): Promise<void> {
  let small: Awaited<ReturnType<typeof run>> | null = null;
  const existing = await openPostgres(dbUrl(NAME), { max: 1 }).catch(() => null);
  const have = existing ? await orderCount(existing).catch(() => 0) : 0;
  await existing?.close();
  if (!(keep && have >= target)) {
    console.log('preparing the demo district with 3 days of history …');
    await prepareSmall();
    small = await run('baseline (demo history)');
    const db = await openPostgres(dbUrl(NAME), { max: 2 });
    console.log(`growing to ${target} orders …`);
    await grow(db);
    await db.close();
  }
  const large = await run(`grown`);
  console.log(`\nfirst load (index.html + ${large.load.files - 1} assets, Brotli): ${(large.load.bytes / 1024).toFixed(0)} kB in ${large.load.ms.toFixed(0)} ms`);
  if (small) {
    console.log(`\n${'call'.padEnd(28)} ${'p95 @' + small.n}`.padEnd(48) + `p95 @${large.n}   ratio`);
    for (const [name, m] of large.results) {
      const s = small.results.get(name)!;
      console.log(`${name.padEnd(28)} ${s.p95.toFixed(1).padStart(8)} ms ${m.p95.toFixed(1).padStart(12)} ms ${(m.p95 / s.p95).toFixed(2).padStart(7)}×`);
    }
  }
  if (!keep) {
    const admin = await openPostgres(serverUrl, { max: 1 });
    await admin.query(`drop database if exists ${NAME} with (force)`);
    await admin.close();
  }
}

await main();
