/**
 * 预警 (early warning): warnings raised by a background job under rules kept as data — a spike of one category in
 * one area against its own baseline, repeated calls by one caller, repeated reports about one place, orders at risk
 * of breaching a step's deadline, a unit whose backlog grows. Each warning keeps the numbers that explain it
 * (observed, expected, threshold, window) and moves new → acknowledged → resolved (docs/early-warning.md).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, IdParams, Nullable, Obj, PageOf, PagingFields } from './common.ts';
import { OrderPageSchema } from './orders.ts';
import { route } from './route.ts';
import { literals, STEPS, type Labels } from './vocabulary.ts';

export const WARNING_KINDS = ['spike', 'repeat_caller', 'repeat_place', 'at_risk', 'backlog'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];
export const WARNING_KIND_LABELS: Record<WarningKind, Labels> = {
  spike: { zh: '类别激增', en: 'Spike' },
  repeat_caller: { zh: '重复来电', en: 'Repeated caller' },
  repeat_place: { zh: '同址重复', en: 'Repeated place' },
  at_risk: { zh: '临期工单', en: 'At risk' },
  backlog: { zh: '积压增长', en: 'Backlog' },
};

export const WARNING_STATES = ['new', 'acknowledged', 'resolved'] as const;
export type WarningState = (typeof WARNING_STATES)[number];
export const WARNING_STATE_LABELS: Record<WarningState, Labels> = {
  new: { zh: '新预警', en: 'New' },
  acknowledged: { zh: '已确认', en: 'Acknowledged' },
  resolved: { zh: '已解除', en: 'Resolved' },
};

export const WARNING_ACTIONS = ['acknowledge', 'resolve'] as const;
export type WarningAction = (typeof WARNING_ACTIONS)[number];

export const AREA_LEVELS = ['district', 'town', 'village'] as const;

const Named = Nullable(Obj({ code: Type.String(), name: Nullable(Type.String()) }));
const Who = Nullable(Obj({ id: Type.Integer(), name: Type.String() }));

export const WarningSchema = Obj({
  id: Type.Integer(),
  kind: literals(WARNING_KINDS),
  rule: Obj({ code: Type.String(), name: Type.String() }),
  state: literals(WARNING_STATES),
  title: Type.String({ description: 'one line, in the request language' }),
  explanation: Type.String({ description: 'what was counted, against what, and the threshold it passed, in the request language' }),
  subject: Obj(
    {
      areaLevel: Nullable(literals(AREA_LEVELS)),
      area: Named,
      town: Named,
      category: Named,
      phone: Nullable(Type.String({ description: 'repeat_caller: the caller, masked unless you see reporters in full' })),
      place: Nullable(Obj({ lng: Type.Number(), lat: Type.Number() })),
      order: Nullable(Obj({ id: Type.Integer(), code: Type.String() })),
      step: Nullable(literals(STEPS)),
      unit: Nullable(Obj({ id: Type.Integer(), name: Type.String() })),
    },
    'what the warning is about: an area and category, a caller, a place, an order’s step or a unit',
  ),
  figures: Obj(
    {
      observed: Type.Number({ description: 'what was counted in the window' }),
      expected: Nullable(Type.Number({ description: 'the baseline: what the window would hold as usual (spike), or the count a while ago (backlog)' })),
      threshold: Type.Number({ description: 'the rule’s threshold the observation reached' }),
      pValue: Nullable(Type.Number({ description: 'spike: P(X ≥ observed) under a Poisson law with the baseline as its mean' })),
      windowFrom: DateTime,
      windowTo: DateTime,
    },
    'the numbers that explain it',
  ),
  orderCount: Type.Integer({ description: 'the orders behind it (GET …/orders lists those you may see)' }),
  raisedAt: DateTime,
  acknowledgedAt: Nullable(DateTime),
  acknowledgedBy: Who,
  resolvedAt: Nullable(DateTime),
  resolvedBy: Who,
  resolutionNote: Nullable(Type.String()),
  allowedActions: Type.Array(literals(WARNING_ACTIONS), { description: 'what you may do with it now' }),
});
export type WarningView = Static<typeof WarningSchema>;

export const WarningPageSchema = PageOf(WarningSchema);
export type WarningPage = Static<typeof WarningPageSchema>;

export const WarningListQuery = Obj({
  state: Type.Optional(literals([...WARNING_STATES, 'open'] as const, { description: 'open = new or acknowledged' })),
  kind: Type.Optional(literals(WARNING_KINDS)),
  area: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'a division’s code: warnings in it (district, town or village)' })),
  unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'warnings about this unit' })),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'raised at or after this instant' })),
  ...PagingFields,
});

export const WarningSummarySchema = Obj({
  open: Type.Integer({ description: 'open warnings (new or acknowledged) in your scope' }),
  new: Type.Integer({ description: 'of those, not yet acknowledged' }),
  byKind: Type.Array(Obj({ kind: literals(WARNING_KINDS), label: Type.String(), open: Type.Integer(), new: Type.Integer() })),
  newest: Type.Array(WarningSchema, { description: 'the newest open warnings, newest first' }),
  lastRunAt: Nullable(DateTime),
});
export type WarningSummary = Static<typeof WarningSummarySchema>;

export const AcknowledgeBody = Obj({ note: Type.Optional(Type.String({ maxLength: 500 })) });
export const ResolveBody = Obj({ note: Type.String({ minLength: 1, maxLength: 500, description: 'what was done, or why nothing needs to be' }) });

/** Every rule's thresholds; each kind takes its own (a field of another kind is refused, naming it). */
export const RuleParamsSchema = Obj(
  {
    windowHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 168, description: 'spike: the window counted, in hours' })),
    baselineDays: Type.Optional(Type.Integer({ minimum: 7, maximum: 365, description: 'spike: the days before the window whose mean is the baseline' })),
    alpha: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 0.2, description: 'spike: the Poisson test’s significance level' })),
    minCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'spike: fewer orders in the window never warn' })),
    levels: Type.Optional(Type.Array(literals(['town', 'village'] as const), { minItems: 1, maxItems: 2, uniqueItems: true, description: 'spike: the areas compared' })),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'repeat_caller, repeat_place: the days looked back' })),
    minCalls: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000, description: 'repeat_caller: calls by one number that warn' })),
    radiusMetres: Type.Optional(Type.Integer({ minimum: 5, maximum: 2000, description: 'repeat_place: how near counts as one place' })),
    minOrders: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000, description: 'repeat_place: orders at one place that warn' })),
    sameCategory: Type.Optional(Type.Boolean({ description: 'repeat_place: only orders of one category count together' })),
    remainingShare: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 0.9, description: 'at_risk: warn when less than this share of the step’s limit is left' })),
    steps: Type.Optional(Type.Array(literals(STEPS), { minItems: 1, maxItems: 8, uniqueItems: true, description: 'at_risk: the steps watched' })),
    compareDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'backlog: compared with the backlog this many days ago' })),
    minOpen: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'backlog: a smaller backlog never warns' })),
    growthRatio: Type.Optional(Type.Number({ minimum: 1, maximum: 100, description: 'backlog: now ≥ ratio × then' })),
    minGrowth: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'backlog: and at least this many more' })),
    cooldownHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 720, description: 'a resolved warning keeps its condition quiet this long' })),
  },
  'a rule’s thresholds',
);
export type RuleParams = Static<typeof RuleParamsSchema>;

export const WarningRuleSchema = Obj({
  code: Type.String(),
  kind: literals(WARNING_KINDS),
  name: Type.String(),
  enabled: Type.Boolean(),
  params: RuleParamsSchema,
  updatedAt: DateTime,
  updatedBy: Who,
});
export type WarningRuleView = Static<typeof WarningRuleSchema>;

export const RuleUpdateBody = Obj({ enabled: Type.Optional(Type.Boolean()), params: Type.Optional(RuleParamsSchema) });

export const WarningRunSchema = Obj({
  raised: Type.Integer({ description: 'new warnings written by this run' }),
  byRule: Type.Array(Obj({ rule: Type.String(), found: Type.Integer(), raised: Type.Integer() })),
  ms: Type.Integer(),
});
export type WarningRun = Static<typeof WarningRunSchema>;

const RuleParamsPath = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_]+$' }) });

export const warningRoutes = {
  list: route({
    method: 'GET',
    path: '/api/v1/warnings',
    tags: ['warnings'],
    summary: '预警列表 Warnings in your scope, newest first, by state, kind, area, unit and time',
    querystring: WarningListQuery,
    response: { 200: WarningPageSchema },
  }),
  summary: route({
    method: 'GET',
    path: '/api/v1/warnings/summary',
    tags: ['warnings'],
    summary: '预警概览 Open warnings in your scope by kind, and the newest (for dashboards and the big screen)',
    response: { 200: WarningSummarySchema },
  }),
  get: route({
    method: 'GET',
    path: '/api/v1/warnings/:id',
    tags: ['warnings'],
    summary: '预警详情 One warning with its explanation',
    params: IdParams,
    response: { 200: WarningSchema },
  }),
  orders: route({
    method: 'GET',
    path: '/api/v1/warnings/:id/orders',
    tags: ['warnings'],
    summary: '预警工单 The orders behind a warning (those you may see)',
    params: IdParams,
    querystring: Obj({ ...PagingFields }),
    response: { 200: OrderPageSchema },
  }),
  acknowledge: route({
    method: 'POST',
    path: '/api/v1/warnings/:id/acknowledge',
    tags: ['warnings'],
    summary: '确认预警 Acknowledge a new warning (someone is on it)',
    params: IdParams,
    body: AcknowledgeBody,
    response: { 200: WarningSchema },
  }),
  resolve: route({
    method: 'POST',
    path: '/api/v1/warnings/:id/resolve',
    tags: ['warnings'],
    summary: '解除预警 Resolve a warning with a note',
    params: IdParams,
    body: ResolveBody,
    response: { 200: WarningSchema },
  }),
  rules: route({
    method: 'GET',
    path: '/api/v1/warning-rules',
    tags: ['warnings'],
    summary: '预警规则 The rules and their thresholds (administrators)',
    response: { 200: Type.Array(WarningRuleSchema) },
  }),
  updateRule: route({
    method: 'PUT',
    path: '/api/v1/warning-rules/:code',
    tags: ['warnings'],
    summary: '修改预警规则 Turn a rule on or off, change its thresholds (administrators)',
    params: RuleParamsPath,
    body: RuleUpdateBody,
    response: { 200: WarningRuleSchema },
  }),
  run: route({
    method: 'POST',
    path: '/api/v1/warning-rules/run',
    tags: ['warnings'],
    summary: '立即研判 Run every enabled rule now (administrators; the job also runs every 15 minutes)',
    response: { 200: WarningRunSchema },
  }),
};
