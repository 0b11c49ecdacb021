/**
 * 大屏预警: the open warnings a wall shows — about places and workloads only (a spike of one class in an area, repeated
 * reports at one place, a unit's growing backlog), never a caller, and not the many at-risk orders the desks chase —
 * newest first, in the screen's area (a town's screen: its town and villages).
 */
import type { Queryable } from '@liandong/db';
import type { ScreenWarning } from '@liandong/contracts';
import type { ScreenScope } from '../screen/screen-tokens.ts';

const LEVEL: Record<string, string> = { spike: 'red', repeat_place: 'orange', backlog: 'yellow' };
const SHOWN = Object.keys(LEVEL);

export async function screenWarnings(q: Queryable, scope: ScreenScope, _now: Date, lang: 'zh' | 'en' = 'zh', limit = 6): Promise<ScreenWarning[]> {
  const r = await q.query<{ id: string; kind: string; title: string; at: Date; area: string | null }>(
    `select w.id, w.kind, case when $4 = 'en' then w.title_en else w.title_zh end as title, w.raised_at as at,
            coalesce(v.name, t.name) as area
       from warnings w
       left join divisions t on t.code = w.town_code
       left join divisions v on v.code = w.village_code
      where w.state <> 'resolved' and w.kind = any($1::text[])
        and ($2 = 'district' or w.town_code = $3)
      order by w.raised_at desc, w.id desc limit ${Number(limit)}`,
    [SHOWN, scope.level, scope.areaCode, lang],
  );
  return r.rows.map((w) => ({ id: Number(w.id), title: w.title, level: LEVEL[w.kind]!, at: w.at.toISOString(), area: w.area }));
}
