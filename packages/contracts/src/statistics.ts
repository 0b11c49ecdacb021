/**
 * 统计分析 (statistics, docs/statistics.md): counts and rates for a period under filters that carry across every
 * panel — headline figures, a series by day (or month), breakdowns by area, unit, category, channel, nature and
 * state, the resolution shape, hot categories and places — read from rollups kept current as orders change, so a
 * dashboard over years of orders answers in milliseconds; always clipped to the reader's scope on the server. Every
 * figure opens the orders behind it. The administrators' check recounts the rollups from the orders.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Obj, PagingFields } from './common.ts';
import { OrderPageSchema } from './orders.ts';
import { PeriodQueryFields, PeriodSchema } from './assessment.ts';
import { route } from './route.ts';
import { literals } from './vocabulary.ts';

/** What the rollups count per order (docs/statistics.md defines each). */
export const STAT_MEASURES = [
  'received',
  'needsAnswer',
  'done',
  'open',
  'overdue',
  'returned',
  'reworked',
  'directClosed',
  'closed',
  'closedOnTime',
  'rated',
  'satisfied',
] as const;
export type StatMeasure = (typeof STAT_MEASURES)[number];

/** The rates, each a measure over another (numerator / denominator). */
export const STAT_RATES = {
  completionRate: ['done', 'needsAnswer'],
  onTimeRate: ['closedOnTime', 'closed'],
  satisfactionRate: ['satisfied', 'rated'],
  directCloseRate: ['directClosed', 'received'],
  returnRate: ['returned', 'received'],
  reworkRate: ['reworked', 'received'],
} as const satisfies Record<string, readonly [StatMeasure, StatMeasure]>;
export type StatRate = keyof typeof STAT_RATES;
export const STAT_RATE_CODES = Object.keys(STAT_RATES) as StatRate[];

/** What a breakdown groups by. */
export const STAT_DIMENSIONS = ['town', 'village', 'grid', 'unit', 'major', 'category', 'channel', 'nature', 'state'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

/** Where closed orders were solved (处置层级, the seeds' 70/20/10). */
export const RESOLUTION_LEVELS = ['grid', 'village', 'town', 'district', 'enforcement'] as const;

const code = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z_-]+$', description }));

/** The filters every panel shares; each is checked against the reader's scope. */
export const StatFilterFields = {
  town: code('a town’s division code: only orders in it'),
  category: code('a major or minor class code: only orders of it'),
  channel: code('a channel code: only orders that came by it'),
  nature: code('a nature code (complaint, help…): only orders of it'),
  unit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'a unit id: only orders it is responsible for (lead handler, else the dispatching centre)' })),
};

export const StatsQuery = Obj({ ...PeriodQueryFields, ...StatFilterFields });
export type StatsQueryInput = Static<typeof StatsQuery>;

export const StatFiguresSchema = Obj(
  {
    received: Type.Integer(),
    needsAnswer: Type.Integer(),
    done: Type.Integer(),
    open: Type.Integer(),
    overdue: Type.Integer(),
    returned: Type.Integer(),
    reworked: Type.Integer(),
    directClosed: Type.Integer(),
    closed: Type.Integer(),
    closedOnTime: Type.Integer(),
    rated: Type.Integer(),
    satisfied: Type.Integer(),
    completionRate: Nullable(Type.Number({ description: '% with one decimal: done / needsAnswer; null when needsAnswer is 0' })),
    onTimeRate: Nullable(Type.Number({ description: '% with one decimal: closedOnTime / closed; null when closed is 0' })),
    satisfactionRate: Nullable(Type.Number({ description: '% with one decimal: satisfied / rated; null when rated is 0' })),
    directCloseRate: Nullable(Type.Number({ description: '% with one decimal: directClosed / received; null when received is 0' })),
    returnRate: Nullable(Type.Number({ description: '% with one decimal: returned / received; null when received is 0' })),
    reworkRate: Nullable(Type.Number({ description: '% with one decimal: reworked / received; null when received is 0' })),
  },
  'counts and rates of the orders under the filters in the period (docs/statistics.md)',
);
export type StatFigures = Static<typeof StatFiguresSchema>;

const Resolution = Obj(
  { grid: Type.Integer(), village: Type.Integer(), town: Type.Integer(), district: Type.Integer(), enforcement: Type.Integer() },
  'orders closed in the period by where they were solved',
);

export const StatsHeadlineSchema = Obj({
  period: PeriodSchema,
  previousPeriod: PeriodSchema,
  asOf: DateTime,
  figures: StatFiguresSchema,
  previous: StatFiguresSchema,
  resolution: Resolution,
});
export type StatsHeadline = Static<typeof StatsHeadlineSchema>;

export const StatsSeriesSchema = Obj({
  period: PeriodSchema,
  bucket: literals(['day', 'month'] as const, { description: 'day for periods up to 92 days, month beyond' }),
  points: Type.Array(Obj({ bucket: Type.String({ description: 'YYYY-MM-DD (a month: its first day)' }), figures: StatFiguresSchema })),
});
export type StatsSeries = Static<typeof StatsSeriesSchema>;

export const BreakdownParams = Type.Object({ dimension: literals(STAT_DIMENSIONS) });
export const BreakdownQuery = Obj({
  ...PeriodQueryFields,
  ...StatFilterFields,
  sort: Type.Optional(literals(STAT_MEASURES, { description: 'the measure rows are sorted by, largest first (default received)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'at most this many rows (default 100)' })),
});
export const StatsBreakdownSchema = Obj({
  period: PeriodSchema,
  dimension: literals(STAT_DIMENSIONS),
  rows: Type.Array(Obj({ key: Type.String({ description: 'the code (a unit: its id); empty for none' }), name: Type.String(), figures: StatFiguresSchema, resolution: Resolution })),
});
export type StatsBreakdown = Static<typeof StatsBreakdownSchema>;

export const StatsOrdersQuery = Obj({
  ...PeriodQueryFields,
  ...StatFilterFields,
  measure: literals(STAT_MEASURES, { description: 'the orders counted by this measure' }),
  dimension: Type.Optional(literals(STAT_DIMENSIONS, { description: 'with key: only the orders of one breakdown row' })),
  key: Type.Optional(Type.String({ maxLength: 40, description: 'the breakdown row’s key (empty: none)' })),
  solved: Type.Optional(literals(RESOLUTION_LEVELS, { description: 'with measure closed: only those solved at this level' })),
  ...PagingFields,
});

export const StatsCheckSchema = Obj({
  asOf: DateTime,
  orders: Type.Integer(),
  ok: Type.Boolean(),
  differences: Type.Integer({ description: 'cells where the rollup and the recount differ' }),
  sample: Type.Array(
    Obj({
      table: Type.String({ pattern: '^([a-z]+_)?(daily|monthly)$', description: 'the rollup without its stats_ prefix: daily and monthly (every key), or coarse_daily, unit_monthly … (fewer keys)' }),
      bucket: Type.String(),
      keys: Type.Record(Type.String(), Type.String()),
      measure: Type.String(),
      rollup: Type.Integer(),
      recount: Type.Integer(),
    }),
    { description: 'the first 200 differences' },
  ),
});
export type StatsCheck = Static<typeof StatsCheckSchema>;

export const StatsRebuildSchema = Obj({ orders: Type.Integer(), daily: Type.Integer(), monthly: Type.Integer() });

export const statisticsRoutes = {
  headline: route({
    method: 'GET',
    path: '/api/v1/statistics/headline',
    tags: ['statistics'],
    summary: '统计总览 Headline counts and rates for a period under the filters, beside the previous period, and the resolution shape',
    querystring: StatsQuery,
    response: { 200: StatsHeadlineSchema },
  }),
  series: route({
    method: 'GET',
    path: '/api/v1/statistics/series',
    tags: ['statistics'],
    summary: '趋势 Counts and rates by day (by month beyond 92 days), up to today',
    querystring: StatsQuery,
    response: { 200: StatsSeriesSchema },
  }),
  breakdown: route({
    method: 'GET',
    path: '/api/v1/statistics/breakdown/:dimension',
    tags: ['statistics'],
    summary: '分类统计 Counts and rates by town, village, grid, unit, class, channel, nature or state (hot categories and places: sorted, limited)',
    params: BreakdownParams,
    querystring: BreakdownQuery,
    response: { 200: StatsBreakdownSchema },
  }),
  orders: route({
    method: 'GET',
    path: '/api/v1/statistics/orders',
    tags: ['statistics'],
    summary: '统计穿透 The orders behind a figure: a measure, for the period and filters, optionally one breakdown row',
    querystring: StatsOrdersQuery,
    response: { 200: OrderPageSchema },
  }),
  check: route({
    method: 'GET',
    path: '/api/v1/statistics/check',
    tags: ['statistics'],
    summary: '汇总核对 Administrators: the rollups against a recount from the orders, every difference listed',
    response: { 200: StatsCheckSchema },
  }),
  rebuild: route({
    method: 'POST',
    path: '/api/v1/statistics/rebuild',
    tags: ['statistics'],
    summary: '重建汇总 Administrators: the rollups made again from every order',
    response: { 200: StatsRebuildSchema },
  }),
};
