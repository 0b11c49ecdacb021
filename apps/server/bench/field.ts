/**
 * npm run bench:field — the field app's outbox draining a day's backlog, and the patrol track intake.
 *
 * 1. Backlog sync, through the real field app in Debian's Chromium (a 390×844 phone): its outbox (IndexedDB) is
 *    filled as a worker without signal would leave it — BENCH_REPORTS (200) reports each with a photo of ~300 kB,
 *    and BENCH_TRACK_POINTS (10,000) patrol positions in the app's own batches of 20 — then the app is opened and
 *    drains it (photos by tus in 256 kB pieces, each request with its Idempotency-Key). Measured: time to drain,
 *    requests, and bytes on the wire both ways (a counting TCP proxy between the browser and the server).
 * 2. Track intake: POST /api/v1/patrol/tracks with batches of 20 positions from BENCH_CLIENTS (16) concurrent
 *    clients for BENCH_SECONDS (10), next to a raw batched INSERT of the same rows into the same PostgreSQL.
 *
 *   LIANDONG_BENCH_DATABASE_URL (default: TEST_DATABASE_URL, DATABASE_URL, postgres://postgres@127.0.0.1:5432/postgres)
 *
 * The server runs as a separate `liandong start` process on a fresh database with the demo district (no history).
 */
import http from 'node:http';
import net from 'node:net';
import sharp from 'sharp';
import { openPostgres, migrate } from '@liandong/db';
import { loadDemoDistrict } from '@liandong/core/demo/index.ts';
import { launchBrowser } from '../../../e2e/browser.ts';
import { phoneContext } from '../../../e2e/phone.ts';
import { benchDbUrl as dbUrl, BENCH_SERVER_URL as serverUrl, dropDatabase, freshDatabase, postJson, runLoad, startLiandong, stopLiandong } from './bench-server.ts';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 200);
const TRACK_POINTS = Number(process.env.BENCH_TRACK_POINTS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const BATCH = 20;
const password = 'bench-pass-123';
const WORKER = 'songling_gridworker';
const NAME = `liandong_bench_field_${process.pid}`;

/** A TCP proxy that counts the bytes each way: what a phone would pay for. */
function countingProxy(target: number): Promise<{ port: number; up: () => number; down: () => number; close: () => void }> {
  let up = 0;
  let down = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    client.on('data', (d) => (up += d.length));
    upstream.on('data', (d) => (down += d.length));
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, up: () => up, down: () => down, close: () => server.close() })),
  );
}

/** A camera-like photo already shrunk as the phone does (1600 px, JPEG): a gradient with grain, ~300 kB. */
async function photo(): Promise<Buffer> {
  const [w, h] = [1600, 1200];
  const raw = Buffer.alloc(w * h * 3);
  let seed = 7;
  for (let i = 0; i < w * h; i++) {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    const grain = (seed >> 16) % 24;
    const [x, y] = [i % w, Math.floor(i / w)];
    raw[i * 3] = (x * 200) / w + grain;
    raw[i * 3 + 1] = (y * 180) / h + grain;
    raw[i * 3 + 2] = 90 + grain;
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 72 }).toBuffer();
}

/** A walk of `n` positions starting at `i`, 1.3 m/s, a fix every 10 s, inside the worker's grid. */
function walk(centre: { lng: number; lat: number }, i: number, n: number, start: number) {
  const mLng = 1 / (111_195 * Math.cos((centre.lat * Math.PI) / 180));
  return Array.from({ length: n }, (_, k) => {
    const step = i * n + k;
    const side = Math.floor(step / 10) % 4;
    const d = (step % 10) * 13;
    const [dx, dy] = [[d, 0], [130, d], [130 - d, 130], [0, 130 - d]][side]!;
    return { lng: centre.lng + (dx - 65) * mLng, lat: centre.lat + (dy - 65) / 111_195, accuracy: 8, at: new Date(start + step * 10_000).toISOString() };
  });
}

async function main(): Promise<void> {
  await freshDatabase(NAME);
  const setup = await openPostgres(dbUrl(NAME), { max: 2 });
  await migrate(setup);
  await loadDemoDistrict(setup, { password, components: 100 });
  const g = (await setup.query<{ code: string; geometry: { type: string; coordinates: number[][][] | number[][][][] } }>(
    `select g.code, g.geometry from grids g join user_scopes us on us.area_code = g.code join users u on u.id = us.user_id where u.username = $1`,
    [WORKER],
  )).rows[0]!;
  const ring = (g.geometry.type === 'Polygon' ? (g.geometry.coordinates as number[][][])[0] : (g.geometry.coordinates as number[][][][])[0]![0])!;
  const centre = { lng: ring.slice(0, -1).reduce((s, p) => s + p[0]!, 0) / (ring.length - 1), lat: ring.slice(0, -1).reduce((s, p) => s + p[1]!, 0) / (ring.length - 1) };
  const port = 19_000 + (process.pid % 1000);
  const server = await startLiandong(dbUrl(NAME), port, password);
  const proxy = await countingProxy(port);
  const jpeg = await photo();
  console.log(`bench:field on ${new URL(serverUrl).host}/${NAME}: ${REPORTS} reports with a ${(jpeg.length / 1024).toFixed(0)} kB photo each, ${TRACK_POINTS} track positions in batches of ${BATCH}`);
  const browser = await launchBrowser();
  try {
    // 1. The backlog, drained by the field app itself.
    const context = await phoneContext(browser, { at: centre });
    const page = await context.newPage();
    const base = `http://127.0.0.1:${proxy.port}`;
    await page.goto(`${base}/field/`);
    await page.getByRole('textbox', { name: '账号' }).fill(WORKER);
    await page.getByRole('textbox', { name: '密码' }).fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation').getByText('任务').waitFor();
    const userId = (await setup.query<{ id: number }>('select id from users where username = $1', [WORKER])).rows[0]!.id;
    const reports = Array.from({ length: REPORTS }, (_, i) => ({
      channel: 'grid_patrol',
      nature: 'report',
      description: `巡查发现人行道井盖缺失，存在安全隐患（第 ${i + 1} 处）`,
      location: { lng: centre.lng + ((i % 20) - 10) * 0.00005, lat: centre.lat + (Math.floor(i / 20) - 5) * 0.00005, crs: 'wgs84' },
      categoryCode: '01001',
    }));
    // The day's walk ended an hour ago (a fix every 10 s).
    const walkStart = Date.now() - TRACK_POINTS * 10_000 - 3_600_000;
    const tracks = Array.from({ length: Math.ceil(TRACK_POINTS / BATCH) }, (_, i) => walk(centre, i, Math.min(BATCH, TRACK_POINTS - i * BATCH), walkStart));
    // Written as the app writes them (outbox/outbox.db.ts), straight into its IndexedDB, while it waits offline.
    await context.setOffline(true);
    await page.evaluate(
      `(async ({ userId, reports, tracks, jpeg }) => {
        const db = await new Promise((resolve, reject) => { const r = indexedDB.open('liandong-field'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
        const tx = db.transaction(['outbox', 'photos'], 'readwrite');
        const blob = new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' });
        const add = (store, v) => new Promise((resolve) => { const r = tx.objectStore(store).add(v); r.onsuccess = () => resolve(r.result); });
        const madeAt = new Date(Date.now() - 3600000).toISOString();
        for (const body of reports) {
          const photoId = await add('photos', { blob, name: 'IMG.jpg', takenAt: madeAt });
          await add('outbox', { userId, key: crypto.randomUUID(), madeAt, state: 'waiting', title: '巡查上报', request: { kind: 'report', body }, photos: [{ photoId, role: 'report' }], attempts: 0 });
        }
        for (const points of tracks) await add('outbox', { userId, key: crypto.randomUUID(), madeAt, state: 'waiting', title: '巡查轨迹', request: { kind: 'track', body: { crs: 'wgs84', points } }, photos: [], attempts: 0 });
        await new Promise((resolve) => (tx.oncomplete = resolve));
      })(${JSON.stringify({ userId, reports, tracks, jpeg: [...jpeg] })})`,
    );
    await context.setOffline(false);
    const [up0, down0] = [proxy.up(), proxy.down()];
    const t0 = performance.now();
    await page.reload();
    const count = (state: string) =>
      page.evaluate(`new Promise((resolve) => { const r = indexedDB.open('liandong-field'); r.onsuccess = () => { const q = r.result.transaction('outbox').objectStore('outbox').index('state').count(IDBKeyRange.only('${state}')); q.onsuccess = () => resolve(q.result); }; })`) as Promise<number>;
    const total = REPORTS + tracks.length;
    let done = 0;
    while ((done = (await count('sent')) + (await count('refused'))) < total) {
      await new Promise((r) => setTimeout(r, 500));
      if (performance.now() - t0 > 20 * 60_000) throw new Error(`drain stuck at ${done}/${total}`);
    }
    const refused = await count('refused');
    if (refused) console.log(`  ${refused} items were refused by the server`);
    const drainS = (performance.now() - t0) / 1000;
    const [up, down] = [proxy.up() - up0, proxy.down() - down0];
    const check = (await setup.query<{ orders: number; files: number; points: number }>(
      `select (select count(*)::int from orders where channel = 'grid_patrol') as orders, (select count(*)::int from files where order_id is not null) as files, (select count(*)::int from patrol_points) as points`,
    )).rows[0]!;
    const payload = REPORTS * jpeg.length;
    console.log(`backlog drained       : ${drainS.toFixed(1)} s for ${total} items (${REPORTS} reports, ${tracks.length} track batches) — ${(total / drainS).toFixed(1)} items/s`);
    console.log(`bytes sent / received : ${(up / 1048576).toFixed(1)} MB / ${(down / 1048576).toFixed(1)} MB (photos themselves ${(payload / 1048576).toFixed(1)} MB: ${(up / payload).toFixed(3)}× their size on the wire)`);
    console.log(`arrived               : ${check.orders} orders, ${check.files} photos, ${check.points} track positions kept`);
    await context.close();

    // 2. Track intake rate, API against raw batched INSERT into the same PostgreSQL.
    await setup.query('create table bench_raw_points (like patrol_points including defaults including identity)');
    const raw = await openPostgres(dbUrl(NAME), { max: CLIENTS });
    const rawResult = await runLoad(CLIENTS, SECONDS, async (i) => {
      const pts = walk(centre, i % 300, BATCH, Date.now() - 86_400_000);
      await raw.query(
        `insert into bench_raw_points (user_id, grid_code, lng, lat, accuracy, at, received_at)
         select $1, $2, u.lng, u.lat, u.accuracy, u.at, now() from unnest($3::float8[], $4::float8[], $5::real[], $6::timestamptz[]) as u (lng, lat, accuracy, at)`,
        [userId, g.code, pts.map((p) => p.lng), pts.map((p) => p.lat), pts.map((p) => p.accuracy), pts.map((p) => p.at)],
      );
    });
    await raw.close();
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const loginRes = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: WORKER, password }) });
    const token = ((await loginRes.json()) as { token: string }).token;
    const failures = new Map<number, number>();
    const apiResult = await runLoad(CLIENTS, SECONDS, async (i) => {
      // Positions within the last day (a batch in the future is refused), each batch under its own key.
      const { status } = await postJson(agent, port, '/api/v1/patrol/tracks', { crs: 'wgs84', points: walk(centre, i % 300, BATCH, Date.now() - 86_400_000) }, { authorization: `Bearer ${token}`, 'idempotency-key': `bench-${process.pid}-${i}` });
      if (status !== 200) failures.set(status, (failures.get(status) ?? 0) + 1);
    });
    agent.destroy();
    for (const [status, n] of failures) console.log(`  ${n} batches answered ${status}`);
    console.log(`raw batched INSERT    : ${(rawResult.rate * BATCH).toFixed(0).padStart(7)} positions/s (${rawResult.calls} batches of ${BATCH}, ${CLIENTS} clients)`);
    console.log(`API POST /patrol/tracks: ${(apiResult.rate * BATCH).toFixed(0).padStart(7)} positions/s (${apiResult.calls} batches of ${BATCH}, ${CLIENTS} clients)`);
    console.log(`ratio API / raw       : ${(apiResult.rate / rawResult.rate).toFixed(2)}`);
  } finally {
    await browser.close();
    proxy.close();
    await stopLiandong(server);
    await setup.close();
    await dropDatabase(NAME);
  }
}

await main();
