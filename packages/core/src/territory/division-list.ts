/** The divisions (行政区划) as pickers need them: code, name, level, parent; staff only, no outlines. */
import type { Queryable } from '@liandong/db';
import type { DivisionView } from '@liandong/contracts';
import { hasRole, type Actor } from '../org/actor.ts';
import { forbidden } from '../shared/errors.ts';

const LEVEL_ORDER = `case level when 'province' then 0 when 'city' then 1 when 'district' then 2 when 'town' then 3 else 4 end`;

export async function listDivisions(q: Queryable, actor: Actor): Promise<DivisionView[]> {
  if (hasRole(actor, 'citizen') && actor.roles.size === 1) throw forbidden('群众不能查看区划清单', 'Citizens cannot list divisions');
  const r = await q.query<DivisionView>(`select code, name, level, parent_code as "parentCode", kind from divisions order by ${LEVEL_ORDER}, code`);
  return r.rows;
}
