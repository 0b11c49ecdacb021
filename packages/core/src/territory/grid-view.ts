/**
 * Grids as the staff see them (网格信息): level and parent, the divisions they lie in, households, population and
 * enterprises, and the grid workers covering them. People's names are personal data: a user sees the grids of his
 * own areas (an administrator all of them); a citizen none.
 */
import type { Queryable } from '@liandong/db';
import type { GridView } from '@liandong/contracts';
import { hasRole, type Actor } from '../org/actor.ts';
import { forbidden, notFound } from '../shared/errors.ts';
import { listGrids, type GridFilter } from './territory.repository.ts';
import type { GridSummary } from './types.ts';
import { pointInside, type AreaGeometry } from './geometry.ts';

const GRID = { zh: '网格', en: 'Grid' };

function assertStaff(actor: Actor): void {
  if (hasRole(actor, 'citizen') && actor.roles.size === 1) throw forbidden('群众不能查看网格信息', 'Citizens cannot read grid records');
}

/** The grids an actor reads: those lying in his areas; an administrator's, all. */
function inScope(actor: Actor, filter: GridFilter): GridFilter {
  assertStaff(actor);
  return hasRole(actor, 'admin') ? filter : { ...filter, withinAreas: actor.areaCodes };
}

export async function gridViews(q: Queryable, actor: Actor, filter: GridFilter): Promise<GridView[]> {
  return views(q, await listGrids(q, inScope(actor, filter)));
}

export async function gridView(q: Queryable, actor: Actor, code: string): Promise<GridView> {
  const [g] = await listGrids(q, inScope(actor, { code }));
  if (!g) throw notFound(GRID);
  return (await views(q, [g]))[0]!;
}

async function views(q: Queryable, grids: readonly GridSummary[]): Promise<GridView[]> {
  if (grids.length === 0) return [];
  const codes = grids.map((g) => g.code);
  const names = await q.query<{ code: string; name: string }>(
    `select code, name from divisions where code = any($1::text[]) union all select code, name from grids where code = any($2::text[])`,
    [[...new Set(grids.flatMap((g) => [g.villageCode, g.townCode, g.districtCode]).filter((c): c is string => !!c))], grids.map((g) => g.parentCode).filter(Boolean)],
  );
  const nameOf = new Map(names.rows.map((r) => [r.code, r.name]));
  const workers = await q.query<{ area_code: string; id: number; name: string; kind: 'full_time' | 'part_time' | null }>(
    `select s.area_code, u.id, u.display_name as name, u.grid_worker_kind as kind
       from user_scopes s join users u on u.id = s.user_id join user_roles r on r.user_id = u.id and r.role = 'grid_worker'
      where s.area_code = any($1::text[]) and u.active order by u.id`,
    [codes],
  );
  const shapes = await q.query<{ code: string; geometry: AreaGeometry }>('select code, geometry from grids where code = any($1::text[])', [codes]);
  const pointOf = new Map(shapes.rows.map((r) => [r.code, pointInside(r.geometry)]));
  const named = (code: string | null) => (code ? { code, name: nameOf.get(code) ?? null } : null);
  return grids.map((g) => ({
    code: g.code,
    name: g.name,
    kind: g.kind,
    specialty: g.specialty,
    level: g.level,
    parent: g.parentCode ? { code: g.parentCode, name: nameOf.get(g.parentCode) ?? g.parentCode } : null,
    village: named(g.villageCode),
    town: named(g.townCode),
    district: named(g.districtCode),
    households: g.households,
    population: g.population,
    enterprises: g.enterprises,
    point: { lng: pointOf.get(g.code)![0], lat: pointOf.get(g.code)![1] },
    workers: workers.rows.filter((w) => w.area_code === g.code).map((w) => ({ id: w.id, name: w.name, kind: w.kind })),
  }));
}
