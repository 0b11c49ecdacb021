/**
 * npm run bench:intake — the order intake rate through the HTTP API against the raw single-row INSERT
 * rate of a row of the same width into the same PostgreSQL, measured in the same run.
 *
 *   LIANDONG_BENCH_DATABASE_URL (default: TEST_DATABASE_URL, DATABASE_URL, postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SECONDS (10 per phase)   BENCH_CLIENTS (32 concurrent clients)
 *
 * The server runs as a separate `liandong start` process on a fresh database with the demo district
 * (no history); the load comes from this process over keep-alive HTTP.
 */
import http from 'node:http';
import { openPostgres, migrate } from '@liandong/db';
import { loadDemoDistrict } from '@liandong/core/demo/index.ts';
import { loadGridShapes, TerritoryIndex } from '@liandong/core/territory/index.ts';
import { benchDbUrl as dbUrl, BENCH_SERVER_URL as serverUrl, dropDatabase, freshDatabase, postJson, runLoad, startLiandong, stopLiandong } from './bench-server.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const clients = Number(process.env.BENCH_CLIENTS ?? 32);
const password = 'bench-pass-123';

async function randomPoints(url: string, n: number): Promise<{ lng: number; lat: number }[]> {
  const db = await openPostgres(url, { max: 1 });
  const shapes = await loadGridShapes(db);
  await db.close();
  const index = TerritoryIndex.build(shapes);
  const xs = shapes.flatMap((s) => (s.kind === 'basic' ? [s] : []));
  const points: { lng: number; lat: number }[] = [];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  while (points.length < n) {
    const lng = 120.35 + rnd() * 0.55;
    const lat = 30.75 + rnd() * 0.5;
    if (index.lookup(lng, lat).basicGrid && xs.length) points.push({ lng, lat });
  }
  return points;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

async function main(): Promise<void> {
  const name = `liandong_bench_${process.pid}`;
  await freshDatabase(name);
  const url = dbUrl(name);
  console.log(`bench:intake on ${new URL(serverUrl).host}/${name}, ${clients} concurrent clients, ${seconds} s per phase`);
  const setup = await openPostgres(url, { max: 2 });
  await migrate(setup);
  await loadDemoDistrict(setup, { password, components: 500 });
  // The baseline table has the orders table's columns, defaults and indexes (not its foreign keys).
  await setup.query('create table bench_raw (like orders including defaults including identity including indexes)');
  const points = await randomPoints(url, 2000);
  const raw = await openPostgres(url, { max: clients });
  const rawResult = await runLoad(clients, seconds, async (i) => {
    const p = points[i % points.length]!;
    await raw.query(
      `insert into bench_raw (code, state, channel, nature, description, address, lng, lat, district_code, town_code, village_code, grid_code,
         professional_grid_codes, urgency, level, dispatch_unit_id, created_by)
       values ($1, 'pending_accept', 'hotline', 'complaint', $2, $3, $4, $5, '320509000000', '320509001000', '320509001001', '320509001001-01',
         '{}', 'normal', 'district', 1, 1)`,
      [`RAW${process.pid}-${i}`, `来电反映小区楼下夜间施工噪声扰民，第 ${i} 号`, '吴江区松陵街道', p.lng, p.lat],
    );
  });
  await raw.close();
  await setup.close();

  const port = 18_000 + (process.pid % 1000);
  const server = await startLiandong(url, port, password);
  try {
    const login = await postJson(agent, port, '/api/v1/auth/login', { username: 'zx_operator', password }, {});
    const token = JSON.parse(login.text).token as string;
    let failures = 0;
    const apiResult = await runLoad(clients, seconds, async (i) => {
      const p = points[i % points.length]!;
      const r = await postJson(
        agent,
        port,
        '/api/v1/orders',
        {
          channel: 'hotline',
          nature: 'complaint',
          description: `来电反映小区楼下夜间施工噪声扰民，第 ${i} 号`,
          address: '吴江区松陵街道',
          location: p,
          reporter: { name: '王先生', phone: `139${String(10_000_000 + i).slice(-8)}` },
        },
        { authorization: `Bearer ${token}`, 'idempotency-key': `bench-${process.pid}-${i}` },
      );
      if (r.status !== 201) failures++;
    });
    if (failures) console.log(`  ${failures} creates did not answer 201`);
    const ratio = apiResult.rate / rawResult.rate;
    console.log(`raw single-row INSERT : ${rawResult.rate.toFixed(0).padStart(7)} rows/s   (p50 ${rawResult.p50.toFixed(1)} ms, p99 ${rawResult.p99.toFixed(1)} ms, n=${rawResult.calls})`);
    console.log(`API POST /api/v1/orders: ${apiResult.rate.toFixed(0).padStart(7)} orders/s (p50 ${apiResult.p50.toFixed(1)} ms, p99 ${apiResult.p99.toFixed(1)} ms, n=${apiResult.calls})`);
    console.log(`ratio API / raw       : ${ratio.toFixed(2)}   (goal ≥ 1.00)`);
  } finally {
    await stopLiandong(server);
    agent.destroy();
    await dropDatabase(name);
  }
}

await main();
