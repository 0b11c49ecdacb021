/**
 * 单位考核: every assessed unit's figures for a period (one statement: each indicator's items counted per unit),
 * its composite score, grade and rank among units of its kind, beside the previous period's; shown for the units
 * in the reader's scope — his units, and units seated in his areas (a district leader sees the departments).
 * Ranks are among every unit of the kind, whoever reads them.
 */
import type { Queryable } from '@liandong/db';
import {
  ASSESSED_UNIT_KINDS,
  type AssessedUnitKind,
  type FigureView,
  type Lang,
  type UnitAssessment,
  type UnitAssessmentRow,
} from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { coversArea, coversUnit } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { notFound } from '../shared/errors.ts';
import { periodOf, previousPeriod, type Period, type PeriodKind } from './periods.rules.ts';
import { compositeScore, DEFAULT_GRADES, DEFAULT_WEIGHTS, figureValue, gradeOf, ranks, type GradeFloors, type Weights } from './scores.rules.ts';
import { INDICATOR_BY_CODE, UNIT_INDICATOR_DEFS } from './unit-indicators.ts';

export interface AssessedUnit {
  id: number;
  code: string;
  name: string;
  kind: AssessedUnitKind;
  division_code: string | null;
}

export interface PeriodQuery {
  period: PeriodKind;
  date?: string;
  from?: string;
  to?: string;
}

/** The units assessed, of one kind or all. */
async function assessedUnits(q: Queryable, kind?: AssessedUnitKind): Promise<AssessedUnit[]> {
  return (
    await q.query<AssessedUnit>(
      `select id, code, name, kind, division_code from units where active and kind = any($1::text[]) order by kind, code`,
      [kind ? [kind] : [...ASSESSED_UNIT_KINDS]],
    )
  ).rows;
}

const seesUnit = (actor: Actor, u: Pick<AssessedUnit, 'id' | 'division_code'>) => coversUnit(actor, u.id) || coversArea(actor, u.division_code);

/** The unit, if the actor may see its figures; 404 as for a unit that does not exist. */
export async function visibleUnit(q: Queryable, actor: Actor, unitId: number): Promise<AssessedUnit> {
  assertMay(actor, 'assessment.view');
  const u = (await q.query<AssessedUnit>('select id, code, name, kind, division_code from units where id = $1 and kind = any($2::text[])', [unitId, [...ASSESSED_UNIT_KINDS]])).rows[0];
  if (!u || !seesUnit(actor, u)) throw notFound({ zh: '单位', en: 'The unit' });
  return u;
}

/** Every indicator's numerator and denominator per unit for a period. */
async function countFigures(q: Queryable, p: Period, now: Date): Promise<Map<number, Map<string, { num: number; den: number }>>> {
  const union = UNIT_INDICATOR_DEFS.map(
    (d) => `select '${d.code}' as code, unit_id, count(*)::int as den, (count(*) filter (where hit))::int as num from (${d.sql}) x group by unit_id`,
  ).join('\n union all\n');
  const r = await q.query<{ code: string; unit_id: number; den: number; num: number }>(union, [p.from, p.to, now]);
  const out = new Map<number, Map<string, { num: number; den: number }>>();
  for (const row of r.rows) {
    if (row.unit_id === null) continue;
    const m = out.get(row.unit_id) ?? new Map();
    m.set(row.code, { num: row.num, den: row.den });
    out.set(row.unit_id, m);
  }
  return out;
}

async function supervisionLevels(q: Queryable, p: Period): Promise<Map<number, { level: number; count: number }[]>> {
  const r = await q.query<{ unit_id: number; level: number; count: number }>(
    `select (data->>'unitId')::int as unit_id, (data->>'level')::int as level, count(*)::int as count
       from order_events where action = 'supervise' and at >= $1 and at < $2 and data ? 'unitId'
      group by 1, 2 order by 1, 2`,
    [p.from, p.to],
  );
  const out = new Map<number, { level: number; count: number }[]>();
  for (const row of r.rows) out.set(row.unit_id, [...(out.get(row.unit_id) ?? []), { level: row.level, count: row.count }]);
  return out;
}

/** The weights and grade floors in force: the deployment's settings (`assessment.weights`, `assessment.grades`) over the defaults. */
export async function assessmentRules(q: Queryable): Promise<{ weights: Weights; grades: GradeFloors }> {
  const r = await q.query<{ key: string; value: unknown }>(`select key, value from settings where key in ('assessment.weights', 'assessment.grades')`);
  const get = (k: string) => r.rows.find((x) => x.key === k)?.value;
  return { weights: { ...DEFAULT_WEIGHTS, ...((get('assessment.weights') as Partial<Weights>) ?? {}) }, grades: { ...DEFAULT_GRADES, ...((get('assessment.grades') as Partial<GradeFloors>) ?? {}) } };
}

interface Standing {
  figures: FigureView[];
  score: number | null;
  rank: number | null;
}

async function standings(q: Queryable, units: AssessedUnit[], p: Period, now: Date, weights: Weights): Promise<Map<number, Standing>> {
  const counted = await countFigures(q, p, now);
  const lower = (code: string) => INDICATOR_BY_CODE.get(code as never)!.better === 'lower';
  const scored = units.map((u) => {
    const c = counted.get(u.id);
    const figures = UNIT_INDICATOR_DEFS.map((d): FigureView => {
      const x = c?.get(d.code) ?? { num: 0, den: 0 };
      return { code: d.code, numerator: x.num, denominator: x.den, value: figureValue(d.kind, x.num, x.den) };
    });
    return { u, figures, score: compositeScore(figures, weights[u.kind], lower) };
  });
  const rank = ranks(scored, (s) => s.score, (s) => s.u.kind);
  return new Map(scored.map((s) => [s.u.id, { figures: s.figures, score: s.score, rank: rank.get(s) ?? null }]));
}

const periodView = (p: Period) => ({ kind: p.kind, firstDay: p.firstDay, lastDay: p.lastDay });

export async function unitAssessment(q: Queryable, actor: Actor, query: PeriodQuery & { kind?: AssessedUnitKind }, _lang: Lang, now: Date): Promise<UnitAssessment> {
  assertMay(actor, 'assessment.view');
  const period = periodOf(query, now);
  const previous = previousPeriod(period);
  const units = await assessedUnits(q, query.kind);
  const { weights, grades } = await assessmentRules(q);
  const [current, before, levels] = await Promise.all([standings(q, units, period, now, weights), standings(q, units, previous, now, weights), supervisionLevels(q, period)]);
  const rows = units
    .filter((u) => seesUnit(actor, u))
    .map((u): UnitAssessmentRow => {
      const c = current.get(u.id)!;
      const b = before.get(u.id)!;
      return {
        unit: { id: u.id, code: u.code, name: u.name, kind: u.kind },
        figures: c.figures,
        supervisionsByLevel: levels.get(u.id) ?? [],
        score: c.score,
        grade: gradeOf(c.score, grades),
        rank: c.rank,
        previous: { score: b.score, grade: gradeOf(b.score, grades), rank: b.rank },
        rankChange: c.rank !== null && b.rank !== null ? b.rank - c.rank : null,
      };
    })
    .sort((a, b) => a.unit.kind.localeCompare(b.unit.kind) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.code.localeCompare(b.unit.code));
  return {
    period: periodView(period),
    previousPeriod: periodView(previous),
    weights: ASSESSED_UNIT_KINDS.filter((k) => !query.kind || k === query.kind).map((k) => ({ kind: k, indicators: weights[k] })),
    grades,
    rows,
  };
}
