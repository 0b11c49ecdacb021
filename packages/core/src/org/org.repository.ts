import type { Queryable } from '@liandong/db';
import type { UnitView } from '@liandong/contracts';
import type { Actor } from './actor.ts';
import { isRole, type Role } from './roles.ts';

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  name_en: string | null;
  kind: 'centre' | 'sub_centre' | 'department' | 'station' | 'grid_team';
  level: 'city' | 'district' | 'town' | 'village' | 'grid';
  parent_id: number | null;
  division_code: string | null;
  enforcement: boolean;
}

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string | null;
  phone: string | null;
  unit_id: number | null;
  active: boolean;
  must_change_password: boolean;
}

export async function findUserByUsername(q: Queryable, username: string): Promise<UserRow | null> {
  const r = await q.query<UserRow>('select * from users where username = $1', [username]);
  return r.rows[0] ?? null;
}

export async function getUnit(q: Queryable, id: number): Promise<UnitRow | null> {
  const r = await q.query<UnitRow>('select * from units where id = $1', [id]);
  return r.rows[0] ?? null;
}

export async function getUnitByCode(q: Queryable, code: string): Promise<UnitRow | null> {
  const r = await q.query<UnitRow>('select * from units where code = $1', [code]);
  return r.rows[0] ?? null;
}

/** Active units as the API shows them. */
export async function listUnitViews(q: Queryable): Promise<UnitView[]> {
  const r = await q.query<UnitView>(
    `select id, code, name, name_en as "nameEn", kind, level, parent_id as "parentId", division_code as "divisionCode"
       from units where active order by id`,
  );
  return r.rows;
}

export async function listUnits(q: Queryable): Promise<UnitRow[]> {
  return (await q.query<UnitRow>('select * from units where active order by id')).rows;
}

/** The command centre responsible for a level of an area: the town's sub-centre, or the district centre. */
export async function findCentre(q: Queryable, level: 'town' | 'district', divisionCode: string): Promise<UnitRow | null> {
  const kind = level === 'town' ? 'sub_centre' : 'centre';
  const r = await q.query<UnitRow>(
    'select * from units where kind = $1 and division_code = $2 and active order by id limit 1',
    [kind, divisionCode],
  );
  return r.rows[0] ?? null;
}

/** Loads a user's roles and scope, expanding scope units to their whole subtree. */
export async function loadActor(q: Queryable, userId: number): Promise<Actor | null> {
  return (await loadActors(q, [userId])).get(userId) ?? null;
}

/**
 * Active users as actors, with their scope: the units they are scoped to and every unit below them (a centre
 * covers its sub-centres and stations), and their areas. Three queries, however many users (the demo history
 * loads every station and grid worker account at once).
 */
export async function loadActors(q: Queryable, userIds: readonly number[]): Promise<Map<number, Actor>> {
  const u = await q.query<UserRow>('select * from users where id = any($1::int[]) and active', [userIds]);
  if (u.rows.length === 0) return new Map();
  const ids = u.rows.map((x) => x.id);
  const roles = await q.query<{ user_id: number; role: string }>('select user_id, role from user_roles where user_id = any($1::int[])', [ids]);
  const scopes = await q.query<{ user_id: number; unit_id: number | null; area_code: string | null; covered: number[] | null }>(
    `with recursive tree (root, id) as (
       select s.unit_id, s.unit_id from user_scopes s where s.user_id = any($1::int[]) and s.unit_id is not null
       union select t.root, u.id from units u join tree t on u.parent_id = t.id)
     select s.user_id, s.unit_id, s.area_code, (select array_agg(distinct t.id) from tree t where t.root = s.unit_id) as covered
       from user_scopes s where s.user_id = any($1::int[])`,
    [ids],
  );
  const actors = new Map<number, Actor>();
  for (const user of u.rows) {
    const mine = scopes.rows.filter((s) => s.user_id === user.id);
    actors.set(user.id, {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      roles: new Set(roles.rows.filter((r) => r.user_id === user.id).map((r) => r.role).filter(isRole) as Role[]),
      unitId: user.unit_id,
      unitIds: [...new Set(mine.flatMap((s) => s.covered ?? []))],
      areaCodes: mine.flatMap((s) => (s.area_code == null ? [] : [s.area_code])),
      ...(user.must_change_password ? { mustChangePassword: true } : {}),
    });
  }
  return actors;
}
