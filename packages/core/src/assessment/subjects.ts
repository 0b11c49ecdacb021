/**
 * 考核对象: whose figures — units, towns, villages, basic grids or grid workers — and who may see each. A unit is
 * seen by those whose scope holds it or the division it sits in (a district leader sees every department); an area
 * by those whose areas hold it or a division above it; a grid worker by those who see one of his grids or his unit.
 */
import type { Queryable } from '@liandong/db';
import { ASSESSED_UNIT_KINDS, type AssessedUnitKind, type AssessmentSubject, type SubjectKind } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { coversArea, coversUnit } from '../org/actor.ts';

export interface Subject {
  id: string;
  code: string;
  name: string;
  kind: SubjectKind;
  /** The area codes whose readers see it (itself and the divisions above it; a worker's grids and theirs). */
  areas: string[];
  /** The units whose readers see it. */
  units: number[];
}

interface Row {
  id: string;
  code: string;
  name: string;
  kind: SubjectKind;
  areas: string[] | null;
  units: number[] | null;
}

const QUERIES: Record<AssessmentSubject, string> = {
  units: `select id::text, code, name, kind, array_remove(array[division_code], null) as areas, array[id] as units
            from units where active and kind = any($1::text[]) order by kind, code`,
  towns: `select t.code as id, t.code, t.name, 'town' as kind, array_remove(array[t.code, t.parent_code], null) as areas, null as units
            from divisions t where t.level = 'town' order by t.code`,
  villages: `select v.code as id, v.code, v.name, 'village' as kind, array_remove(array[v.code, v.parent_code, t.parent_code], null) as areas, null as units
               from divisions v left join divisions t on t.code = v.parent_code where v.level = 'village' order by v.code`,
  grids: `select g.code as id, g.code, g.name, 'grid' as kind, array_remove(array[g.code, g.village_code, g.town_code, g.district_code], null) as areas, null as units
            from grids g where g.kind = 'basic' and not exists (select 1 from grids c where c.parent_id = g.id and c.kind = 'basic') order by g.code`,
  'grid-workers': `select u.id::text as id, u.username as code, u.display_name as name, 'grid_worker' as kind,
                          array(select x.code from user_scopes s join grids g on g.code = s.area_code
                                  cross join lateral unnest(array[g.code, g.village_code, g.town_code, g.district_code]) as x(code)
                                 where s.user_id = u.id and x.code is not null) as areas,
                          array_remove(array[u.unit_id], null) as units
                     from users u join user_roles r on r.user_id = u.id and r.role = 'grid_worker' where u.active order by u.username`,
};

export async function subjectsOf(q: Queryable, subject: AssessmentSubject, kind?: AssessedUnitKind): Promise<Subject[]> {
  const r = await q.query<Row>(QUERIES[subject], subject === 'units' ? [kind ? [kind] : [...ASSESSED_UNIT_KINDS]] : []);
  return r.rows.map((x) => ({ id: x.id, code: x.code, name: x.name, kind: x.kind, areas: x.areas ?? [], units: (x.units ?? []).map(Number) }));
}

export const seesSubject = (actor: Actor, s: Pick<Subject, 'areas' | 'units'>) => s.units.some((u) => coversUnit(actor, u)) || s.areas.some((a) => coversArea(actor, a));
