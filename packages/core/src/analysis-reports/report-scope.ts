/**
 * Whose report is whose. A report is about an area — the district or one of its towns — and is read by those whose
 * areas hold that area: the district's people read the district's and every town's, a town's people their town's
 * only; administrators read all. Someone else is told nothing exists (404), as with an order out of scope. Asking
 * for a report about an area outside one's own is a 403 naming `scope`; a code that is no district or town a 400.
 */
import type { Queryable } from '@liandong/db';
import { coversArea, type Actor } from '../org/actor.ts';
import { seesAll } from '../orders/order-scope.ts';
import { DomainError, invalidField } from '../shared/errors.ts';

export interface ReportScope {
  code: string;
  name: string;
  level: 'district' | 'town';
  districtCode: string;
  districtName: string;
}

export async function reportScope(q: Queryable, code: string): Promise<ReportScope> {
  const r = await q.query<{ code: string; name: string; level: 'district' | 'town'; district_code: string; district_name: string }>(
    `select d.code, d.name, d.level, coalesce(p.code, d.code) as district_code, coalesce(p.name, d.name) as district_name
       from divisions d left join divisions p on p.code = d.parent_code and d.level = 'town'
      where d.code = $1 and d.level in ('district', 'town')`,
    [code],
  );
  const x = r.rows[0];
  if (!x) throw invalidField('scope', '范围应为区或镇（街道）的区划代码', 'scope must be the code of the district or a town');
  return { code: x.code, name: x.name, level: x.level, districtCode: x.district_code, districtName: x.district_name };
}

/** Whether the actor's areas hold the scope (its own code, or for a town its district's). */
export function coversScope(actor: Actor, s: Pick<ReportScope, 'code' | 'districtCode'>): boolean {
  return seesAll(actor) || coversArea(actor, s.code, s.districtCode);
}

export function assertCoversScope(actor: Actor, s: ReportScope): void {
  if (!coversScope(actor, s)) throw new DomainError(403, 'forbidden', { zh: '该区域不在您的数据范围内', en: 'That area is outside your data scope' }, 'scope');
}

/** The reports the actor may read, as a condition on alias `r`; appends its parameters. */
export function reportScopeSql(actor: Actor, params: unknown[]): string {
  if (seesAll(actor)) return 'true';
  params.push(actor.areaCodes);
  return `(r.scope_code = any($${params.length}::text[]) or r.district_code = any($${params.length}::text[]))`;
}
