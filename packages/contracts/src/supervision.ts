import { Type, type Static } from '@sinclair/typebox';
import { DateTime, IdParams, Nullable, Obj, OrderRefParams } from './common.ts';
import { FileId } from './files.ts';
import { route } from './route.ts';
import { literals, ORDER_LEVELS, STEPS, SUPERVISION_STATUSES } from './vocabulary.ts';

export const NOTIFY_TARGETS = ['unit', 'unit_leader', 'centre', 'wecom', 'dingtalk'] as const;
export const POLICY_ACTIONS = ['supervise', 'escalate'] as const;

export const SuperviseBody = Type.Object(
  {
    level: Type.Integer({ minimum: 1, maximum: 20, description: 'a level of GET /api/v1/supervision/levels: 1 电子催办, 2 人工交办, 3 现场督办, 4 短信督办, 5 专报批办, more by data' }),
    note: Type.String({ minLength: 1, maxLength: 2000 }),
    taskHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 200, description: 'levels 2–3: the task limit in working hours (default 4)' })),
  },
  { additionalProperties: false },
);
export const ReviewBody = Type.Object(
  {
    accepted: Type.Boolean({ description: "true: the reply settles the task (closed); false: back to the unit, with a new task deadline" }),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'required when sending the task back: what is still missing' })),
  },
  { additionalProperties: false },
);
export const InstructionBody = Type.Object({ instruction: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export const ReplyBody = Type.Object({ reply: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
export const BoardQuery = Obj({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: 'period of the unit figures, default 30' })) });
export const PolicyBody = Type.Object(
  {
    share: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20 })),
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    taskHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 200 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PolicyUpdate = Static<typeof PolicyBody>;

/** One supervision of an order (督办记录). */
export const SupervisionSchema = Obj({
  id: Type.Integer(),
  orderId: Type.Integer(),
  level: Type.Integer(),
  levelName: Type.String(),
  step: Nullable(literals(STEPS)),
  unitId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  policyId: Nullable(Type.Integer()),
  raisedBy: Nullable(Type.Integer()),
  raisedByName: Nullable(Type.String()),
  raisedAt: DateTime,
  note: Nullable(Type.String()),
  taskDueAt: Nullable(DateTime),
  status: literals(SUPERVISION_STATUSES),
  reply: Nullable(Type.String()),
  repliedAt: Nullable(DateTime),
  /** 验收: when the supervisor accepted the reply (status closed) or last sent it back, and what he said. */
  reviewedAt: Nullable(DateTime),
  reviewNote: Nullable(Type.String()),
  /** 领导批示 on a special report. */
  instruction: Nullable(Type.String()),
  instructedAt: Nullable(DateTime),
  instructedByName: Nullable(Type.String()),
  reportDocxId: Nullable(FileId),
  reportHtmlId: Nullable(FileId),
});

const LightCounts = Obj({ green: Type.Integer(), yellow: Type.Integer(), red: Type.Integer(), none: Type.Integer({ description: 'no clock running' }) });
const LevelCounts = Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.Integer(), { additionalProperties: false, description: 'supervisions received, by level' });
const rate = Nullable(Type.Number({ description: '0–1, null without any case' }));

/** The supervision board (督办看板). */
export const BoardSchema = Obj({
  asOf: DateTime,
  since: DateTime,
  lights: Obj({ total: LightCounts, byLevel: Obj(Object.fromEntries(ORDER_LEVELS.map((l) => [l, LightCounts])) as Record<(typeof ORDER_LEVELS)[number], typeof LightCounts>) }),
  overdueByUnit: Type.Array(Obj({ unitId: Type.Integer(), unitName: Type.String(), overdueSteps: Type.Integer() })),
  units: Type.Array(
    Obj({
      unitId: Type.Integer(),
      unitName: Type.String(),
      overdueSteps: Type.Integer(),
      stepsDone: Type.Integer(),
      onTime: Type.Integer(),
      supervisions: LevelCounts,
      callbacks: Type.Integer(),
      satisfied: Type.Integer(),
      onTimeRate: rate,
      satisfactionRate: rate,
    }),
  ),
});

/** A level of the ladder as data (督办级别): what raising it does. */
export const SupervisionLevelSchema = Obj({
  level: Type.Integer(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  template: Type.String({ description: 'the message template it sends (GET /api/v1/message-templates)' }),
  notify: Type.Array(literals(NOTIFY_TARGETS), { description: 'whom it notifies unless the policy says otherwise' }),
  hasTask: Type.Boolean({ description: 'the supervised unit gets a task with its own limit and replies' }),
  taskHours: Nullable(Type.Number({ description: 'the task’s default limit in working hours' })),
  producesReport: Type.Boolean({ description: 'produces the special report (专报) as .docx and HTML' }),
});
export type SupervisionLevelView = Static<typeof SupervisionLevelSchema>;

/** A supervision or escalation policy (督办策略): at which share of a step's limit what happens. */
export const PolicySchema = Obj({
  id: Type.Integer(),
  name: Type.String(),
  step: literals(STEPS),
  share: Type.Number(),
  action: literals(POLICY_ACTIONS),
  level: Nullable(Type.Integer()),
  categoryPrefix: Nullable(Type.String()),
  urgency: Nullable(Type.String()),
  orderLevel: Nullable(literals(ORDER_LEVELS)),
  taskHours: Nullable(Type.Number()),
  notify: Nullable(Type.Array(literals(NOTIFY_TARGETS))),
  active: Type.Boolean(),
});

export type SupervisionView = Static<typeof SupervisionSchema>;
export type Board = Static<typeof BoardSchema>;
export type PolicyView = Static<typeof PolicySchema>;

export const supervisionRoutes = {
  supervise: route({
    method: 'POST',
    path: '/api/v1/orders/:id/supervisions',
    tags: ['supervision'],
    summary: '督办 Raise a supervision level by hand',
    params: OrderRefParams,
    body: SuperviseBody,
    response: { 201: SupervisionSchema },
  }),
  listSupervisions: route({
    method: 'GET',
    path: '/api/v1/orders/:id/supervisions',
    tags: ['supervision'],
    summary: '督办记录 The supervisions of an order',
    params: OrderRefParams,
    response: { 200: Type.Array(SupervisionSchema) },
  }),
  reply: route({
    method: 'POST',
    path: '/api/v1/supervisions/:id/reply',
    tags: ['supervision'],
    summary: '督办回复 The supervised unit answers a supervision task',
    params: IdParams,
    body: ReplyBody,
    response: { 200: SupervisionSchema },
  }),
  review: route({
    method: 'POST',
    path: '/api/v1/supervisions/:id/review',
    tags: ['supervision'],
    summary: "督办验收 The supervisor accepts the unit's reply (the task closes) or sends it back with what is missing",
    params: IdParams,
    body: ReviewBody,
    response: { 200: SupervisionSchema },
  }),
  instruct: route({
    method: 'POST',
    path: '/api/v1/supervisions/:id/instruction',
    tags: ['supervision'],
    summary: '领导批示 A leader records his instruction on a special report; it is sent down to the supervised unit and the centre',
    params: IdParams,
    body: InstructionBody,
    response: { 200: SupervisionSchema },
  }),
  board: route({
    method: 'GET',
    path: '/api/v1/supervision/board',
    tags: ['supervision'],
    summary: '督办看板 Orders by traffic light and level, overdue by unit, units’ on-time and supervision counts',
    querystring: BoardQuery,
    response: { 200: BoardSchema },
  }),
  listLevels: route({
    method: 'GET',
    path: '/api/v1/supervision/levels',
    tags: ['supervision'],
    summary: '督办级别 The levels of the ladder and what each does',
    response: { 200: Type.Array(SupervisionLevelSchema) },
  }),
  listPolicies: route({
    method: 'GET',
    path: '/api/v1/supervision/policies',
    tags: ['supervision'],
    summary: '督办策略 The ladder and escalation policies',
    response: { 200: Type.Array(PolicySchema) },
  }),
  updatePolicy: route({
    method: 'PATCH',
    path: '/api/v1/supervision/policies/:id',
    tags: ['supervision'],
    summary: '修改督办策略 Change a policy (administrators)',
    params: IdParams,
    body: PolicyBody,
    response: { 200: PolicySchema },
  }),
};
