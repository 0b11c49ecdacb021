/**
 * The hotline operator's intake aids (话务受理): similar cases (相似案件) near a point before a new order is saved,
 * and adding a caller to an existing order instead of creating a duplicate (追加来电).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, MAX_COUNTED, Nullable, Obj, OrderRefParams, PagingFields } from './common.ts';
import { FileId } from './files.ts';
import { route } from './route.ts';
import { OrderDetailSchema, OrderListItemSchema } from './orders.ts';
import { CRS_CODES, literals } from './vocabulary.ts';

/** How far and how far back similar cases are looked for, unless the caller narrows it. */
export const SIMILAR_DEFAULTS = { radiusM: 500, days: 30, limit: 8 } as const;
/** A component (部件: a manhole cover, a lamp post) is one object at one spot: its repeats are looked for closer. */
export const COMPONENT_RADIUS_M = 150;

export const SimilarCasesQuery = Obj({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Optional(literals(CRS_CODES, { description: 'coordinate system of the point, default wgs84' })),
  categoryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'the category the operator chose' })),
  text: Type.Optional(Type.String({ maxLength: 500, description: 'what the caller says so far (the first 500 characters)' })),
  radiusM: Type.Optional(Type.Integer({ minimum: 50, maximum: 5000, description: `metres around the point; default ${SIMILAR_DEFAULTS.radiusM}, or ${COMPONENT_RADIUS_M} for a component category (部件)` })),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: `how many days back, default ${SIMILAR_DEFAULTS.days}` })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: `default ${SIMILAR_DEFAULTS.limit}` })),
});
export type SimilarCasesInput = Static<typeof SimilarCasesQuery>;

/** A candidate duplicate: the order as a list shows it, and why it is offered. */
export const SimilarCaseSchema = Obj({
  order: OrderListItemSchema,
  distanceM: Type.Integer({ description: 'metres from the point' }),
  ageHours: Type.Number({ description: 'hours since it was registered' }),
  sameCategory: Type.Boolean(),
  relatedCategory: Type.Boolean({ description: 'not the same category but one of the same major class (同一大类)' }),
  textSimilarity: Type.Number({ minimum: 0, maximum: 1, description: 'how much of the text the two share (character pairs)' }),
  score: Type.Number({ description: 'the ranking, 0–1: nearer, newer, same (or related) category and similar text rank higher; over the signals asked, so one threshold serves every channel' }),
  callers: Type.Integer({ description: 'how many people reported it (its reporters)' }),
  photoId: Nullable(FileId),
  acceptsCallers: Type.Boolean({ description: 'whether a caller can still be added to it (it is not closed, voided or merged)' }),
});
export type SimilarCase = Static<typeof SimilarCaseSchema>;

export const AddCallerBody = Type.Object(
  {
    channel: Type.String({ minLength: 1, maxLength: 40, description: 'how this caller reached us, e.g. hotline' }),
    description: Type.String({ minLength: 1, maxLength: 4000, description: 'what this caller says' }),
    reporter: Type.Object(
      {
        name: Type.Optional(Type.String({ maxLength: 60 })),
        phone: Type.Optional(Type.String({ pattern: '^[0-9+\\-]{5,20}$', description: 'digits, + or -' })),
        anonymous: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type AddCallerInput = Static<typeof AddCallerBody>;

/** 惯用语: the centre's stock phrases, inserted into a description with a click. */
export const StockPhrasesSchema = Obj({ phrases: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 }) });
export type StockPhrases = Static<typeof StockPhrasesSchema>;

/** 来电历史: a caller's orders by his number (roles that see numbers in full; every lookup audited). */
export const CallerHistoryQuery = Obj({
  phone: Type.String({ pattern: '^[0-9+\\-]{5,20}$', description: 'the number: digits, + or -; a mainland mobile matches however it was typed (+86, dashes)' }),
  ...PagingFields,
});
export type CallerHistoryInput = Static<typeof CallerHistoryQuery>;

export const CallerHistorySchema = Obj({
  phone: Type.String(),
  calls: Type.Integer({ description: 'his calls on orders you may see: each time he was registered as a reporter (not anonymous; a merged duplicate is not a call of its own)' }),
  orders: Type.Integer({ description: 'how many orders those calls are on' }),
  firstCallAt: Nullable(DateTime),
  lastCallAt: Nullable(DateTime),
  repeatedCaller: Obj(
    {
      flagged: Type.Boolean({ description: 'recentCalls reached minCalls: the repeated-caller warning rule’s line' }),
      recentCalls: Type.Integer({ description: 'his calls in the last `days` days' }),
      days: Type.Integer(),
      minCalls: Type.Integer(),
    },
    '重复来电, by the thresholds of the repeated-caller warning rule',
  ),
  placeRule: Obj(
    { days: Type.Integer(), radiusMetres: Type.Integer(), minOrders: Type.Integer(), sameCategory: Type.Boolean() },
    '同址重复: the repeated-place warning rule’s thresholds the items are flagged by',
  ),
  total: Type.Integer({ description: `his orders you may see, counted up to ${MAX_COUNTED}` }),
  totalCapped: Type.Boolean(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(
    Obj({
      order: OrderListItemSchema,
      placeOrders: Type.Integer({ description: 'orders within radiusMetres of it, registered within `days` days before or after it (itself included; of its category when the rule asks)' }),
      repeatedPlace: Type.Boolean({ description: 'placeOrders reached minOrders' }),
    }),
  ),
});
export type CallerHistory = Static<typeof CallerHistorySchema>;

export const intakeRoutes = {
  callerHistory: route({
    method: 'GET',
    path: '/api/v1/caller-history',
    tags: ['orders'],
    summary: '来电历史 A caller’s orders by his number, flagged as a repeated caller and by repeated places (roles that see numbers in full; audited)',
    querystring: CallerHistoryQuery,
    response: { 200: CallerHistorySchema },
  }),
  stockPhrases: route({
    method: 'GET',
    path: '/api/v1/intake/phrases',
    tags: ['orders'],
    summary: '惯用语 The centre’s stock phrases for descriptions and answers',
    response: { 200: StockPhrasesSchema },
  }),
  setStockPhrases: route({
    method: 'PUT',
    path: '/api/v1/admin/intake/phrases',
    tags: ['admin'],
    summary: '维护惯用语 Replace the stock phrases (administrators)',
    body: Type.Object({ phrases: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 }) }, { additionalProperties: false }),
    response: { 200: StockPhrasesSchema },
  }),
  similarCases: route({
    method: 'GET',
    path: '/api/v1/orders/similar',
    tags: ['orders'],
    summary: '相似案件 Orders near a point, recent, of the same category or with similar text: the candidates a new call may duplicate',
    querystring: SimilarCasesQuery,
    response: { 200: Obj({ radiusM: Type.Integer(), days: Type.Integer(), since: DateTime, items: Type.Array(SimilarCaseSchema) }) },
  }),
  addCaller: route({
    method: 'POST',
    path: '/api/v1/orders/:id/callers',
    tags: ['orders'],
    summary: '追加来电 Add a caller to an existing order instead of registering a duplicate: he is kept as a reporter and called back',
    params: OrderRefParams,
    headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'required; a retry with the same key adds the caller once' })) }),
    body: AddCallerBody,
    response: { 200: OrderDetailSchema },
  }),
};
