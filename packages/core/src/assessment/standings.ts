/**
 * 考核排名: the figures of every subject of a kind for a period (one statement: each indicator's items counted per
 * subject), its composite score, grade and rank among subjects of its kind, beside the previous period's; shown for
 * the subjects in the reader's scope (subjects.ts). Ranks are among every subject of the kind, whoever reads them.
 */
import type { Queryable } from '@liandong/db';
import {
  SUBJECT_KINDS,
  type AssessedUnitKind,
  type Assessment,
  type AssessmentRow,
  type AssessmentSubject,
  type FigureView,
} from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { notFound } from '../shared/errors.ts';
import { periodOf, previousPeriod, type Period, type PeriodKind } from './periods.rules.ts';
import { compositeScore, DEFAULT_GRADES, DEFAULT_WEIGHTS, figureValue, gradeOf, ranks, type GradeFloors, type Weights } from './scores.rules.ts';
import { INDICATOR_BY_CODE, indicatorsOf } from './indicators.ts';
import { resolutionSql } from './area-indicators.ts';
import { validReportsSql } from './worker-indicators.ts';
import { seesSubject, subjectsOf, type Subject } from './subjects.ts';

export interface PeriodQuery {
  period: PeriodKind;
  date?: string;
  from?: string;
  to?: string;
}
export interface StandingsQuery extends PeriodQuery {
  kind?: AssessedUnitKind;
  within?: string;
}

/** Valid reports a grid worker is expected to make in 30 days (setting `assessment.reportQuota`). */
export const DEFAULT_REPORT_QUOTA = 20;

/** The subject, if the actor may see its figures; 404 as for one that does not exist. */
export async function visibleSubject(q: Queryable, actor: Actor, subject: AssessmentSubject, id: string): Promise<Subject> {
  assertMay(actor, 'assessment.view');
  const s = (await subjectsOf(q, subject)).find((x) => x.id === id);
  if (!s || !seesSubject(actor, s)) throw notFound({ zh: '考核对象', en: 'The subject' });
  return s;
}

type Counts = Map<string, Map<string, { num: number; den: number }>>;

/** Every indicator's numerator and denominator per subject for a period. */
async function countFigures(q: Queryable, subject: AssessmentSubject, p: Period, now: Date): Promise<Counts> {
  const union = indicatorsOf(subject)
    .map((d) => `select '${d.code}' as code, subject, count(*)::int as den, (count(*) filter (where hit))::int as num from (${d.sql(subject)}) x group by subject`)
    .join('\n union all\n');
  const r = await q.query<{ code: string; subject: string | null; den: number; num: number }>(union, [p.from, p.to, now]);
  const out: Counts = new Map();
  for (const row of r.rows) {
    if (row.subject === null) continue;
    const m = out.get(row.subject) ?? new Map();
    m.set(row.code, { num: row.num, den: row.den });
    out.set(row.subject, m);
  }
  return out;
}

/** The weights, grade floors and report quota in force: the deployment's settings over the defaults. */
export async function assessmentRules(q: Queryable): Promise<{ weights: Weights; grades: GradeFloors; reportQuota: number }> {
  const r = await q.query<{ key: string; value: unknown }>(`select key, value from settings where key in ('assessment.weights', 'assessment.grades', 'assessment.reportQuota')`);
  const get = (k: string) => r.rows.find((x) => x.key === k)?.value;
  return {
    weights: { ...DEFAULT_WEIGHTS, ...((get('assessment.weights') as Partial<Weights>) ?? {}) },
    grades: { ...DEFAULT_GRADES, ...((get('assessment.grades') as Partial<GradeFloors>) ?? {}) },
    reportQuota: Number(get('assessment.reportQuota') ?? DEFAULT_REPORT_QUOTA),
  };
}

interface Standing {
  figures: FigureView[];
  score: number | null;
  rank: number | null;
}

async function standingsIn(q: Queryable, subject: AssessmentSubject, subjects: Subject[], p: Period, now: Date, weights: Weights): Promise<Map<string, Standing>> {
  const counted = await countFigures(q, subject, p, now);
  const lower = (code: string) => INDICATOR_BY_CODE.get(code as never)!.better === 'lower';
  const defs = indicatorsOf(subject);
  const scored = subjects.map((s) => {
    const c = counted.get(s.id);
    const figures = defs.map((d): FigureView => {
      const x = c?.get(d.code) ?? { num: 0, den: 0 };
      return { code: d.code, numerator: x.num, denominator: x.den, value: figureValue(d.kind, x.num, x.den) };
    });
    return { s, figures, score: compositeScore(figures, weights[s.kind], lower) };
  });
  const rank = ranks(scored, (x) => x.score, (x) => x.s.kind);
  return new Map(scored.map((x) => [x.s.id, { figures: x.figures, score: x.score, rank: rank.get(x) ?? null }]));
}

/** What each kind of subject shows besides its figures: supervisions by level, where closed orders were solved, the quota. */
async function details(q: Queryable, subject: AssessmentSubject, p: Period, quota: number): Promise<(id: string) => Partial<AssessmentRow>> {
  if (subject === 'units') {
    const r = await q.query<{ subject: string; level: number; count: number }>(
      `select data->>'unitId' as subject, (data->>'level')::int as level, count(*)::int as count
         from order_events where action = 'supervise' and at >= $1 and at < $2 and data ? 'unitId' group by 1, 2 order by 1, 2`,
      [p.from, p.to],
    );
    return (id) => ({ supervisionsByLevel: r.rows.filter((x) => x.subject === id).map((x) => ({ level: x.level, count: x.count })) });
  }
  if (subject === 'grid-workers') {
    const r = await q.query<{ subject: string; n: number }>(validReportsSql, [p.from, p.to]);
    const valid = new Map(r.rows.map((x) => [x.subject, x.n]));
    const target = Math.round((quota * (p.to.getTime() - p.from.getTime())) / (30 * 86_400_000));
    return (id) => ({ quota: { target, valid: valid.get(id) ?? 0, met: (valid.get(id) ?? 0) >= target } });
  }
  const r = await q.query<{ subject: string; level: string; n: number }>(resolutionSql(subject), [p.from, p.to]);
  return (id) => {
    const of = (level: string) => r.rows.find((x) => x.subject === id && x.level === level)?.n ?? 0;
    return { resolution: { grid: of('grid'), village: of('village'), town: of('town'), district: of('district'), enforcement: of('enforcement') } };
  };
}

const periodView = (p: Period) => ({ kind: p.kind, firstDay: p.firstDay, lastDay: p.lastDay });

export async function standings(q: Queryable, actor: Actor, subject: AssessmentSubject, query: StandingsQuery, now: Date): Promise<Assessment> {
  assertMay(actor, 'assessment.view');
  const period = periodOf(query, now);
  const previous = previousPeriod(period);
  const subjects = await subjectsOf(q, subject, query.kind);
  const { weights, grades, reportQuota } = await assessmentRules(q);
  const [current, before, more] = await Promise.all([
    standingsIn(q, subject, subjects, period, now, weights),
    standingsIn(q, subject, subjects, previous, now, weights),
    details(q, subject, period, reportQuota),
  ]);
  const rows = subjects
    .filter((s) => seesSubject(actor, s) && (!query.within || s.areas.includes(query.within)))
    .map((s): AssessmentRow => {
      const c = current.get(s.id)!;
      const b = before.get(s.id)!;
      return {
        subject: { id: s.id, code: s.code, name: s.name, kind: s.kind },
        figures: c.figures,
        ...more(s.id),
        score: c.score,
        grade: gradeOf(c.score, grades),
        rank: c.rank,
        previous: { score: b.score, grade: gradeOf(b.score, grades), rank: b.rank },
        rankChange: c.rank !== null && b.rank !== null ? b.rank - c.rank : null,
      };
    })
    .sort((a, b) => a.subject.kind.localeCompare(b.subject.kind) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.subject.code.localeCompare(b.subject.code));
  const kinds = SUBJECT_KINDS.filter((k) => subjects.some((s) => s.kind === k));
  return { subject, period: periodView(period), previousPeriod: periodView(previous), weights: kinds.map((k) => ({ kind: k, indicators: weights[k] })), grades, rows };
}
