import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { SATISFACTIONS } from '@liandong/contracts';
import { answerCallback, callbackLinkView } from '@liandong/core/orders/answer-callback.ts';
import type { Platform } from '../platform.ts';
import { errorResponses } from './schemas.ts';

const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100, pattern: '^cb_[A-Za-z0-9_-]+$' }) });
const AnswerBody = Type.Object(
  {
    satisfaction: Type.Union(SATISFACTIONS.map((s) => Type.Literal(s)), { description: '非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意' }),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
    substantive: Type.Optional(Type.Boolean({ description: 'dissatisfied because the problem is not solved: the order is handled again' })),
  },
  { additionalProperties: false },
);

/** Routes a citizen reaches without signing in: the token in the SMS link is the credential. */
export function publicRoutes(app: FastifyInstance, p: Platform): void {
  app.get<{ Params: Static<typeof TokenParams> }>(
    '/api/v1/public/callbacks/:token',
    { schema: { tags: ['public'], summary: '回访链接 What a citizen sees from the callback SMS link', params: TokenParams, response: errorResponses, security: [] } },
    async (req) => callbackLinkView(p.db, req.params.token, p.clock()),
  );
  app.post<{ Params: Static<typeof TokenParams>; Body: Static<typeof AnswerBody> }>(
    '/api/v1/public/callbacks/:token',
    {
      schema: {
        tags: ['public'],
        summary: '回访评价 The citizen rates the result through the link (once)',
        params: TokenParams,
        body: AnswerBody,
        response: { 410: errorResponses[404], ...errorResponses },
        security: [],
      },
    },
    async (req) => answerCallback(p.db, req.params.token, req.body, p.services),
  );
}
