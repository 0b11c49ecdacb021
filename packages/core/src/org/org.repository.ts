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
  const u = await q.query<UserRow>('select * from users where id = $1 and active', [userId]);
  const user = u.rows[0];
  if (!user) return null;
  const roles = await q.query<{ role: string }>('select role from user_roles where user_id = $1', [userId]);
  const scopes = await q.query<{ unit_id: number | null; area_code: string | null }>(
    'select unit_id, area_code from user_scopes where user_id = $1',
    [userId],
  );
  const rootUnits = scopes.rows.flatMap((s) => (s.unit_id == null ? [] : [s.unit_id]));
  const units = rootUnits.length
    ? await q.query<{ id: number }>(
        `with recursive tree as (
           select id from units where id = any($1::int[])
           union select u.id from units u join tree t on u.parent_id = t.id)
         select id from tree`,
        [rootUnits],
      )
    : { rows: [] };
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: new Set(roles.rows.map((r) => r.role).filter(isRole) as Role[]),
    unitId: user.unit_id,
    unitIds: units.rows.map((r) => r.id),
    areaCodes: scopes.rows.flatMap((s) => (s.area_code == null ? [] : [s.area_code])),
    ...(user.must_change_password ? { mustChangePassword: true } : {}),
  };
}
