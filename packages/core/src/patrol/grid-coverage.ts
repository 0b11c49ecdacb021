/**
 * 巡查覆盖率 of one grid in a period: the share of its H3 cells the stored patrol tracks passed through, in all and per
 * worker (coverage.rules.ts). Who may see it: those whose area holds the grid (its grid workers, the village, town
 * or district above it) and administrators.
 */
import type { Queryable } from '@liandong/db';
import type { GridCoverage } from '@liandong/contracts';
import { coversArea, type Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { seesAll } from '../orders/order-scope.ts';
import { forbidden, invalidField, notFound } from '../shared/errors.ts';
import { iso } from '../shared/wire.ts';
import { cellRing, coverageOf, gridCells, outerRings, PATROL_H3_RESOLUTION, visitedCells, type GridOutline } from './coverage.rules.ts';
import type { TrackPoint } from './track-filter.rules.ts';

/** A year of a grid's tracks at most: coverage is read per day, week, month or year. */
const MAX_PERIOD_MS = 366 * 86_400_000;

export async function gridCoverage(q: Queryable, actor: Actor, f: { gridCode: string; from: string; to: string; map?: boolean }): Promise<GridCoverage> {
  assertMay(actor, 'patrol.coverage');
  const [from, to] = [new Date(f.from), new Date(f.to)];
  if (!(to > from)) throw invalidField('to', '结束时间须晚于开始时间', 'must be later than from');
  if (to.getTime() - from.getTime() > MAX_PERIOD_MS) throw invalidField('to', '时段不能超过一年', 'the period cannot be longer than a year');
  const g = await q.query<{ code: string; name: string; geometry: GridOutline; village_code: string | null; town_code: string | null; district_code: string | null }>(
    `select code, name, geometry, village_code, town_code, district_code from grids where code = $1 and kind = 'basic'`,
    [f.gridCode],
  );
  const grid = g.rows[0];
  if (!grid) throw notFound({ zh: '网格', en: 'Grid' });
  if (!seesAll(actor) && !coversArea(actor, grid.code, grid.village_code, grid.town_code, grid.district_code)) {
    throw forbidden('该网格不在您的管辖范围内', 'This grid is outside your area');
  }
  const points = await q.query<{ user_id: number; name: string; lng: number; lat: number; accuracy: number | null; at: Date }>(
    `select p.user_id, u.display_name as name, p.lng, p.lat, p.accuracy, p.at
       from patrol_points p join users u on u.id = p.user_id
      where p.grid_code = $1 and p.at >= $2 and p.at < $3
      order by p.user_id, p.at`,
    [grid.code, from, to],
  );
  const cells = gridCells(grid.geometry);
  const byWorker = new Map<number, { name: string; track: TrackPoint[] }>();
  for (const p of points.rows) {
    const w = byWorker.get(p.user_id) ?? { name: p.name, track: [] };
    w.track.push({ lng: p.lng, lat: p.lat, accuracy: p.accuracy, at: new Date(p.at) });
    byWorker.set(p.user_id, w);
  }
  const all = new Set<string>();
  const workers = [...byWorker].map(([userId, w]) => {
    const visited = visitedCells(w.track);
    for (const c of visited) all.add(c);
    const c = coverageOf(cells, visited);
    return { userId, name: w.name, visited: c.visited, ratio: c.ratio, points: w.track.length };
  });
  const total = coverageOf(cells, all);
  return {
    grid: { code: grid.code, name: grid.name },
    from: iso(from),
    to: iso(to),
    resolution: PATROL_H3_RESOLUTION,
    cells: total.cells,
    visited: total.visited,
    ratio: total.ratio,
    workers: workers.sort((a, b) => b.ratio - a.ratio || a.userId - b.userId),
    ...(f.map ? { map: { outline: outerRings(grid.geometry), visitedCells: [...all].filter((c) => cells.has(c)).map(cellRing) } } : {}),
  };
}
