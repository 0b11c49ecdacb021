/**
 * npm run bench:timers — the durable-timer sweeper under a burst: DUE timers coming due in the same minute,
 * fired by concurrent sweepers, first with 10,000 open orders in PostgreSQL and then with 1,000,000 (each with
 * its realistic backlog of 2–3 far-future timers). The time per due timer at 10,000 orders, measured in the
 * same run, is the baseline: their ratio shows whether the cost grows with the backlog (it should not: the
 * sweeper reads only the due range of a partial index, the handler reads and writes by primary key).
 *
 *   LIANDONG_BENCH_DATABASE_URL (default: TEST_DATABASE_URL, DATABASE_URL, postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_ORDERS (10000,1000000)   BENCH_DUE (100000 per round)   BENCH_ROUNDS (2)   BENCH_SWEEPERS (3)   BENCH_BATCH (50)
 *
 * Each size gets a fresh database (both dropped at the end) and the rounds alternate between them. The handler
 * does what a supervision timer does per order: reads the order row and writes a timeline event, in the
 * timer's transaction.
 */
import { migrate, openPostgres, type Db } from '@liandong/db';
import { runDueTimers, type TimerHandlers } from '@liandong/core/timers/index.ts';

const serverUrl = process.env.LIANDONG_BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sizes = (process.env.BENCH_ORDERS ?? '10000,1000000').split(',').map(Number);
const due = Number(process.env.BENCH_DUE ?? 100_000);
const sweepers = Number(process.env.BENCH_SWEEPERS ?? 3);
const batchSize = Number(process.env.BENCH_BATCH ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP = 2_000;

function dbUrl(name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const db = await openPostgres(serverUrl, { max: 1 });
  await db.query(sql);
  await db.close();
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Open orders in one INSERT … SELECT, each with 2–3 unfired timers weeks ahead (step warnings and overdue marks). */
async function loadOrders(db: Db, orders: number): Promise<void> {
  // Reference rows the orders point at: a district, its towns, a dispatching centre.
  await db.exec(`
    insert into divisions (code, name, level) values ('320509000000', '吴江区', 'district');
    insert into divisions (code, name, level, parent_code)
      select '320509' || lpad(g::text, 3, '0') || '000', '镇' || g, 'town', '320509000000' from generate_series(1, 8) g;
    insert into units (code, name, kind, level, division_code) values ('zx', '区联动指挥中心', 'centre', 'district', '320509000000');`);
  await db.query(
    `insert into orders (code, state, channel, nature, description, address, lng, lat, district_code, town_code, grid_code,
                         urgency, level, dispatch_unit_id, created_at)
     select 'GD' || lpad(g::text, 10, '0'), 'handling', (array['hotline', 'app', 'grid_patrol', 'web'])[1 + g % 4], 'complaint',
            '来电反映小区楼下夜间施工噪声扰民，第 ' || g || ' 号', '吴江区松陵街道', 120.35 + (g % 997) * 0.0005, 30.75 + (g % 991) * 0.0005,
            '320509000000', '320509' || lpad((1 + g % 8)::text, 3, '0') || '000', '320509' || lpad((1 + g % 8)::text, 3, '0') || '001-0' || (g % 9),
            'normal', 'district', (select id from units where code = 'zx'), now() - (g % 90) * interval '1 day'
       from generate_series(1, $1::int) g`,
    [orders],
  );
  await db.query(
    `insert into timers (kind, order_id, dedupe_key, due_at, payload)
     select k.kind, o.id, 'order:' || o.id || ':' || k.step || ':' || k.kind, now() + interval '1 day' * (7 + o.id % 30) + k.shift, '{}'
       from orders o
       cross join (values ('handle', 'warn', interval '0'), ('handle', 'overdue', interval '1 day'), ('callback', 'warn', interval '2 days'))
         as k (step, kind, shift)
      where k.step = 'handle' or o.id % 2 = 0`,
  );
  // This server runs without autovacuum: give the planner statistics and the visibility map a production
  // database would have, and keep the load's checkpoint out of the measurement.
  await db.query('vacuum analyze');
  await db.query('checkpoint');
}

/** `count` timers due within one minute (just past), on random open orders. */
async function scheduleDue(db: Db, count: number, prefix: string): Promise<void> {
  await db.query(
    `insert into timers (kind, order_id, dedupe_key, due_at, payload)
     select 'supervise', ids.lo + floor(random() * (ids.hi - ids.lo + 1))::bigint, $2 || g,
            date_trunc('minute', now()) - interval '1 minute' + random() * interval '59 seconds', '{"step": "handle"}'
       from generate_series(1, $1::int) g, (select min(id) as lo, max(id) as hi from orders) ids`,
    [count, prefix],
  );
}

const handlers: TimerHandlers = {
  async supervise(tx, timer, { now }) {
    const o = await tx.query<{ id: number; state: string }>('select id, state, version from orders where id = $1', [timer.order_id], { name: 'bench_order' });
    const order = o.rows[0];
    if (!order) throw new Error(`order ${timer.order_id} not found`);
    await tx.query(
      `insert into order_events (order_id, at, action, from_state, to_state, note, data) values ($1, $2, 'supervise', $3, $3, $4, $5::jsonb)`,
      [order.id, now, order.state, '处置时限即将届满，系统提醒', JSON.stringify({ timerId: timer.id, ...timer.payload })],
      { name: 'bench_event' },
    );
  },
};

async function sweepAll(db: Db): Promise<{ fired: number; failed: number }> {
  const results = await Promise.all(Array.from({ length: sweepers }, () => runDueTimers(db, handlers, { now: () => new Date(), batchSize })));
  return results.reduce((a, r) => ({ fired: a.fired + r.fired, failed: a.failed + r.failed }), { fired: 0, failed: 0 });
}

interface Backlog {
  orders: number;
  name: string;
  db: Db;
  pending: number;
  setup: number;
  claimPlan: string;
  /** Seconds per due timer, one per round. */
  perTimer: number[];
}

async function prepare(orders: number): Promise<Backlog> {
  const name = `liandong_bench_timers_${process.pid}_${orders}`;
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const db = await openPostgres(dbUrl(name), { max: sweepers + 1 });
  const t0 = performance.now();
  await migrate(db);
  await loadOrders(db, orders);
  const pending = Number((await db.query<{ n: number }>('select count(*) as n from timers')).rows[0]!.n);
  const setup = seconds(t0);
  // Warm-up: prepared statements, the pool's connections and the caches, as in a server that has been up.
  await scheduleDue(db, WARMUP, 'warmup:');
  await sweepAll(db);
  const plan = await db.query<{ 'QUERY PLAN': string }>(
    `explain select id from timers where fired_at is null and due_at <= now() order by due_at limit ${batchSize} for update skip locked`,
  );
  const claimPlan = plan.rows
    .map((r) => r['QUERY PLAN'].trim().replace(/^->\s*/, '').replace(/\s+\(cost.*$/, ''))
    .filter((l) => !/^(Index Cond|Filter)/.test(l))
    .join(' → ');
  return { orders, name, db, pending, setup, claimPlan, perTimer: [] };
}

/** One burst: `due` timers due in the same minute, swept until none is left; returns seconds per timer. */
async function round(b: Backlog, n: number): Promise<number> {
  await scheduleDue(b.db, due, `due${n}:`);
  await b.db.query('analyze timers');
  const t0 = performance.now();
  const r = await sweepAll(b.db);
  const total = seconds(t0);
  const left = Number((await b.db.query<{ n: number }>(`select count(*) as n from timers where fired_at is null and due_at <= now()`)).rows[0]!.n);
  if (left || r.failed || r.fired !== due) throw new Error(`round ${n}: fired ${r.fired}, failed ${r.failed}, ${left} due timers left`);
  const events = Number((await b.db.query<{ n: number }>(`select count(*) as n from order_events where action = 'supervise'`)).rows[0]!.n);
  if (events !== WARMUP + due * n) throw new Error(`expected ${WARMUP + due * n} timeline events, found ${events}`);
  console.log(
    `  round ${n}, ${b.orders.toLocaleString('en').padStart(9)} open orders: ${r.fired.toLocaleString('en')} fired in ${total.toFixed(2)} s = ` +
      `${((total * 1e6) / r.fired).toFixed(0)} µs per due timer, ${(r.fired / total).toFixed(0)} timers/s`,
  );
  return total / r.fired;
}

async function main(): Promise<void> {
  console.log(
    `bench:timers on ${new URL(serverUrl).host}: ${due.toLocaleString('en')} timers due in one minute per round, ${rounds} rounds, ` +
      `${sweepers} concurrent sweepers, batches of ${batchSize}`,
  );
  const backlogs: Backlog[] = [];
  try {
    for (const orders of sizes) {
      const b = await prepare(orders);
      backlogs.push(b);
      console.log(`${orders.toLocaleString('en').padStart(9)} open orders, ${b.pending.toLocaleString('en')} timers pending: set up in ${b.setup.toFixed(1)} s; claim plan: ${b.claimPlan}`);
    }
    // Rounds alternate between the sizes, and each size keeps its best round: a burst of load from another
    // process on this machine then spoils one round, not the comparison.
    for (let n = 1; n <= rounds; n++) for (const b of backlogs) b.perTimer.push(await round(b, n));
    console.log('best round per size:');
    for (const b of backlogs) {
      const best = Math.min(...b.perTimer);
      console.log(`${b.orders.toLocaleString('en').padStart(9)} open orders: ${(best * 1e6).toFixed(0).padStart(4)} µs per due timer, ${(1 / best).toFixed(0)} timers/s`);
    }
    if (backlogs.length >= 2) {
      const [base, last] = [backlogs[0]!, backlogs.at(-1)!];
      const ratio = Math.min(...last.perTimer) / Math.min(...base.perTimer);
      console.log(`ratio per due timer ${last.orders.toLocaleString('en')} / ${base.orders.toLocaleString('en')} orders: ${ratio.toFixed(2)}   (goal ≈ 1.00: the cost does not grow with the backlog)`);
    }
  } finally {
    for (const b of backlogs) {
      await b.db.close();
      await admin(`drop database if exists ${b.name} with (force)`);
    }
  }
}

await main();
