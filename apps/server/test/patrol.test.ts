/**
 * Patrol tracks and coverage through the API: a grid worker's walk in his grid, sent as batches (a retry stored
 * once), filtered (a jump dropped), in GCJ-02 from a phone's map converted; the grid's coverage equals the cells the
 * stored walk passed through; bad batches are refused naming the field; others may not record, and only those whose
 * area holds the grid may read its coverage.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fromWgs84 } from '@liandong/core/territory/coordinates.ts';
import { coverageOf, gridCells, visitedCells, type GridOutline } from '@liandong/core/patrol/coverage.rules.ts';
import { gridOf, newKey, pointInGrid, startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let grid: string;
let centre: { lng: number; lat: number };
beforeAll(async () => {
  s = await startTestServer();
  grid = await gridOf(s, 'songling_gridworker');
  centre = await pointInGrid(s, grid);
});
afterAll(() => s?.close());

const M_LAT = 1 / 111_195;
/** A square walk of `side` metres around the grid's inner point, a fix every 10 m at 1.3 m/s. */
function squareWalk(side: number, start: Date): { lng: number; lat: number; accuracy: number; at: string }[] {
  const mLng = M_LAT / Math.cos((centre.lat * Math.PI) / 180);
  const corners = [[0, 0], [side, 0], [side, side], [0, side], [0, 0]].map(([x, y]) => [x! - side / 2, y! - side / 2]);
  const out = [];
  let t = start.getTime();
  for (let i = 0; i + 1 < corners.length; i++) {
    const [x0, y0] = corners[i]!;
    const [x1, y1] = corners[i + 1]!;
    for (let d = 0; d < side; d += 10) {
      out.push({ lng: centre.lng + (x0! + ((x1! - x0!) * d) / side) * mLng, lat: centre.lat + (y0! + ((y1! - y0!) * d) / side) * M_LAT, accuracy: 6, at: new Date(t).toISOString() });
      t += (10 / 1.3) * 1000;
    }
  }
  return out;
}

it('a worker’s walk is stored once, filtered, and his grid’s coverage is the cells it passed through', async () => {
  const worker = await s.as('songling_gridworker');
  const walk = squareWalk(60, new Date(Date.now() - 3_600_000));
  const jump = { lng: centre.lng + 0.05, lat: centre.lat + 0.05, accuracy: 5, at: new Date(Date.parse(walk[3]!.at) + 1000).toISOString() };
  const key = newKey('track');
  const body = { points: [...walk.slice(0, 4), jump, ...walk.slice(4)] };
  const first = await worker.post('/api/v1/patrol/tracks', body, { 'idempotency-key': key });
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  expect(first.body).toEqual({ received: walk.length + 1, kept: walk.length, vague: 0, jumps: 1 });
  const again = await worker.post('/api/v1/patrol/tracks', body, { 'idempotency-key': key });
  expect(again.body).toEqual(first.body);
  const stored = await s.platform.db.query<{ n: number; in_grid: number }>(
    `select count(*)::int as n, count(*) filter (where grid_code = $1)::int as in_grid from patrol_points p join users u on u.id = p.user_id where u.username = 'songling_gridworker'`,
    [grid],
  );
  expect(stored.rows[0]!.n).toBe(walk.length);

  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 60_000).toISOString();
  const r = await worker.get(`/api/v1/patrol/coverage?gridCode=${grid}&from=${from}&to=${to}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  // What the pure rules say of the walk's positions that lie in the grid.
  const geometry = (await s.platform.db.query<{ geometry: GridOutline }>('select geometry from grids where code = $1', [grid])).rows[0]!.geometry;
  const inGrid = (await s.platform.db.query<{ lng: number; lat: number; at: Date }>(`select lng, lat, at from patrol_points where grid_code = $1 order by at`, [grid])).rows;
  const expected = coverageOf(gridCells(geometry), visitedCells(inGrid.map((p) => ({ ...p, accuracy: 6, at: new Date(p.at) }))));
  expect(r.body).toMatchObject({ grid: { code: grid }, resolution: 11, cells: expected.cells, visited: expected.visited });
  expect(r.body.visited).toBeGreaterThan(0);
  expect(r.body.ratio).toBeCloseTo(expected.ratio, 10);
  expect(r.body.workers).toEqual([expect.objectContaining({ visited: expected.visited, points: stored.rows[0]!.in_grid })]);
  expect(r.body.map).toBeUndefined();
  // The patrol map: the grid's outline, and a hexagon for each cell passed through.
  const drawn = (await worker.get(`/api/v1/patrol/coverage?gridCode=${grid}&from=${from}&to=${to}&map=true`)).body.map!;
  expect(drawn.visitedCells).toHaveLength(expected.visited);
  expect(drawn.visitedCells.every((ring) => ring.length === 6 || ring.length === 7)).toBe(true);
  expect(drawn.outline[0]).toEqual((geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates[0]!)[0]);
  // A district dispatcher sees it too; a period before the walk has none.
  const earlier = await (await s.as('zx_dispatcher')).get(`/api/v1/patrol/coverage?gridCode=${grid}&from=${new Date(Date.now() - 3 * 86_400_000).toISOString()}&to=${from}`);
  expect(earlier.body).toMatchObject({ visited: 0, ratio: 0, workers: [] });
});

it('positions from a phone’s map in GCJ-02 are stored in WGS-84', async () => {
  const worker = await s.as('songling_gridworker');
  const [lng, lat] = fromWgs84(centre.lng, centre.lat, 'gcj02');
  const at = new Date(Date.now() - 60_000).toISOString();
  const r = await worker.post('/api/v1/patrol/tracks', { crs: 'gcj02', points: [{ lng, lat, accuracy: 5, at }] }, { 'idempotency-key': newKey('gcj') });
  expect(r.body.kept).toBe(1);
  const p = (await s.platform.db.query<{ lng: number; lat: number; grid_code: string }>('select lng, lat, grid_code from patrol_points where at = $1', [at])).rows[0]!;
  expect(Math.abs(p.lng - centre.lng) * 95_000).toBeLessThan(1);
  expect(Math.abs(p.lat - centre.lat) * 111_000).toBeLessThan(1);
  expect(p.grid_code).toBe(grid);
});

it('refuses a batch without its key, a position in the future and a bad period, naming the field; others may not', async () => {
  const worker = await s.as('songling_gridworker', 'en');
  const point = { lng: centre.lng, lat: centre.lat, at: new Date().toISOString() };
  const noKey = await worker.post('/api/v1/patrol/tracks', { points: [point] });
  expect([noKey.status, noKey.body.error.field]).toEqual([400, 'idempotency-key']);
  const future = await worker.post('/api/v1/patrol/tracks', { points: [point, { ...point, at: new Date(Date.now() + 3_600_000).toISOString() }] }, { 'idempotency-key': newKey('f') });
  expect([future.status, future.body.error.field]).toEqual([400, 'points[1].at']);
  const empty = await worker.post('/api/v1/patrol/tracks', { points: [] }, { 'idempotency-key': newKey('e') });
  expect([empty.status, empty.body.error.field]).toEqual([400, 'points']);
  const backwards = await worker.get(`/api/v1/patrol/coverage?gridCode=${grid}&from=${new Date().toISOString()}&to=${new Date(Date.now() - 1000).toISOString()}`);
  expect([backwards.status, backwards.body.error.field]).toEqual([400, 'to']);

  expect((await (await s.as('zx_dispatcher')).post('/api/v1/patrol/tracks', { points: [point] }, { 'idempotency-key': newKey('d') })).status).toBe(403);
  const period = `from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date().toISOString()}`;
  const otherTown = await (await s.as('shengze_gridworker', 'en')).get(`/api/v1/patrol/coverage?gridCode=${grid}&${period}`);
  expect([otherTown.status, otherTown.body.error.message]).toEqual([403, 'This grid is outside your area']);
  expect((await (await s.as('cgj_handler')).get(`/api/v1/patrol/coverage?gridCode=${grid}&${period}`)).status).toBe(403);
  expect((await worker.get(`/api/v1/patrol/coverage?gridCode=NOPE&${period}`)).status).toBe(404);
});
