/**
 * 常用分类 for the field app: every minor class in use with its pinyin initials, so the phone can search them
 * without signal, and how many orders of each the worker's grid (or all his grids) had in the last 90 days, so
 * the grid's common ones come first.
 */
import type { Queryable } from '@liandong/db';
import type { FieldCategory } from '@liandong/contracts';
import { pinyinInitials } from '../catalogue/pinyin-initials.ts';
import { coversArea, type Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { forbidden } from '../shared/errors.ts';

const RECENT_DAYS = 90;

export async function fieldCategories(q: Queryable, actor: Actor, f: { gridCode?: string }, now: Date): Promise<FieldCategory[]> {
  assertMay(actor, 'patrol.record');
  if (f.gridCode && !coversArea(actor, f.gridCode)) throw forbidden('该网格不在您的管辖范围内', 'This grid is outside your area');
  const grids = f.gridCode ? [f.gridCode] : actor.areaCodes;
  const r = await q.query<Omit<FieldCategory, 'initials'>>(
    `select c.code, c.kind, c.parent_code as "parentCode", c.name, c.name_en as "nameEn", coalesce(n.recent, 0)::int as recent
       from categories c
       left join (select category_code, count(*) as recent from orders
                   where grid_code = any($1::text[]) and created_at >= $2 group by category_code) n on n.category_code = c.code
      where c.level = 'minor' and c.active
      order by recent desc, c.sort, c.code`,
    [grids, new Date(now.getTime() - RECENT_DAYS * 86_400_000)],
  );
  return r.rows.map((c) => ({ ...c, initials: pinyinInitials(c.name) }));
}
