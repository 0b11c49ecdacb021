/**
 * 智能分拨 (smart dispatch): for the words (and place) of an order, the units it most likely belongs to, each with
 * the case-opening condition (立案条件) of that unit that fits best, a confidence and the words that weighed. The
 * model is trained in the background from the catalogue, the taxonomy and every dispatch and return
 * (docs/smart-dispatch.md); its runs are listed with their progress and evaluation.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Obj } from './common.ts';
import { route } from './route.ts';

export const SUGGESTION_LIMIT = 5;

export const DispatchSuggestionsBody = Obj({
  text: Type.Optional(Type.String({ maxLength: 4000, description: 'the order’s words; defaults to the order’s description when orderId is given' })),
  location: Type.Optional(Obj({ lng: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) }, 'WGS-84')),
  orderId: Type.Optional(Type.Integer({ minimum: 1, description: 'an order you may see: its words are used when text is absent' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: SUGGESTION_LIMIT })),
});
export type DispatchSuggestionsInput = Static<typeof DispatchSuggestionsBody>;

export const DispatchSuggestionSchema = Obj({
  unit: Obj({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  category: Nullable(Obj({ code: Type.String(), name: Type.String() })),
  condition: Nullable(Obj({ code: Type.String(), description: Type.String() }, 'the 立案条件; null when the catalogue has none of this unit yet')),
  confidence: Type.Number({ minimum: 0, maximum: 1, description: 'the model’s share for this unit among all units' }),
  reasons: Type.Array(Type.String(), { description: 'the words of the text that weighed most for this unit' }),
  territorial: Type.Boolean({ description: 'the place’s own unit (属地) for a territorial condition, routed from the location (or the order’s place)' }),
});
export type DispatchSuggestion = Static<typeof DispatchSuggestionSchema>;

const ModelRef = Nullable(Obj({ version: Type.Integer(), trainedAt: Nullable(DateTime) }));

export const DispatchSuggestionsSchema = Obj({
  model: ModelRef,
  items: Type.Array(DispatchSuggestionSchema),
});
export type DispatchSuggestions = Static<typeof DispatchSuggestionsSchema>;

export const DISPATCH_MODEL_STATES = ['training', 'ready', 'failed'] as const;

export const DispatchModelSchema = Obj({
  version: Type.Integer(),
  state: Type.Union(DISPATCH_MODEL_STATES.map((s) => Type.Literal(s))),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  stage: Type.String(),
  startedAt: DateTime,
  trainedAt: Nullable(DateTime),
  examples: Obj({
    conditions: Type.Optional(Type.Integer()),
    units: Type.Optional(Type.Integer()),
    taxonomy: Type.Optional(Type.Integer()),
    dispatches: Type.Optional(Type.Integer()),
    returns: Type.Optional(Type.Integer()),
  }),
  evaluation: Nullable(Obj({ heldOut: Type.Integer(), top1: Type.Number(), top3: Type.Number() }, 'the newest dispatches suggested for before they were learned')),
  error: Nullable(Type.String()),
});
export type DispatchModelView = Static<typeof DispatchModelSchema>;

export const AutoDispatchSchema = Obj({
  enabled: Type.Boolean({ description: 'the model dispatches by itself orders newly waiting at the centre when it is confident enough (off by default)' }),
  minConfidence: Type.Number({ minimum: 0.5, maximum: 1, description: 'the least confidence of the first suggestion' }),
});
export type AutoDispatch = Static<typeof AutoDispatchSchema>;

export const dispatchSuggestionRoutes = {
  suggestions: route({
    method: 'POST',
    path: '/api/v1/dispatch/suggestions',
    tags: ['dispatch'],
    summary: '智能分拨 Ranked units, conditions and categories for an order’s words, with confidence and the words that weighed',
    body: DispatchSuggestionsBody,
    response: { 200: DispatchSuggestionsSchema },
  }),
  models: route({
    method: 'GET',
    path: '/api/v1/dispatch/models',
    tags: ['dispatch'],
    summary: '分拨模型 The smart-dispatch model’s training runs, newest first, with progress and evaluation',
    response: { 200: Obj({ items: Type.Array(DispatchModelSchema) }) },
  }),
  train: route({
    method: 'POST',
    path: '/api/v1/dispatch/models',
    tags: ['dispatch'],
    summary: '训练分拨模型 Start training a new version in the background (answers at once with its run)',
    response: { 202: DispatchModelSchema },
  }),
  autoSetting: route({
    method: 'GET',
    path: '/api/v1/dispatch/auto',
    tags: ['dispatch'],
    summary: '自动派遣设置 Whether the model dispatches by itself above a confidence',
    response: { 200: AutoDispatchSchema },
  }),
  setAuto: route({
    method: 'PUT',
    path: '/api/v1/dispatch/auto',
    tags: ['dispatch'],
    summary: '修改自动派遣设置 Turn automatic dispatch by the model on or off and set its confidence threshold',
    body: AutoDispatchSchema,
    response: { 200: AutoDispatchSchema },
  }),
};
