/** Users as the administrator reads them (用户管理): roles, data scope with names, unit, last sign-in. */
import type { Queryable } from '@liandong/db';
import type { UserAdmin, UserFilter } from '@liandong/contracts';
import type { Actor } from '../actor.ts';
import { assertMay } from '../permissions.rules.ts';
import { pageWindow } from '../../shared/paging.ts';
import { iso } from '../../shared/wire.ts';

interface UserAdminRow extends Omit<UserAdmin, 'createdAt' | 'lastLoginAt'> {
  createdAt: Date;
  lastLoginAt: Date | null;
}

const VIEW = `select u.id, u.username, u.display_name as "displayName", u.phone,
    case when un.id is null then null else json_build_object('id', un.id, 'name', un.name) end as unit,
    coalesce((select json_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '[]') as roles,
    json_build_object(
      'units', coalesce((select json_agg(json_build_object('id', su.id, 'name', su.name) order by su.id)
                           from user_scopes s join units su on su.id = s.unit_id where s.user_id = u.id), '[]'),
      'areas', coalesce((select json_agg(json_build_object('code', s.area_code, 'name', coalesce(d.name, g.name)) order by s.area_code)
                           from user_scopes s left join divisions d on d.code = s.area_code left join grids g on g.code = s.area_code
                          where s.user_id = u.id and s.area_code is not null), '[]')) as scope,
    u.grid_worker_kind as "gridWorkerKind", u.active, u.must_change_password as "mustChangePassword", u.created_at as "createdAt",
    (select max(a.at) from login_attempts a where a.username = u.username and a.success) as "lastLoginAt"
  from users u left join units un on un.id = u.unit_id`;

const toWire = (r: UserAdminRow): UserAdmin => ({ ...r, createdAt: iso(r.createdAt), lastLoginAt: r.lastLoginAt ? iso(r.lastLoginAt) : null });

export async function userForAdmin(q: Queryable, id: number): Promise<UserAdmin | null> {
  const r = await q.query<UserAdminRow>(`${VIEW} where u.id = $1`, [id]);
  return r.rows[0] ? toWire(r.rows[0]) : null;
}

export async function listUsersForAdmin(q: Queryable, actor: Actor, f: UserFilter): Promise<{ total: number; page: number; pageSize: number; items: UserAdmin[] }> {
  assertMay(actor, 'org.manage');
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.q) add((n) => `(u.username like ${n} or u.display_name like ${n})`, `%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
  if (f.role) add((n) => `exists (select 1 from user_roles r where r.user_id = u.id and r.role = ${n})`, f.role);
  if (f.active !== undefined) add((n) => `u.active = ${n}`, f.active);
  if (f.unitId) {
    add(
      (n) => `u.unit_id in (with recursive below (id) as (select ${n}::int union select x.id from units x join below b on x.parent_id = b.id) select id from below)`,
      f.unitId,
    );
  }
  const whereSql = where.length ? `where ${where.join(' and ')}` : '';
  const total = (await q.query<{ n: number }>(`select count(*)::int as n from users u ${whereSql}`, params)).rows[0]!.n;
  const rowParams = [...params];
  const w = pageWindow(f, rowParams);
  const rows = await q.query<UserAdminRow>(`${VIEW} ${whereSql} order by u.id ${w.sql}`, rowParams);
  return { total, page: w.page, pageSize: w.pageSize, items: rows.rows.map(toWire) };
}
