/**
 * 常见问题: the few event classes a citizen chooses among (a simple choice; "not sure" leaves it to the dispatcher,
 * who classifies every report anyway): the minor event classes in use reported most in the last 90 days, in the
 * reader's language; the catalogue's order when nothing was reported yet.
 */
import type { Queryable } from '@liandong/db';
import { PUBLIC_CATEGORY_COUNT, type Lang } from '@liandong/contracts';

const RECENT_DAYS = 90;

export async function publicCategories(q: Queryable, lang: Lang, now: Date): Promise<{ code: string; name: string }[]> {
  const r = await q.query<{ code: string; name: string; name_en: string | null }>(
    `select c.code, c.name, c.name_en
       from categories c
       left join (select category_code, count(*) as n from orders where created_at >= $1 group by category_code) o on o.category_code = c.code
      where c.kind = 'event' and c.level = 'minor' and c.active
      order by coalesce(o.n, 0) desc, c.sort, c.code
      limit $2`,
    [new Date(now.getTime() - RECENT_DAYS * 86_400_000), PUBLIC_CATEGORY_COUNT],
  );
  return r.rows.map((c) => ({ code: c.code, name: lang === 'en' && c.name_en ? c.name_en : c.name }));
}
