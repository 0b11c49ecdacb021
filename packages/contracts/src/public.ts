import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { literals, SATISFACTIONS, STATE_CODES } from './vocabulary.ts';

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
};
