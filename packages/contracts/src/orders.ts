import { Type, type Static } from '@sinclair/typebox';
import { CommaList, CountedPageOf, DateTime, Flag, IdRef, Labelled, NamedRef, Nullable, Obj, OrderRefParams, PageOf, PagingFields, TimeUnitSchema } from './common.ts';
import { ExifLocationSchema, FileId } from './files.ts';
import { route } from './route.ts';
import {
  ACTION_LABELS,
  ACTION_NAMES,
  CRS_CODES,
  LIGHTS,
  literals,
  ORDER_LEVELS,
  REQUEST_KINDS,
  URGENCIES,
  SATISFACTIONS,
  SOLVED_LEVELS,
  STATE_CODES,
  STATE_TYPES,
  STEPS,
  TIME_UNITS,
  TIMELINE_ACTIONS,
  type ActionName,
} from './vocabulary.ts';

const Text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, description });
const Note = Type.Optional(Type.String({ maxLength: 2000, description: 'remark written on the timeline' }));
const Reason = Text(2000, 'reason, required for this action');
const AttachmentIds = Type.Optional(
  Type.Array(FileId, { maxItems: 20, uniqueItems: true, description: 'ids of files you uploaded through POST /api/v1/files and not yet attached elsewhere' }),
);

export const LocationSchema = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Optional(
    literals(CRS_CODES, { description: 'coordinate system of the point; mobile locations in China are usually gcj02. Default wgs84' }),
  ),
});

export const CreateOrderBody = Type.Object(
  {
    channel: Type.String({ minLength: 1, maxLength: 40, description: 'channel code, e.g. hotline, app, grid_patrol' }),
    nature: Type.String({ minLength: 1, maxLength: 40, description: 'request nature, e.g. complaint, help' }),
    description: Text(4000, 'what the reporter says'),
    location: LocationSchema,
    address: Type.Optional(Type.String({ maxLength: 300 })),
    categoryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    conditionCode: Type.Optional(
      Type.String({ minLength: 1, maxLength: 40, description: 'the case-opening condition (立案条件); when absent, the one the description implies, else the dispatcher chooses' }),
    ),
    componentCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    confidential: Type.Optional(Type.Boolean()),
    urgency: Type.Optional(literals(URGENCIES, { description: '紧急程度 as stated at intake; the order takes the higher of it and its condition’s' })),
    reporter: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 60 })),
          phone: Type.Optional(Type.String({ pattern: '^[0-9+\\-]{5,20}$', description: 'digits, + or -' })),
          anonymous: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    attachments: AttachmentIds,
  },
  { additionalProperties: false },
);
export type CreateOrderInput = Static<typeof CreateOrderBody>;

/** The body of each action, keyed by its kebab-case name in /orders/{id}/actions/{action}. */
export const ActionBodies = {
  accept: Type.Object(
    {
      categoryCode: Type.Optional(Type.String({ minLength: 1 })),
      conditionCode: Type.Optional(Type.String({ minLength: 1, description: 'the case-opening condition (立案条件); needed when the category has several and the text implies none' })),
      note: Note,
    },
    { additionalProperties: false },
  ),
  reject: Type.Object({ reason: Reason }, { additionalProperties: false }),
  answer: Type.Object(
    {
      answer: Text(4000, 'the answer given to the citizen (答复内容)'),
      articleId: Type.Optional(Type.Integer({ minimum: 1, description: 'the knowledge-base article answered with (published, valid today): linked on the timeline and counted' })),
    },
    { additionalProperties: false },
  ),
  'send-to-verify': Type.Object({ note: Note }, { additionalProperties: false }),
  verify: Type.Object(
    {
      confirmed: Type.Boolean({ description: 'true: the matter is there as reported; false: it is not (the report ends as not accepted)' }),
      note: Text(2000, 'what the grid worker found on site'),
      location: Type.Optional({ ...LocationSchema, description: 'where the grid worker stood; required with a confirmation' }),
      attachments: { ...AttachmentIds, description: 'photos taken on site; at least one with a confirmation' },
    },
    { additionalProperties: false },
  ),
  classify: Type.Object(
    { categoryCode: Type.String({ minLength: 1 }), conditionCode: Type.Optional(Type.String({ minLength: 1 })), note: Note },
    { additionalProperties: false },
  ),
  dispatch: Type.Object(
    {
      unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'target unit; default: the catalogue routing' })),
      coUnitIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10 })),
      note: Note,
    },
    { additionalProperties: false },
  ),
  redispatch: Type.Object(
    { unitId: Type.Integer({ minimum: 1 }), coUnitIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10 })), reason: Reason },
    { additionalProperties: false },
  ),
  'add-co-handler': Type.Object({ unitId: Type.Integer({ minimum: 1 }), note: Note }, { additionalProperties: false }),
  sign: Type.Object({ note: Note }, { additionalProperties: false }),
  'co-sign': Type.Object({ note: Note }, { additionalProperties: false }),
  'co-feedback': Type.Object({ result: Text(4000, "the co-handler's part of the result"), attachments: AttachmentIds }, { additionalProperties: false }),
  return: Type.Object({ reason: Reason }, { additionalProperties: false }),
  'request-extension': Type.Object(
    { value: Type.Number({ exclusiveMinimum: 0, maximum: 365 }), unit: TimeUnitSchema, reason: Reason },
    { additionalProperties: false },
  ),
  'approve-extension': Type.Object({ note: Note }, { additionalProperties: false }),
  'deny-extension': Type.Object({ reason: Reason }, { additionalProperties: false }),
  'request-suspension': Type.Object({ reason: Reason }, { additionalProperties: false }),
  suspend: Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false }),
  'deny-suspension': Type.Object({ reason: Reason }, { additionalProperties: false }),
  resume: Type.Object({ note: Note }, { additionalProperties: false }),
  'request-void': Type.Object({ reason: Reason }, { additionalProperties: false }),
  void: Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false }),
  'deny-void': Type.Object({ reason: Reason }, { additionalProperties: false }),
  escalate: Type.Object({ reason: Reason }, { additionalProperties: false }),
  'self-handle': Type.Object(
    {
      result: Text(2000, 'what was done on the spot'),
      location: Type.Optional({ ...LocationSchema, description: 'where the grid worker stood' }),
      attachments: { ...AttachmentIds, description: 'photos before and after' },
    },
    { additionalProperties: false },
  ),
  feedback: Type.Object(
    {
      result: Text(4000, 'the handling result'),
      attachments: AttachmentIds,
      withoutCoReports: Type.Optional(Text(2000, 'why the result goes without a co-handler that has not reported (协办单位未反馈的原因)')),
    },
    { additionalProperties: false },
  ),
  check: Type.Object(
    {
      passed: Type.Boolean(),
      note: Note,
      location: Type.Optional({ ...LocationSchema, description: 'where the checker stood (核查 on site)' }),
      attachments: AttachmentIds,
    },
    { additionalProperties: false },
  ),
  callback: Type.Object(
    {
      satisfaction: literals(SATISFACTIONS),
      substantive: Type.Optional(Type.Boolean({ description: 'dissatisfied for a substantive reason (the problem is not solved)' })),
      reporterId: Type.Optional(Type.Integer({ minimum: 1 })),
      note: Note,
    },
    { additionalProperties: false },
  ),
  reopen: Type.Object({ reason: Reason }, { additionalProperties: false }),
  close: Type.Object({ note: Note }, { additionalProperties: false }),
  'force-close': Type.Object({ reason: Reason }, { additionalProperties: false }),
  merge: Type.Object(
    { duplicateIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 50 }), note: Note },
    { additionalProperties: false },
  ),
} as const satisfies Record<ActionName, unknown>;

export type ActionBody<A extends ActionName> = Static<(typeof ActionBodies)[A]>;

/** The order list's filters: closed, so an unknown or misspelt filter is a 400 naming it, never ignored. */
export const ListOrdersQuery = Obj({
  ...PagingFields,
  state: Type.Optional(CommaList(STATE_CODES, 'state codes')),
  stateType: Type.Optional(CommaList(STATE_TYPES, 'state types')),
  level: Type.Optional(literals(ORDER_LEVELS, { description: 'the level the order is at' })),
  pendingRequest: Type.Optional(literals(REQUEST_KINDS, { description: 'a request of this kind waits for approval' })),
  arrivedBy: Type.Optional(literals(ACTION_NAMES, { description: 'the action that brought it into its state: return (退单, to rule on), escalate (上报 from a lower level)' })),
  awaitingMyApproval: Flag('a request waits for me: I am a shift lead of the unit that dispatched it'),
  overdue: Flag('a running step is past its deadline (a suspended order: when it was suspended)'),
  light: Type.Optional(CommaList(LIGHTS, 'traffic lights: the worst light of the running steps, as the order view shows it')),
  supervised: Flag('a supervision (督办) was raised on it'),
  coHandledByMe: Flag('my unit co-handles it (协办)'),
  reportedByMe: Flag('registered by me (a grid worker’s own reports, 我的上报)'),
  channel: Type.Optional(Type.String()),
  nature: Type.Optional(Type.String()),
  categoryCode: Type.Optional(Type.String()),
  townCode: Type.Optional(Type.String()),
  gridCode: Type.Optional(Type.String()),
  unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'handling or dispatching unit' })),
  phone: Type.Optional(Type.String({ description: "the reporter's phone: the caller's history" })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'text in the description, address or order number' })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export type ListOrdersFilter = Static<typeof ListOrdersQuery>;

// ---------------------------------------------------------------------------------------------------------
// Responses: the order as the API shows it.

const Light = literals(LIGHTS);
const TimeAmount = Obj({ value: Type.Number(), unit: literals(TIME_UNITS) });

export const OrderStateSchema = Obj({ code: literals(STATE_CODES), type: literals(STATE_TYPES), label: Type.String() });

/** A step's clock (时限): its limit, due moment and its reading now. */
export const DeadlineSchema = Obj({
  step: literals(STEPS),
  startedAt: DateTime,
  dueAt: DateTime,
  limit: TimeAmount,
  doneAt: Nullable(DateTime),
  running: Type.Boolean(),
  light: Light,
  used: Type.Number({ description: 'share of the limit used, 1 = due' }),
  remaining: Obj({ value: Type.Number(), unit: literals(TIME_UNITS) }, 'time left in the limit’s unit; negative when overdue'),
  overdue: Type.Boolean(),
});

/** A reporter (诉求人), masked or hidden by the reader's role and the order's confidentiality. */
export const ReporterSchema = Obj({
  id: Nullable(Type.Integer()),
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  satisfaction: Nullable(literals(SATISFACTIONS)),
  fromOrderId: Nullable(Type.Integer({ description: 'the merged duplicate this reporter came from' })),
});

const int = Type.Optional(Type.Integer());
const str = Type.Optional(Type.String());
const bool = Type.Optional(Type.Boolean());
const ints = Type.Optional(Type.Array(Type.Integer()));

/** What an event records beyond its state change; which fields appear depends on the action. */
export const EventDataSchema = Obj({
  channel: str,
  nature: str,
  gridCode: str,
  unitId: Type.Optional(Nullable(Type.Integer())),
  unitName: str,
  secondLevel: bool,
  coUnitIds: ints,
  previousUnitId: Type.Optional(Nullable(Type.Integer())),
  categoryCode: str,
  conditionCode: str,
  /** How the condition was chosen: named by the user, the category's only one, or implied by the order's words. */
  conditionBy: Type.Optional(literals(['named', 'only', 'text'] as const)),
  previous: Type.Optional(Nullable(Type.String())),
  request: Type.Optional(literals(REQUEST_KINDS)),
  droppedRequest: Type.Optional(literals(REQUEST_KINDS)),
  value: Type.Optional(Type.Number()),
  unit: Type.Optional(literals(TIME_UNITS)),
  previousDueAt: Type.Optional(Nullable(DateTime)),
  dueAt: Type.Optional(DateTime),
  suspendedSince: Type.Optional(Nullable(DateTime)),
  fromLevel: Type.Optional(literals(ORDER_LEVELS)),
  toLevel: Type.Optional(literals(ORDER_LEVELS)),
  passed: bool,
  /** 反馈: the co-handlers' parts the lead's result carries, and why it went without any that had not reported. */
  coReports: Type.Optional(Type.Array(Obj({ unitId: Type.Integer(), unitName: Type.String(), report: Nullable(Type.String()) }))),
  withoutCoReports: str,
  /** 督办验收: the supervisor accepted the reply (true) or sent it back (false). */
  accepted: bool,
  /** 核实: the grid worker found the matter as reported (true) or not (false). */
  confirmed: bool,
  /** 核实, 核查, 自行处置: where the grid worker stood (WGS-84). */
  location: Type.Optional(Obj({ lng: Type.Number(), lat: Type.Number() })),
  satisfaction: Type.Optional(literals(SATISFACTIONS)),
  substantive: bool,
  reporterId: Type.Optional(Nullable(Type.Integer())),
  reopened: bool,
  previousSatisfaction: Type.Optional(Nullable(literals(SATISFACTIONS))),
  forced: bool,
  /** 直接办结: answered and closed by the centre itself. */
  direct: bool,
  /** 直接办结 with a knowledge-base article: the article and the version answered with. */
  article: Type.Optional(Obj({ id: Type.Integer(), title: Type.String(), version: Type.Integer() })),
  duplicateIds: ints,
  duplicateCodes: Type.Optional(Type.Array(Type.String())),
  intoOrderId: int,
  intoOrderCode: str,
  supervisionId: int,
  level: int,
  levelName: str,
  step: Type.Optional(literals(STEPS)),
  taskDueAt: Type.Optional(Nullable(DateTime)),
  late: bool,
  auto: bool,
  policyId: int,
  via: Type.Optional(Type.Literal('link')),
});

/** One entry of the order's timeline (办理过程). */
/** 现场时间: when a request waiting in a phone's outbox was made (RFC 3339 with offset). */
export const MadeAtHeader = Type.Optional(
  Type.String({ maxLength: 40, description: 'when it was made on the device, if sent later from an outbox (RFC 3339 with offset; at most 30 days ago)' }),
);

export const TimelineEventSchema = Obj({
  id: Type.Integer(),
  at: DateTime,
  /** When it was made on the device, when it arrived later (made offline); null: made as it arrived. */
  madeAt: Nullable(DateTime),
  action: literals(TIMELINE_ACTIONS),
  label: Type.String({ description: 'what happened, in the reader’s language' }),
  fromState: Nullable(literals(STATE_CODES)),
  toState: Nullable(literals(STATE_CODES)),
  note: Nullable(Type.String()),
  data: EventDataSchema,
  attachmentIds: Type.Array(FileId),
  /** The same files with what a reader needs to show them: photos as pictures, documents as links. */
  attachments: Type.Array(
    Obj({
      id: FileId,
      name: Type.String(),
      contentType: Type.String(),
      hasThumb: Type.Optional(Type.Boolean({ description: 'a photo with a thumbnail (GET /api/v1/files/{id}?variant=thumb)' })),
      takenAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: "拍摄时间 from the photo's EXIF; staff only" }))),
      exifLocation: Type.Optional(Nullable(ExifLocationSchema)),
    }),
  ),
  actor: IdRef,
  unit: IdRef,
});

const orderSummary = {
  id: Type.Integer(),
  code: Type.String({ description: 'human-readable order number, e.g. LD20261121000123' }),
  state: OrderStateSchema,
  channel: Labelled,
  nature: Labelled,
  description: Type.String(),
  address: Nullable(Type.String()),
  location: Obj({ lng: Type.Number(), lat: Type.Number(), crs: Type.Literal('wgs84') }),
  grid: NamedRef,
  professionalGrids: Type.Array(Type.String()),
  village: NamedRef,
  town: NamedRef,
  district: NamedRef,
  category: NamedRef,
  /** The case-opening condition (立案条件) within the category; null until it is chosen. */
  condition: Nullable(Obj({ code: Type.String(), description: Type.String() })),
  urgency: Type.String(),
  level: literals(ORDER_LEVELS),
  dispatchUnit: IdRef,
  handlerUnit: IdRef,
  confidential: Type.Boolean(),
  selfHandled: Type.Boolean(),
  solvedLevel: Nullable(literals(SOLVED_LEVELS)),
  pendingRequest: Nullable(
    Obj(
      {
        kind: literals(REQUEST_KINDS),
        reason: Type.String(),
        by: Type.Integer({ description: 'the user who asked' }),
        at: DateTime,
        value: Type.Optional(Type.Number({ description: 'extension: how much more time' })),
        unit: Type.Optional(literals(TIME_UNITS)),
      },
      'a request waiting for the shift lead (待审批申请)',
    ),
  ),
  satisfaction: Nullable(literals(SATISFACTIONS)),
  counts: Obj({ returns: Type.Integer(), reworks: Type.Integer(), reopens: Type.Integer(), escalations: Type.Integer(), extensions: Type.Integer(), verifications: Type.Integer() }),
  mergedIntoId: Nullable(Type.Integer()),
  createdAt: DateTime,
  updatedAt: DateTime,
  closedAt: Nullable(DateTime),
  light: Nullable(Light),
  allowedActions: Type.Array(literals(ACTION_NAMES), {
    description: 'the actions the signed-in user may take on the order now (the rule the server enforces)',
  }),
};

/** An order in a list: no reporters, no clocks, no timeline; how it came back or up when it was returned or escalated. */
export const OrderListItemSchema = Obj({
  ...orderSummary,
  arrival: Type.Optional(
    Obj(
      { action: literals(['return', 'escalate'] as const), at: DateTime, reason: Nullable(Type.String()), unit: IdRef },
      'returned (退单: by which unit, why) or escalated (上报: from which unit, why) into its state',
    ),
  ),
});
/** The order with its reporters and step clocks (the answer to intake). */
export const OrderViewSchema = Obj({ ...orderSummary, reporters: Type.Array(ReporterSchema), deadlines: Type.Array(DeadlineSchema) });
/** The order with its timeline (detail and the answer to every action). */
/** A co-handling unit (协办单位) of the order and its part: signed for, reported, what it reported. */
export const CoHandlerSchema = Obj({ unit: Obj({ id: Type.Integer(), name: Type.String() }), signedAt: Nullable(DateTime), reportedAt: Nullable(DateTime), report: Nullable(Type.String()) });
export const OrderDetailSchema = Obj({
  ...orderSummary,
  reporters: Type.Array(ReporterSchema),
  deadlines: Type.Array(DeadlineSchema),
  coHandlers: Type.Array(CoHandlerSchema),
  mayRevealPhone: Type.Boolean({ description: "whether you may reveal a reporter's number to call him back (POST …/reporters/{rid}/phone)" }),
  timeline: Type.Array(TimelineEventSchema),
});
export const OrderPageSchema = CountedPageOf(OrderListItemSchema, 'orders');

export type OrderListItem = Static<typeof OrderListItemSchema>;
export type OrderView = Static<typeof OrderViewSchema>;
export type OrderDetail = Static<typeof OrderDetailSchema>;
export type OrderPage = Static<typeof OrderPageSchema>;
export type TimelineEvent = Static<typeof TimelineEventSchema>;
export type EventData = Static<typeof EventDataSchema>;
export type DeadlineView = Static<typeof DeadlineSchema>;
export type ReporterView = Static<typeof ReporterSchema>;

// ---------------------------------------------------------------------------------------------------------
// Routes.

export const orderRoutes = {
  createOrder: route({
    method: 'POST',
    path: '/api/v1/orders',
    tags: ['orders'],
    summary: '登记工单 Create a work order from any channel',
    headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'required; retries with the same key return the same order' })), 'made-at': MadeAtHeader }),
    body: CreateOrderBody,
    response: { 201: OrderViewSchema, 200: OrderViewSchema },
  }),
  listOrders: route({
    method: 'GET',
    path: '/api/v1/orders',
    tags: ['orders'],
    summary: '工单列表 Orders in your scope, with filters and paging',
    querystring: ListOrdersQuery,
    response: { 200: OrderPageSchema },
  }),
  getOrder: route({
    method: 'GET',
    path: '/api/v1/orders/:id',
    tags: ['orders'],
    summary: '工单详情 One order with its deadlines and timeline',
    params: OrderRefParams,
    response: { 200: OrderDetailSchema },
  }),
  revealPhone: route({
    method: 'POST',
    path: '/api/v1/orders/:id/reporters/:reporterId/phone',
    tags: ['orders'],
    summary: "查看号码 Reveal a reporter's number to call him back: the order's handlers and dispatching desk, with a reason, audited; never on a confidential order or an anonymous reporter",
    params: Type.Object({ ...OrderRefParams.properties, reporterId: Type.Integer({ minimum: 1 }) }),
    body: Type.Object({ reason: Text(500, 'why you need the number, e.g. 约定上门时间') }, { additionalProperties: false }),
    response: { 200: Obj({ reporterId: Type.Integer(), phone: Type.String() }) },
  }),
};

type ActionRoute<A extends ActionName> = {
  method: 'POST';
  path: `/api/v1/orders/:id/actions/${A}`;
  tags: readonly ['order actions'];
  summary: string;
  params: typeof OrderRefParams;
  headers: typeof ActionHeaders;
  body: (typeof ActionBodies)[A];
  response: { 200: typeof OrderDetailSchema };
};

/**
 * An action may carry an Idempotency-Key (a retry with it answers as the first time, changing nothing, with the
 * header Idempotent-Replayed) and, sent later from an outbox, the moment it was made (Made-At).
 */
const ActionHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ description: 'optional; a retry with the same key and body is answered as the first, changing nothing' })),
  'made-at': MadeAtHeader,
});

/** One route per action: POST /api/v1/orders/{id}/actions/{action}, answering the order after it. */
export const orderActionRoutes = Object.fromEntries(
  ACTION_NAMES.map((a) => [
    a,
    {
      method: 'POST',
      path: `/api/v1/orders/:id/actions/${a}`,
      tags: ['order actions'],
      summary: `${ACTION_LABELS[a].verb.zh} ${ACTION_LABELS[a].about}`,
      params: OrderRefParams,
      headers: ActionHeaders,
      body: ActionBodies[a],
      response: { 200: OrderDetailSchema },
    },
  ]),
) as unknown as { [A in ActionName]: ActionRoute<A> };
