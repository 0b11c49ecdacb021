/**
 * npm run bench:events — sustained detection intake through POST /api/v1/events/batch (signed batches of one device
 * each, from many devices spread over the district, folded into orders) against a raw batched INSERT of the same
 * rows into a table like device_events, in the same PostgreSQL and the same run.
 *
 *   LIANDONG_BENCH_DATABASE_URL (default: TEST_DATABASE_URL, DATABASE_URL, postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SECONDS (20 measured per phase)   BENCH_WARMUP (3 s before each)   BENCH_CLIENTS (8 concurrent clients)
 *   BENCH_BATCH (200 events a batch)   BENCH_DEVICES (200)
 *
 * The server runs as a separate `liandong start` process on a fresh database with the demo district (no history).
 * Each phase first runs BENCH_WARMUP seconds of the same load, reported but not measured: the server's start (its
 * compiler warming up, the dispatch model trained at boot) and the first batch of every device, which opens each
 * spot's fold and order (400 orders: order intake is bench:intake's subject), are not sustained ingest. The
 * measured phase then counts the orders it opened itself: a quarter of the devices move on to a new spot (a new
 * incident) every 15 of their batches.
 */
import http from 'node:http';
import { createHmac, randomBytes } from 'node:crypto';
import { openPostgres, migrate } from '@liandong/db';
import { loadDemoDistrict } from '@liandong/core/demo/index.ts';
import { loadGridShapes, TerritoryIndex } from '@liandong/core/territory/index.ts';
import { benchDbUrl as dbUrl, BENCH_SERVER_URL as serverUrl, cpuBetween, cpuSeconds, dropDatabase, freshDatabase, startLiandong, postJson, runLoad, stopLiandong } from './bench-server.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const clients = Number(process.env.BENCH_CLIENTS ?? 8);
const batchSize = Number(process.env.BENCH_BATCH ?? 200);
const deviceCount = Number(process.env.BENCH_DEVICES ?? 200);
const password = 'bench-pass-123';
const TYPES = ['illegal_parking', 'illegal_parking', 'illegal_parking', 'garbage_overflow'];

interface BenchDevice {
  id: number;
  code: string;
  secret: string;
  lng: number;
  lat: number;
  grid: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

/** Devices that see a new incident now and then: every MOVER_EVERY-th device, every MOVER_BATCHES of its batches. */
const MOVER_EVERY = 4;
const MOVER_BATCHES = 15;
/** How far a new incident lies from the last (78 m north: beyond a fold's 50 m), and how many a device cycles through. */
const SPOT_STEP_LAT = 0.0007;
const SPOTS = 3;

/**
 * Batch `i` (numbered across devices): `batchSize` detections of its device in the last minute, at a few points a
 * few metres apart. A quarter of the devices move on to a new spot every MOVER_BATCHES of their batches (a new
 * incident: its fold and order are opened while measuring), so the sustained load is not only folding.
 */
function batchOf(d: BenchDevice, i: number) {
  const now = Date.now();
  const device = i % deviceCount;
  const spot = device % MOVER_EVERY === 0 ? Math.floor(Math.floor(i / deviceCount) / MOVER_BATCHES) % SPOTS : 0;
  return Array.from({ length: batchSize }, (_, k) => ({
    eventId: `b${i}-${k}`,
    type: TYPES[(i + k) % TYPES.length]!,
    detectedAt: new Date(now - 60_000 + (k * 60_000) / batchSize).toISOString(),
    location: { lng: d.lng + ((k % 5) - 2) * 0.00005, lat: d.lat + spot * SPOT_STEP_LAT },
    confidence: 0.75 + (k % 25) / 100,
  }));
}

/** CPU seconds of a process.cpuUsage() difference. */
const cpuOf = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

async function main(): Promise<void> {
  const name = `liandong_bench_events_${process.pid}`;
  await freshDatabase(name);
  const url = dbUrl(name);
  console.log(`bench:events on ${new URL(serverUrl).host}/${name}, ${clients} concurrent clients, batches of ${batchSize}, ${deviceCount} devices, ${warmup} s warm-up and ${seconds} s measured per phase`);
  const setup = await openPostgres(url, { max: 2 });
  await migrate(setup);
  await loadDemoDistrict(setup, { password, components: 500 });
  // Devices spread over the district, each inside a basic grid (secrets known to the bench).
  const index = TerritoryIndex.build(await loadGridShapes(setup));
  const devices: BenchDevice[] = [];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  while (devices.length < deviceCount) {
    const lng = 120.35 + rnd() * 0.55;
    const lat = 30.75 + rnd() * 0.5;
    const m = index.lookup(lng, lat);
    if (!m.basicGrid || !m.townCode) continue;
    // Far enough from the grid's edge that a detection a few metres away stays in the device's town.
    if (index.lookup(lng + 0.0002, lat).townCode !== m.townCode || index.lookup(lng - 0.0002, lat).townCode !== m.townCode) continue;
    // Its later spots (north of it) inside a grid of the same town as well.
    const north = index.lookup(lng, lat + SPOTS * SPOT_STEP_LAT);
    if (!north.basicGrid || north.townCode !== m.townCode) continue;
    const code = `BENCH-${devices.length}`;
    const secret = randomBytes(32).toString('hex');
    const r = await setup.query<{ id: number }>(
      `insert into devices (code, name, kind, lng, lat, district_code, town_code, village_code, grid_code, secret) values ($1, $2, 'camera', $3, $4, $5, $6, $7, $8, $9) returning id`,
      [code, `压测摄像头 ${devices.length}`, lng, lat, m.districtCode, m.townCode, m.villageCode, m.basicGrid.code, secret],
    );
    devices.push({ id: r.rows[0]!.id, code, secret, lng, lat, grid: m.basicGrid.code });
  }
  // The baseline: the same rows, batched the same way, into a table with device_events' columns, defaults and indexes.
  await setup.query('create table bench_raw (like device_events including defaults including identity including indexes)');
  const raw = await openPostgres(url, { max: clients });
  // Batches are numbered across warm-up and measurement (the event ids stay new).
  let rawBatches = 0;
  const rawBatch = async () => {
    const i = rawBatches++;
    const d = devices[i % devices.length]!;
    const events = batchOf(d, i);
    await raw.query(
      `insert into bench_raw (device_id, event_id, type_code, detected_at, lng, lat, grid_code, confidence, snapshot, fold_id, received_at)
       select $1, u.event_id, u.type_code, u.at, u.lng, u.lat, $7, u.confidence, null, null, now()
         from unnest($2::text[], $3::text[], $4::timestamptz[], $5::float8[], $6::float8[], $8::real[]) as u (event_id, type_code, at, lng, lat, confidence)
       on conflict (device_id, event_id) do nothing`,
      [d.id, events.map((e) => e.eventId), events.map((e) => e.type), events.map((e) => e.detectedAt), events.map((e) => e.location.lng), events.map((e) => e.location.lat), d.grid, events.map((e) => e.confidence)],
    );
    return events.length;
  };
  await runLoad(clients, warmup, rawBatch);
  const rawCpu0 = cpuSeconds(name);
  const rawClient0 = process.cpuUsage();
  const rawResult = await runLoad(clients, seconds, rawBatch);
  const rawCpu = cpuBetween(rawCpu0, cpuSeconds(name));
  const rawClient = cpuOf(process.cpuUsage(rawClient0));
  await raw.close();
  await setup.close();

  const port = 18_000 + (process.pid % 1000);
  const server = await startLiandong(url, port, password);
  try {
    let failures = 0;
    let firstFailure = '';
    let apiBatches = 0;
    const apiBatch = async () => {
      const i = apiBatches++;
      const d = devices[i % devices.length]!;
      const body = JSON.stringify({ device: d.code, events: batchOf(d, i) });
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', d.secret).update(`${ts}\n${body}`).digest('hex');
      const r = await postJson(agent, port, '/api/v1/events/batch', body, { 'x-device-id': d.code, 'x-timestamp': ts, 'x-signature': signature });
      if (r.status !== 200) {
        failures++;
        firstFailure ||= `${r.status} ${r.text.slice(0, 300)}`;
        return 0;
      }
      return batchSize;
    };
    const check = await openPostgres(url, { max: 1 });
    const videoOrders = async () => (await check.query<{ n: number }>(`select count(*)::int as n from orders where channel = 'video'`)).rows[0]!.n;
    const warm = await runLoad(clients, warmup, apiBatch);
    const ordersBefore = await videoOrders();
    const apiCpu0 = cpuSeconds(name, [server.pid!]);
    const apiClient0 = process.cpuUsage();
    const apiResult = await runLoad(clients, seconds, apiBatch);
    const apiCpu1 = cpuSeconds(name, [server.pid!]);
    const apiClient = cpuOf(process.cpuUsage(apiClient0));
    const apiCpu = cpuBetween(apiCpu0, apiCpu1);
    const serverCpu = (apiCpu1.get(server.pid!) ?? 0) - (apiCpu0.get(server.pid!) ?? 0);
    if (failures) console.log(`  ${failures} batches did not answer 200, e.g. ${firstFailure}`);
    const ordersMeasured = (await videoOrders()) - ordersBefore;
    const counts = await check.query<{ events: number; folds: number; orders: number }>(
      `select (select count(*)::int from device_events) as events, (select count(*)::int from event_folds) as folds, (select count(*)::int from orders where channel = 'video') as orders`,
    );
    await check.close();
    const c = counts.rows[0]!;
    const ratio = apiResult.rate / rawResult.rate;
    console.log(`raw batched INSERT          : ${rawResult.rate.toFixed(0).padStart(7)} events/s (${rawResult.calls} batches, p50 ${rawResult.p50.toFixed(1)} ms, p99 ${rawResult.p99.toFixed(1)} ms)`);
    console.log(`API POST /api/v1/events/batch: ${apiResult.rate.toFixed(0).padStart(7)} events/s (${apiResult.calls} batches, p50 ${apiResult.p50.toFixed(1)} ms, p99 ${apiResult.p99.toFixed(1)} ms)`);
    // What each event cost the machine (PostgreSQL's backends of this database, and the server), noise aside.
    if (rawCpu > 0) {
      const per = (s: number, units: number) => ((s * 1e6) / units).toFixed(0);
      console.log(`  CPU per 1,000 events: raw ${per(rawCpu, rawResult.units)} ms (PostgreSQL); API ${per(apiCpu, apiResult.units)} ms (PostgreSQL ${per(apiCpu - serverCpu, apiResult.units)}, the server ${per(serverCpu, apiResult.units)})`);
      console.log(`  and this bench's own (the clients): raw ${per(rawClient, rawResult.units)} ms, API ${per(apiClient, apiResult.units)} ms`);
    }
    console.log(`  warm-up (not measured): ${warm.rate.toFixed(0)} events/s through the API, ${ordersBefore} orders opened (the first batch of each spot)`);
    console.log(`  stored ${c.events} detections in ${c.folds} folds, ${c.orders} orders (channel video), ${ordersMeasured} of them while measured`);
    console.log(`ratio API / raw             : ${ratio.toFixed(2)}   (goal ≥ 0.50)`);
  } finally {
    await stopLiandong(server);
    agent.destroy();
    await dropDatabase(name);
  }
}

await main();
