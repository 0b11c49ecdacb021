/**
 * 分类维护: administrators add major classes (大类) and minor classes (小类) under a major of the same kind, rename
 * and reorder them, and take them out of use (a major only once none of its minors is in use; a minor back in use
 * only under a major in use). Out of use means no longer offered at intake; orders already classified keep it.
 * Every change is on the audit trail.
 */
import type { Db, Queryable } from '@liandong/db';
import type { CategoryAdmin, CategoryCreate, CategoryPatch } from '@liandong/contracts';
import type { Actor } from '../../org/actor.ts';
import { assertMay } from '../../org/permissions.rules.ts';
import { recordAudit, type AdminContext } from '../../audit/audit.repository.ts';
import { conflict, DomainError, invalidField, notFound } from '../../shared/errors.ts';

const COLUMNS = `k.code, k.kind, k.level, k.parent_code as "parentCode", k.name, k.name_en as "nameEn",
  k.standard_ref as "standardRef", k.sort, k.active,
  (select count(*)::int from category_conditions c where c.category_code = k.code) as conditions,
  (select count(*)::int from category_conditions c where c.category_code = k.code and c.active) as "activeConditions"`;

/** Every category, those out of use too: events before components, majors each followed by nothing (the UI nests them). */
export async function listCategoriesForAdmin(q: Queryable, actor: Actor): Promise<CategoryAdmin[]> {
  assertMay(actor, 'catalogue.manage');
  return (await q.query<CategoryAdmin>(`select ${COLUMNS} from categories k order by k.kind = 'component', k.level, k.sort, k.code`)).rows;
}

async function categoryForAdmin(q: Queryable, code: string): Promise<CategoryAdmin> {
  const r = await q.query<CategoryAdmin>(`select ${COLUMNS} from categories k where k.code = $1`, [code]);
  if (!r.rows[0]) throw notFound({ zh: '分类', en: 'Category' });
  return r.rows[0];
}

const trimmed = (s: string | null | undefined): string | null => (s == null || s.trim() === '' ? null : s.trim());

export async function createCategory(db: Db, actor: Actor, input: CategoryCreate, ctx: AdminContext): Promise<CategoryAdmin> {
  assertMay(actor, 'catalogue.manage');
  return db.transaction(async (tx) => {
    const parentCode = input.level === 'minor' ? await majorFor(tx, input) : null;
    if (input.level === 'major' && input.parentCode) throw invalidField('parentCode', '大类不能有上级分类', 'a major class has no parent');
    const r = await tx.query<{ code: string }>(
      `insert into categories (code, kind, level, parent_code, name, name_en, standard_ref, sort)
       values ($1, $2, $3, $4, $5, $6, $7,
               coalesce($8, (select coalesce(max(sort), 0) + 1 from categories where level = $3 and parent_code is not distinct from $4)))
       on conflict (code) do nothing returning code`,
      [input.code, input.kind, input.level, parentCode, input.name.trim(), trimmed(input.nameEn), trimmed(input.standardRef), input.sort ?? null],
    );
    if (!r.rows[0]) throw conflict('duplicate', `分类编码 ${input.code} 已存在`, `Category code ${input.code} is taken`, 'code');
    await recordAudit(tx, { actor, action: 'manage_catalogue', details: { categoryCode: input.code, fields: Object.keys(input) }, ip: ctx.ip ?? null, at: ctx.now });
    return categoryForAdmin(tx, input.code);
  });
}

/** A minor class's major: given, of the same kind, in use. */
async function majorFor(q: Queryable, input: CategoryCreate): Promise<string> {
  if (!input.parentCode) throw invalidField('parentCode', '小类须选择所属大类', 'a minor class needs its major class');
  const r = await q.query<{ kind: string; level: string; active: boolean }>('select kind, level, active from categories where code = $1', [input.parentCode]);
  const parent = r.rows[0];
  if (!parent || parent.level !== 'major' || !parent.active) throw invalidField('parentCode', '所属大类不存在或已停用', 'no major class in use with this code');
  if (parent.kind !== input.kind) throw invalidField('parentCode', '所属大类的类型（事件/部件）与本分类不同', 'the major class is of the other kind (event/component)');
  return input.parentCode;
}

const PATCH_COLUMNS: Record<Exclude<keyof CategoryPatch, 'active'>, string> = { name: 'name', nameEn: 'name_en', standardRef: 'standard_ref', sort: 'sort' };

export async function updateCategory(db: Db, actor: Actor, code: string, patch: CategoryPatch, ctx: AdminContext): Promise<CategoryAdmin> {
  assertMay(actor, 'catalogue.manage');
  return db.transaction(async (tx) => {
    await tx.query('select 1 from categories where code = $1 for update', [code]);
    const category = await categoryForAdmin(tx, code);
    const sets: string[] = [];
    const params: unknown[] = [code];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof typeof PATCH_COLUMNS, string][]) {
      const value = patch[key];
      if (value === undefined) continue;
      set(column, key === 'name' ? (value as string).trim() : typeof value === 'string' || value === null ? trimmed(value as string | null) : value);
    }
    if (patch.active !== undefined && patch.active !== category.active) {
      if (patch.active) await assertParentInUse(tx, category);
      else await assertNoMinorInUse(tx, category);
      set('active', patch.active);
    }
    if (sets.length) await tx.query(`update categories set ${sets.join(', ')} where code = $1`, params);
    await recordAudit(tx, { actor, action: 'manage_catalogue', details: { categoryCode: code, fields: Object.keys(patch) }, ip: ctx.ip ?? null, at: ctx.now });
    return categoryForAdmin(tx, code);
  });
}

async function assertParentInUse(q: Queryable, category: CategoryAdmin): Promise<void> {
  if (!category.parentCode) return;
  const r = await q.query<{ active: boolean }>('select active from categories where code = $1', [category.parentCode]);
  if (!r.rows[0]?.active) throw invalidField('active', '所属大类已停用，请先启用大类', 'its major class is out of use: put that back in use first');
}

async function assertNoMinorInUse(q: Queryable, category: CategoryAdmin): Promise<void> {
  if (category.level !== 'major') return;
  const r = await q.query<{ n: number }>('select count(*)::int as n from categories where parent_code = $1 and active', [category.code]);
  const n = r.rows[0]!.n;
  if (n) {
    throw new DomainError(409, 'in_use', { zh: `该大类下仍有 ${n} 个小类在用，请先停用小类`, en: `${n} minor classes of it are still in use: take them out of use first` }, 'active');
  }
}
