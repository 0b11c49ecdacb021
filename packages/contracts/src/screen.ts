/**
 * The big screen (大屏) at /screen: a wall display with no one signed in. A screen token (大屏令牌), made by an
 * administrator for an area (the whole district or one town: the leader's scope the screen shows), is the key; the
 * screen's routes take it in the query string (`?token=`) because the browser's EventSource cannot send a header
 * (docs/big-screen.md says why not a cookie). Every answer is public-level: figures, codes, classes, places to a
 * town or a grid — never a reporter's name or phone, nothing of a confidential order but that it counts.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, IdParams, Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { literals, STATE_CODES, TIMELINE_ACTIONS } from './vocabulary.ts';

/** A screen token as administrators see it; the secret is shown once, when it is made. */
export const ScreenTokenSchema = Obj({
  id: Type.Integer(),
  name: Type.String(),
  areaCode: Type.String(),
  areaName: Type.String(),
  createdAt: DateTime,
  createdBy: Nullable(Type.String({ description: 'username of the administrator who made it' })),
  lastSeenAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});
export type ScreenTokenView = Static<typeof ScreenTokenSchema>;

export const CreateScreenTokenBody = Obj({
  name: Type.String({ minLength: 1, maxLength: 60, description: 'where the screen hangs, e.g. 区指挥中心大厅' }),
  areaCode: Type.String({ minLength: 1, maxLength: 20, description: 'the district or one town whose figures the screen shows' }),
});

export const CreatedScreenToken = Obj({
  token: ScreenTokenSchema,
  secret: Type.String({ description: 'the token (ldw_…), shown this once; only its hash is kept' }),
  url: Type.String({ description: 'the screen’s path with the token, to open on the wall: /screen?token=…' }),
});

/** The screen's key on each of its routes. Checked by the route itself (a missing or wrong one is a named 401/403). */
export const ScreenQuery = Obj({
  token: Type.Optional(Type.String({ maxLength: 200, description: 'the screen token (大屏令牌, ldw_…)' })),
});

/** A share: how many of how many (a rate is hit / of; null when nothing was counted). */
export const ScreenRatioSchema = Obj({
  hit: Type.Integer({ minimum: 0 }),
  of: Type.Integer({ minimum: 0 }),
  rate: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
});
export type ScreenRatio = Static<typeof ScreenRatioSchema>;

/** The headline figures (docs/big-screen.md: what each one counts). */
export const ScreenFiguresSchema = Obj({
  received: Type.Integer({ description: '今日受理: orders registered today (China time) in the area, every channel' }),
  completion: ScreenRatioSchema,
  onTime: ScreenRatioSchema,
  satisfaction: ScreenRatioSchema,
  directClose: ScreenRatioSchema,
  open: Type.Integer({ description: '在办: orders in the area not closed, rejected, merged or voided, now' }),
  overdue: Type.Integer({ description: '超时: open orders with a step running past its due time, now' }),
});
export type ScreenFigures = Static<typeof ScreenFiguresSchema>;

/** An order as the wall may show it: no person, no description, the place as its town. */
export const ScreenOrderSchema = Obj({
  orderId: Type.Integer(),
  code: Type.String(),
  at: DateTime,
  category: Nullable(Type.String({ description: 'the minor class (小类), if classified' })),
  town: Nullable(Type.String()),
  channel: Type.String({ description: 'channel code' }),
  channelName: Type.String(),
  channelNameEn: Nullable(Type.String()),
  state: literals(STATE_CODES),
  /** The order's point rounded to about 100 m (the heat layer), WGS-84. */
  point: Type.Tuple([Type.Number(), Type.Number()]),
});
export type ScreenOrder = Static<typeof ScreenOrderSchema>;

export const ScreenNamedCount = Obj({ code: Type.String(), name: Type.String(), nameEn: Nullable(Type.String()), count: Type.Integer() });

export const ScreenRankRowSchema = Obj({
  key: Type.String({ description: 'the unit id or the division code' }),
  name: Type.String(),
  todayClosed: Type.Integer(),
  todayOnTime: Type.Integer(),
  monthClosed: Type.Integer(),
  monthOnTime: Type.Integer(),
});
export type ScreenRankRow = Static<typeof ScreenRankRowSchema>;

/** A warning (预警) as the wall shows it; fed by the early-warning module when it is installed. */
export const ScreenWarningSchema = Obj({
  id: Type.Integer(),
  title: Type.String(),
  level: Type.String({ description: 'e.g. red / orange / yellow / blue' }),
  at: DateTime,
  area: Nullable(Type.String()),
});
export type ScreenWarning = Static<typeof ScreenWarningSchema>;

export const ScreenSnapshotSchema = Obj({
  area: Obj({ code: Type.String(), name: Type.String(), level: literals(['district', 'town'] as const) }),
  at: DateTime,
  day: Type.String({ description: 'today, YYYY-MM-DD in China time' }),
  figures: ScreenFiguresSchema,
  recent: Type.Array(ScreenOrderSchema, { description: 'the newest non-confidential orders, newest first' }),
  gridLoad: Type.Array(Obj({ code: Type.String(), open: Type.Integer() }), { description: 'open orders per basic grid' }),
  points: Type.Array(Type.Tuple([Type.Number(), Type.Number(), Type.Integer({ minimum: 1 })]), {
    description: 'the heat layer: the orders of the last 24 hours by cell of ~100 m — its point (WGS-84, to 0.001°) and how many; the fullest 5,000 cells',
  }),
  units: Type.Array(ScreenRankRowSchema, { description: 'the units that closed most this month (lead handler at the close)' }),
  areas: Type.Array(ScreenRankRowSchema, { description: 'the towns of the district, or the villages of the town' }),
  channels: Type.Array(ScreenNamedCount, { description: 'today’s orders by channel' }),
  natures: Type.Array(ScreenNamedCount, { description: 'today’s orders by nature (诉求类型)' }),
  warnings: Type.Optional(Type.Array(ScreenWarningSchema, { description: 'open warnings (预警), present only when early warning is installed' })),
});
export type ScreenSnapshot = Static<typeof ScreenSnapshotSchema>;

/** The area's outlines for the screen's map: the area itself, its towns (or villages) and basic grids, WGS-84. */
const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Shape = Obj({
  code: Type.String(),
  name: Type.String(),
  geometry: Type.Union([
    Obj({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Position)) }),
    Obj({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Type.Array(Position))) }),
  ]),
});
export const ScreenMapSchema = Obj({
  bounds: Nullable(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()])),
  outline: Type.Array(Shape),
  parts: Type.Array(Shape, { description: 'towns of the district, or villages of the town' }),
  grids: Type.Array(Shape),
});
export type ScreenMap = Static<typeof ScreenMapSchema>;

/** The newest orders on the wall's rolling board (最新工单): as many as the snapshot sends and the page keeps. */
export const SCREEN_BOARD_SIZE = 20;

/** The screen stream's events: an order in the area changed (data: ScreenChange); reload; alive. */
export const SCREEN_EVENTS = { order: 'order', reset: 'reset', ready: 'ready' } as const;
export const ScreenChangeSchema = Obj({
  action: literals(TIMELINE_ACTIONS),
  confidential: Type.Boolean(),
  state: literals(STATE_CODES),
  /** Absent for a confidential order (保密工单): the wall counts it, never shows it. */
  order: Type.Optional(ScreenOrderSchema),
});
export type ScreenChange = Static<typeof ScreenChangeSchema>;

export const screenRoutes = {
  listScreenTokens: route({
    method: 'GET',
    path: '/api/v1/admin/screen-tokens',
    tags: ['screen'],
    summary: '大屏令牌列表 Screen tokens (administrators; secrets are never shown)',
    response: { 200: Obj({ items: Type.Array(ScreenTokenSchema) }) },
  }),
  createScreenToken: route({
    method: 'POST',
    path: '/api/v1/admin/screen-tokens',
    tags: ['screen'],
    summary: '新建大屏令牌 Make a screen token for the district or a town; the secret is shown once',
    body: CreateScreenTokenBody,
    response: { 201: CreatedScreenToken },
  }),
  revokeScreenToken: route({
    method: 'DELETE',
    path: '/api/v1/admin/screen-tokens/:id',
    tags: ['screen'],
    summary: '吊销大屏令牌 Revoke a screen token: its screens stop at once (their streams end)',
    params: IdParams,
    response: { 200: ScreenTokenSchema },
  }),
  snapshot: route({
    method: 'GET',
    path: '/api/v1/screen/snapshot',
    tags: ['screen'],
    summary: '大屏数据 The screen’s figures, newest orders, grid load, heat points, rankings and mixes for the token’s area',
    querystring: ScreenQuery,
    response: { 200: ScreenSnapshotSchema },
    public: true,
  }),
  map: route({
    method: 'GET',
    path: '/api/v1/screen/map',
    tags: ['screen'],
    summary: '大屏地图 The token’s area outlined: the area, its towns or villages and its basic grids (WGS-84)',
    querystring: ScreenQuery,
    response: { 200: ScreenMapSchema },
    public: true,
  }),
  live: route({
    method: 'GET',
    path: '/api/v1/screen/live',
    tags: ['screen'],
    summary: '大屏实时推送 Server-sent events: each change to an order in the token’s area (event: order, data: ScreenChange)',
    querystring: ScreenQuery,
    response: { 200: Type.String({ description: 'text/event-stream' }) },
    public: true,
    binary: true,
    contentType: 'text/event-stream',
  }),
};
