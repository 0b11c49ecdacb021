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

/** The indicators of units (单位考核指标); their definitions are in core assessment/unit-indicators.ts and docs/assessment.md. */
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
export type UnitIndicator = (typeof UNIT_INDICATORS)[number];

/** The kinds of unit ranked among themselves (departments with departments, stations with stations…). */
export const ASSESSED_UNIT_KINDS = ['department', 'station', 'sub_centre', 'centre'] as const;
export type AssessedUnitKind = (typeof ASSESSED_UNIT_KINDS)[number];
export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;

export const IndicatorSchema = Obj({
  code: literals(UNIT_INDICATORS),
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

export const UnitAssessmentQuery = Obj({ ...PeriodQueryFields, kind: Type.Optional(literals(ASSESSED_UNIT_KINDS, { description: 'only units of this kind' })) });

export const PeriodSchema = Obj({ kind: literals(PERIOD_KINDS), firstDay: Type.String(), lastDay: Type.String() });

export const FigureSchema = Obj({
  code: literals(UNIT_INDICATORS),
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  value: Nullable(Type.Number({ description: 'rate: % with one decimal; count: the numerator; null when nothing was counted' })),
});
export type FigureView = Static<typeof FigureSchema>;

const Standing = Obj({ score: Nullable(Type.Number()), grade: Nullable(literals(GRADES)), rank: Nullable(Type.Integer()) });

export const UnitAssessmentRowSchema = Obj({
  unit: Obj({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: literals(ASSESSED_UNIT_KINDS) }),
  figures: Type.Array(FigureSchema),
  supervisionsByLevel: Type.Array(Obj({ level: Type.Integer(), count: Type.Integer() })),
  score: Nullable(Type.Number({ description: 'composite score 0–100 under the kind’s weights; null when no weighted figure was counted' })),
  grade: Nullable(literals(GRADES)),
  rank: Nullable(Type.Integer({ description: 'among units of the same kind with a score' })),
  previous: Standing,
  rankChange: Nullable(Type.Integer({ description: 'places gained since the previous period (negative: lost)' })),
});
export type UnitAssessmentRow = Static<typeof UnitAssessmentRowSchema>;

export const UnitAssessmentSchema = Obj({
  period: PeriodSchema,
  previousPeriod: PeriodSchema,
  weights: Type.Array(Obj({ kind: literals(ASSESSED_UNIT_KINDS), indicators: Type.Array(Obj({ code: literals(UNIT_INDICATORS), weight: Type.Number() })) })),
  grades: Obj({ A: Type.Number(), B: Type.Number(), C: Type.Number(), D: Type.Number() }, 'the lowest score of each grade; below D is E'),
  rows: Type.Array(UnitAssessmentRowSchema),
});
export type UnitAssessment = Static<typeof UnitAssessmentSchema>;

export const DrillParams = Type.Object({ unitId: Type.Integer({ minimum: 1 }), code: literals(UNIT_INDICATORS) });
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
  units: route({
    method: 'GET',
    path: '/api/v1/assessment/units',
    tags: ['assessment'],
    summary: '单位考核 The units in your scope: figures, composite score, grade and rank for a period, beside the previous one',
    querystring: UnitAssessmentQuery,
    response: { 200: UnitAssessmentSchema },
  }),
  drill: route({
    method: 'GET',
    path: '/api/v1/assessment/units/:unitId/indicators/:code/orders',
    tags: ['assessment'],
    summary: '指标穿透 The orders behind a unit’s figure: those counted below the line, or above it',
    params: DrillParams,
    querystring: DrillQuery,
    response: { 200: OrderPageSchema },
  }),
};
