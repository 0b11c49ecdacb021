/**
 * 用户管理: administrators add accounts (with a one-time password shown once), change a user's name, unit,
 * roles and data scope, disable and enable accounts, and reset passwords. A disabled account and a reset
 * password end the user's sessions. An administrator cannot disable himself or take away his own
 * administration (so the deployment always keeps one). Every change is on the audit trail.
 */
import type { Db, Queryable } from '@liandong/db';
import type { UserAdmin, UserCreate, UserPatch } from '@liandong/contracts';
import type { Actor } from '../actor.ts';
import { addUser } from '../add-user.ts';
import { assertMay } from '../permissions.rules.ts';
import { recordAudit, type AdminContext } from '../../audit/audit.repository.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { invalidField, notFound } from '../../shared/errors.ts';
import { oneTimePassword } from './one-time-password.ts';
import { userForAdmin } from './user-admin-view.ts';

export async function createUserByAdmin(db: Db, actor: Actor, input: UserCreate, ctx: AdminContext): Promise<{ user: UserAdmin; temporaryPassword: string }> {
  assertMay(actor, 'org.manage');
  const temporaryPassword = oneTimePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const id = await db.transaction(async (tx) => {
    await assertReferences(tx, input);
    const id = await addUser(tx, {
      username: input.username,
      displayName: input.displayName.trim(),
      passwordHash,
      phone: input.phone ?? null,
      unitId: input.unitId ?? null,
      roles: input.roles,
      scope: { unitIds: input.scopeUnitIds ?? (input.unitId ? [input.unitId] : []), areaCodes: input.scopeAreaCodes ?? [] },
      ...(input.gridWorkerKind ? { gridWorkerKind: input.gridWorkerKind } : {}),
    });
    await tx.query('update users set must_change_password = true where id = $1', [id]);
    await recordAudit(tx, { actor, action: 'manage_user', details: { targetUserId: id, fields: Object.keys(input) }, ip: ctx.ip ?? null, at: ctx.now });
    return id;
  });
  return { user: (await userForAdmin(db, id))!, temporaryPassword };
}

const PATCH_COLUMNS = { displayName: 'display_name', phone: 'phone', unitId: 'unit_id', gridWorkerKind: 'grid_worker_kind', active: 'active' } as const;

export async function updateUser(db: Db, actor: Actor, id: number, patch: UserPatch, ctx: AdminContext): Promise<UserAdmin> {
  assertMay(actor, 'org.manage');
  if (id === actor.userId && patch.active === false) throw invalidField('active', '不能停用自己的账号', 'you cannot disable your own account');
  if (id === actor.userId && patch.roles && !patch.roles.includes('admin')) {
    throw invalidField('roles', '不能取消自己的管理员角色', 'you cannot take away your own administrator role');
  }
  return db.transaction(async (tx) => {
    const found = await tx.query('select 1 from users where id = $1 for update', [id]);
    if (!found.rows.length) throw notFound({ zh: '用户', en: 'User' });
    await assertReferences(tx, patch);
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof typeof PATCH_COLUMNS, string][]) {
      const value = patch[key];
      if (value === undefined) continue;
      params.push(typeof value === 'string' ? value.trim() : value);
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length) await tx.query(`update users set ${sets.join(', ')} where id = $1`, params);
    if (patch.roles) {
      await tx.query('delete from user_roles where user_id = $1', [id]);
      await tx.query('insert into user_roles (user_id, role) select $1, unnest($2::text[])', [id, patch.roles]);
    }
    if (patch.scopeUnitIds) {
      await tx.query('delete from user_scopes where user_id = $1 and unit_id is not null', [id]);
      await tx.query('insert into user_scopes (user_id, unit_id) select $1, unnest($2::int[])', [id, patch.scopeUnitIds]);
    }
    if (patch.scopeAreaCodes) {
      await tx.query('delete from user_scopes where user_id = $1 and area_code is not null', [id]);
      await tx.query('insert into user_scopes (user_id, area_code) select $1, unnest($2::text[])', [id, patch.scopeAreaCodes]);
    }
    if (patch.active === false) await tx.query('delete from sessions where user_id = $1', [id]);
    await recordAudit(tx, { actor, action: 'manage_user', details: { targetUserId: id, fields: Object.keys(patch) }, ip: ctx.ip ?? null, at: ctx.now });
    return (await userForAdmin(tx, id))!;
  });
}

/** A new one-time password; the user's sessions end and he must choose his own at the next sign-in. */
export async function resetPassword(db: Db, actor: Actor, id: number, ctx: AdminContext): Promise<{ temporaryPassword: string }> {
  assertMay(actor, 'org.manage');
  const temporaryPassword = oneTimePassword();
  const hash = await hashPassword(temporaryPassword);
  await db.transaction(async (tx) => {
    const r = await tx.query('update users set password_hash = $2, must_change_password = true where id = $1 returning id', [id, hash]);
    if (!r.rows.length) throw notFound({ zh: '用户', en: 'User' });
    await tx.query('delete from sessions where user_id = $1', [id]);
    await recordAudit(tx, { actor, action: 'reset_password', details: { targetUserId: id }, ip: ctx.ip ?? null, at: ctx.now });
  });
  return { temporaryPassword };
}

/** The unit, scope units and areas named must exist (units active); each refusal names its field. */
async function assertReferences(q: Queryable, input: Pick<UserPatch, 'unitId' | 'scopeUnitIds' | 'scopeAreaCodes'>): Promise<void> {
  const units = [...(input.unitId != null ? [input.unitId] : []), ...(input.scopeUnitIds ?? [])];
  if (units.length) {
    const r = await q.query<{ id: number }>('select id from units where id = any($1::int[]) and active', [units]);
    const known = new Set(r.rows.map((x) => x.id));
    if (input.unitId != null && !known.has(input.unitId)) throw invalidField('unitId', '单位不存在或已停用', 'no active unit with this id');
    const bad = (input.scopeUnitIds ?? []).findIndex((u) => !known.has(u));
    if (bad >= 0) throw invalidField(`scopeUnitIds[${bad}]`, '单位不存在或已停用', 'no active unit with this id');
  }
  const areas = input.scopeAreaCodes ?? [];
  if (areas.length) {
    const r = await q.query<{ code: string }>('select code from divisions where code = any($1::text[]) union select code from grids where code = any($1::text[])', [areas]);
    const known = new Set(r.rows.map((x) => x.code));
    const bad = areas.findIndex((a) => !known.has(a));
    if (bad >= 0) throw invalidField(`scopeAreaCodes[${bad}]`, '行政区划或网格不存在', 'no division or grid with this code');
  }
}
