import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { literals, SATISFACTIONS, STATE_CODES } from './vocabulary.ts';
import { LayerCollectionSchema, LookupQuery, MapConfigSchema, MapLayerQuery } from './territory.ts';

/** The layers a citizen's map may show: the administrative outlines (public information), never grids. */
export const PUBLIC_MAP_LAYERS = ['district', 'towns', 'villages'] as const;

/** Where a point a citizen picked lies, in names only: inside the district or not, its town and village. */
export const PublicPlaceSchema = Obj({
  inside: Type.Boolean({ description: 'the point lies in the territory this platform serves' }),
  town: Nullable(Type.String()),
  village: Nullable(Type.String()),
});
export type PublicPlaceView = Static<typeof PublicPlaceSchema>;

export const CallbackTokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100, pattern: '^cb_[A-Za-z0-9_-]+$' }) });
export const CallbackAnswerBody = Type.Object(
  {
    satisfaction: literals(SATISFACTIONS, { description: '非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意' }),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
    substantive: Type.Optional(Type.Boolean({ description: 'dissatisfied because the problem is not solved: the order is handled again' })),
  },
  { additionalProperties: false },
);

/** What a citizen sees from the callback link: the order and its result, nothing about other people. */
export const CallbackLinkSchema = Obj({
  orderCode: Type.String(),
  description: Type.String(),
  result: Nullable(Type.String({ description: 'the handling result reported' })),
  answered: Type.Boolean(),
  open: Type.Boolean({ description: 'the link can still be answered' }),
  expiresAt: DateTime,
});
export const CallbackAnsweredSchema = Obj({ orderCode: Type.String(), state: literals(STATE_CODES) });
export type CallbackLinkView = Static<typeof CallbackLinkSchema>;

export const publicRoutes = {
  callbackLink: route({
    method: 'GET',
    path: '/api/v1/public/callbacks/:token',
    tags: ['public'],
    summary: '回访链接 What a citizen sees from the callback SMS link',
    params: CallbackTokenParams,
    response: { 200: CallbackLinkSchema },
    public: true,
  }),
  answerCallback: route({
    method: 'POST',
    path: '/api/v1/public/callbacks/:token',
    tags: ['public'],
    summary: '回访评价 The citizen rates the result through the link (once)',
    params: CallbackTokenParams,
    body: CallbackAnswerBody,
    response: { 200: CallbackAnsweredSchema },
    public: true,
  }),
  mapConfig: route({
    method: 'GET',
    path: '/api/v1/public/map/config',
    tags: ['public'],
    summary: '公众地图配置 The base map (if the deployment set one) and the territory’s extent, for the citizen portal',
    response: { 200: MapConfigSchema },
    public: true,
  }),
  mapLayer: route({
    method: 'GET',
    path: '/api/v1/public/map/layers/:layer',
    tags: ['public'],
    summary: '公众地图图层 District, town and village outlines as GeoJSON, in a box, simplified for the zoom (no grids)',
    params: Type.Object({ layer: literals(PUBLIC_MAP_LAYERS) }),
    querystring: MapLayerQuery,
    response: { 200: LayerCollectionSchema },
    public: true,
  }),
  place: route({
    method: 'GET',
    path: '/api/v1/public/place',
    tags: ['public'],
    summary: '位置核对 Whether a picked point lies in the territory, and its town and village by name',
    querystring: LookupQuery,
    response: { 200: PublicPlaceSchema },
    public: true,
  }),
};
