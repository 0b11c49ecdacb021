/**
 * 组织机构: administrators add units, rename or move them, change their leader, disable and enable them. A unit
 * still at work (open orders it handles or dispatches, active sub-units or users) cannot be disabled; a unit cannot
 * be moved under itself or below itself. Every change is on the audit trail.
 */
import type { Db, Queryable } from '@liandong/db';
import type { UnitAdmin, UnitCreate, UnitPatch } from '@liandong/contracts';
import type { Actor } from '../actor.ts';
import { assertMay } from '../permissions.rules.ts';
import { recordAudit, type AdminContext } from '../../audit/audit.repository.ts';
import { conflict, DomainError, invalidField, notFound } from '../../shared/errors.ts';
import { unitPlacementProblem } from './unit-kinds.rules.ts';

const UNIT_COLUMNS = `u.id, u.code, u.name, u.name_en as "nameEn", u.kind, u.level, u.parent_id as "parentId",
  u.division_code as "divisionCode", u.leader_name as "leaderName", u.leader_phone as "leaderPhone", u.enforcement, u.active,
  (select count(*)::int from users x where x.unit_id = u.id and x.active) as users`;

/** Every unit, the disabled ones too, in tree order (parents before children: by id, as units are added). */
export async function listUnitsForAdmin(q: Queryable, actor: Actor): Promise<UnitAdmin[]> {
  assertMay(actor, 'org.manage');
  return (await q.query<UnitAdmin>(`select ${UNIT_COLUMNS} from units u order by u.id`)).rows;
}

async function unitForAdmin(q: Queryable, id: number): Promise<UnitAdmin> {
  const r = await q.query<UnitAdmin>(`select ${UNIT_COLUMNS} from units u where u.id = $1`, [id]);
  if (!r.rows[0]) throw notFound({ zh: '单位', en: 'Unit' });
  return r.rows[0];
}

async function parentOf(q: Queryable, parentId: number | null | undefined): Promise<{ id: number | null; kind: UnitAdmin['kind'] | 'top' }> {
  if (parentId == null) return { id: null, kind: 'top' };
  const r = await q.query<{ kind: UnitAdmin['kind']; active: boolean }>('select kind, active from units where id = $1', [parentId]);
  if (!r.rows[0]?.active) throw invalidField('parentId', '上级单位不存在或已停用', 'no active unit with this id');
  return { id: parentId, kind: r.rows[0].kind };
}

export async function createUnit(db: Db, actor: Actor, input: UnitCreate, ctx: AdminContext): Promise<UnitAdmin> {
  assertMay(actor, 'org.manage');
  return db.transaction(async (tx) => {
    const parent = await parentOf(tx, input.parentId);
    const problem = unitPlacementProblem(input.kind, input.level, parent.kind);
    if (problem) throw invalidField(problem.field, problem.zh, problem.en);
    await assertDivision(tx, input.divisionCode);
    const r = await tx.query<{ id: number }>(
      `insert into units (code, name, name_en, kind, level, parent_id, division_code, leader_name, leader_phone, enforcement)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (code) do nothing returning id`,
      [input.code, input.name.trim(), input.nameEn ?? null, input.kind, input.level, parent.id, input.divisionCode ?? null, input.leaderName ?? null, input.leaderPhone ?? null, input.enforcement ?? false],
    );
    if (!r.rows[0]) throw conflict('duplicate', `单位编码 ${input.code} 已存在`, `Unit code ${input.code} is taken`, 'code');
    await recordAudit(tx, { actor, action: 'manage_unit', details: { unitId: r.rows[0].id, fields: Object.keys(input) }, ip: ctx.ip ?? null, at: ctx.now });
    return unitForAdmin(tx, r.rows[0].id);
  });
}

const PATCH_COLUMNS: Record<Exclude<keyof UnitPatch, 'parentId' | 'active'>, string> = {
  name: 'name',
  nameEn: 'name_en',
  leaderName: 'leader_name',
  leaderPhone: 'leader_phone',
  enforcement: 'enforcement',
};

export async function updateUnit(db: Db, actor: Actor, id: number, patch: UnitPatch, ctx: AdminContext): Promise<UnitAdmin> {
  assertMay(actor, 'org.manage');
  return db.transaction(async (tx) => {
    await tx.query('select 1 from units where id = $1 for update', [id]);
    const unit = await unitForAdmin(tx, id);
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof typeof PATCH_COLUMNS, string][]) {
      const value = patch[key];
      if (value !== undefined) set(column, typeof value === 'string' ? value.trim() : value);
    }
    if (patch.parentId !== undefined && patch.parentId !== unit.parentId) {
      const parent = await parentOf(tx, patch.parentId);
      if (parent.id !== null && (await isWithin(tx, parent.id, id))) {
        throw invalidField('parentId', '不能移到本单位或其下级单位之下', 'cannot move a unit under itself or a unit below it');
      }
      const problem = unitPlacementProblem(unit.kind, unit.level, parent.kind);
      if (problem) throw invalidField('parentId', problem.zh, problem.en);
      set('parent_id', parent.id);
    }
    if (patch.active === false && unit.active) await assertIdle(tx, id);
    if (patch.active === true && unit.parentId !== null) await parentOf(tx, patch.parentId ?? unit.parentId);
    if (patch.active !== undefined) set('active', patch.active);
    if (sets.length) await tx.query(`update units set ${sets.join(', ')} where id = $1`, params);
    await recordAudit(tx, { actor, action: 'manage_unit', details: { unitId: id, fields: Object.keys(patch) }, ip: ctx.ip ?? null, at: ctx.now });
    return unitForAdmin(tx, id);
  });
}

/** Whether `unitId` is `rootId` or below it. */
async function isWithin(q: Queryable, unitId: number, rootId: number): Promise<boolean> {
  const r = await q.query<{ hit: boolean }>(
    `with recursive up (id, parent_id) as (select id, parent_id from units where id = $1
       union select u.id, u.parent_id from units u join up on u.id = up.parent_id)
     select exists (select 1 from up where id = $2) as hit`,
    [unitId, rootId],
  );
  return r.rows[0]!.hit;
}

/** A unit may be disabled only when nothing depends on it any more. */
async function assertIdle(q: Queryable, id: number): Promise<void> {
  const r = await q.query<{ orders: number; units: number; users: number }>(
    `select (select count(*)::int from orders o join order_states st on st.code = o.state
              where (o.handler_unit_id = $1 or o.dispatch_unit_id = $1) and st.type not in ('closed', 'voided')) as orders,
            (select count(*)::int from units where parent_id = $1 and active) as units,
            (select count(*)::int from users where unit_id = $1 and active) as users`,
    [id],
  );
  const { orders, units, users } = r.rows[0]!;
  if (orders || units || users) {
    throw new DomainError(
      409,
      'in_use',
      {
        zh: `该单位仍有在办工单 ${orders} 件、下级单位 ${units} 个、在用账号 ${users} 个，不能停用`,
        en: `The unit still has ${orders} open orders, ${units} active sub-units and ${users} active users; it cannot be disabled`,
      },
      'active',
    );
  }
}

async function assertDivision(q: Queryable, code: string | null | undefined): Promise<void> {
  if (code == null) return;
  const r = await q.query('select 1 from divisions where code = $1', [code]);
  if (!r.rows.length) throw invalidField('divisionCode', '行政区划不存在', 'no division with this code');
}
