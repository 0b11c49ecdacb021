/**
 * 考核 (assessment): indicators as data — each with its numerator and denominator in words — units' figures for
 * a period with a composite score, an A–E grade and a rank beside the previous period's, and the orders behind
 * every figure (drill-down: nobody has to trust a number he cannot open).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Obj, PagingFields } from './common.ts';
import { OrderPageSchema } from './orders.ts';
import { route } from './route.ts';
import { literals } from './vocabulary.ts';

export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Whose figures: units, areas (towns, villages, grids) or grid workers; the path segment of the routes. */
export const ASSESSMENT_SUBJECTS = ['units', 'towns', 'villages', 'grids', 'grid-workers'] as const;
export type AssessmentSubject = (typeof ASSESSMENT_SUBJECTS)[number];

/** The indicators; their definitions are in core assessment/*-indicators.ts and docs/assessment.md. */
export const UNIT_INDICATORS = [
  'sign_rate',
  'sign_on_time_rate',
  'completion_rate',
  'completion_on_time_rate',
  'rework_rate',
  'return_rate',
  'extension_rate',
  'satisfaction_rate',
  'supervisions',
  'accept_on_time_rate',
  'dispatch_on_time_rate',
  'direct_close_rate',
  'callback_rate',
] as const;
export const AREA_INDICATORS = [
  'received',
  'area_completion_rate',
  'area_on_time_rate',
  'area_direct_close_rate',
  'area_satisfaction_rate',
  'solved_in_grid_rate',
  'overdue_open',
] as const;
export const WORKER_INDICATORS = ['reports', 'valid_report_rate', 'important_share', 'verify_on_time_rate', 'check_on_time_rate'] as const;
export const INDICATOR_CODES = [...UNIT_INDICATORS, ...AREA_INDICATORS, ...WORKER_INDICATORS] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];
export type UnitIndicator = (typeof UNIT_INDICATORS)[number];

/** The kinds of subject ranked among themselves (departments with departments, villages with villages…). */
export const ASSESSED_UNIT_KINDS = ['department', 'station', 'sub_centre', 'centre'] as const;
export type AssessedUnitKind = (typeof ASSESSED_UNIT_KINDS)[number];
export const SUBJECT_KINDS = [...ASSESSED_UNIT_KINDS, 'town', 'village', 'grid', 'grid_worker'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;

export const IndicatorSchema = Obj({
  code: literals(INDICATOR_CODES),
  subjects: Type.Array(literals(ASSESSMENT_SUBJECTS)),
  name: Type.String(),
  kind: literals(['rate', 'count'] as const, { description: 'rate: numerator / denominator in %; count: the numerator alone' }),
  better: literals(['higher', 'lower'] as const),
  numerator: Type.String({ description: 'what is counted above the line, in words' }),
  denominator: Type.String({ description: 'what is counted below the line, and which moment puts it in the period' }),
});
export type IndicatorView = Static<typeof IndicatorSchema>;

export const PeriodQueryFields = {
  period: literals(PERIOD_KINDS, { description: 'day, week (Monday first), month, quarter, year, or custom (from … to)' }),
  date: Type.Optional(Type.String({ format: 'date', description: 'a day inside the period, China time (default today)' })),
  from: Type.Optional(Type.String({ format: 'date', description: 'custom: the first day' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'custom: the last day (inclusive)' })),
};

export const AssessmentQuery = Obj({
  ...PeriodQueryFields,
  kind: Type.Optional(literals(ASSESSED_UNIT_KINDS, { description: 'units: only units of this kind' })),
  within: Type.Optional(Type.String({ maxLength: 20, description: 'areas and grid workers: only those inside this division (a town’s or village’s code)' })),
});

export const PeriodSchema = Obj({ kind: literals(PERIOD_KINDS), firstDay: Type.String(), lastDay: Type.String() });

export const FigureSchema = Obj({
  code: literals(INDICATOR_CODES),
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  value: Nullable(Type.Number({ description: 'rate: % with one decimal; count: the numerator; null when nothing was counted' })),
});
export type FigureView = Static<typeof FigureSchema>;

const Standing = Obj({ score: Nullable(Type.Number()), grade: Nullable(literals(GRADES)), rank: Nullable(Type.Integer()) });

export const AssessmentRowSchema = Obj({
  subject: Obj({
    id: Type.String({ description: 'a unit’s id, a division’s or grid’s code, a grid worker’s user id' }),
    code: Type.String(),
    name: Type.String(),
    kind: literals(SUBJECT_KINDS),
  }),
  figures: Type.Array(FigureSchema),
  supervisionsByLevel: Type.Optional(Type.Array(Obj({ level: Type.Integer(), count: Type.Integer() }), { description: 'units' })),
  resolution: Type.Optional(
    Obj(
      { grid: Type.Integer(), village: Type.Integer(), town: Type.Integer(), district: Type.Integer(), enforcement: Type.Integer() },
      'areas: orders closed in the period by where they were solved (网格自治, 村社, 镇街, 区级部门, 综合执法)',
    ),
  ),
  quota: Type.Optional(Obj({ target: Type.Integer(), valid: Type.Integer(), met: Type.Boolean() }, 'grid workers: valid reports against the quota for the period')),
  score: Nullable(Type.Number({ description: 'composite score 0–100 under the kind’s weights; null when no weighted figure was counted' })),
  grade: Nullable(literals(GRADES)),
  rank: Nullable(Type.Integer({ description: 'among subjects of the same kind with a score' })),
  previous: Standing,
  rankChange: Nullable(Type.Integer({ description: 'places gained since the previous period (negative: lost)' })),
});
export type AssessmentRow = Static<typeof AssessmentRowSchema>;

export const AssessmentSchema = Obj({
  subject: literals(ASSESSMENT_SUBJECTS),
  period: PeriodSchema,
  previousPeriod: PeriodSchema,
  weights: Type.Array(Obj({ kind: literals(SUBJECT_KINDS), indicators: Type.Array(Obj({ code: literals(INDICATOR_CODES), weight: Type.Number() })) })),
  grades: Obj({ A: Type.Number(), B: Type.Number(), C: Type.Number(), D: Type.Number() }, 'the lowest score of each grade; below D is E'),
  rows: Type.Array(AssessmentRowSchema),
});
export type Assessment = Static<typeof AssessmentSchema>;

export const SubjectParams = Type.Object({ subject: literals(ASSESSMENT_SUBJECTS) });
export const DrillParams = Type.Object({
  subject: literals(ASSESSMENT_SUBJECTS),
  id: Type.String({ minLength: 1, maxLength: 30, pattern: '^[0-9A-Za-z-]+$' }),
  code: literals(INDICATOR_CODES),
});
export const DrillQuery = Obj({
  ...PeriodQueryFields,
  part: Type.Optional(literals(['numerator', 'denominator'] as const, { description: 'the orders above the line or below it (default)' })),
  ...PagingFields,
});

export const assessmentRoutes = {
  indicators: route({
    method: 'GET',
    path: '/api/v1/assessment/indicators',
    tags: ['assessment'],
    summary: '考核指标 Every indicator with its numerator and denominator in words',
    response: { 200: Type.Array(IndicatorSchema) },
  }),
  standings: route({
    method: 'GET',
    path: '/api/v1/assessment/:subject',
    tags: ['assessment'],
    summary: '考核排名 Units, towns, villages, grids or grid workers in your scope: figures, composite score, grade and rank for a period, beside the previous one',
    params: SubjectParams,
    querystring: AssessmentQuery,
    response: { 200: AssessmentSchema },
  }),
  drill: route({
    method: 'GET',
    path: '/api/v1/assessment/:subject/:id/indicators/:code/orders',
    tags: ['assessment'],
    summary: '指标穿透 The orders behind a figure: those counted below the line, or above it',
    params: DrillParams,
    querystring: DrillQuery,
    response: { 200: OrderPageSchema },
  }),
};
