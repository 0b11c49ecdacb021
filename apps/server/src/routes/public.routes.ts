import type { FastifyInstance } from 'fastify';
import { publicRoutes as routes } from '@liandong/contracts';
import { answerCallback, callbackLinkView } from '@liandong/core/orders/answer-callback.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

/** Routes a citizen reaches without signing in: the token in the SMS link is the credential. */
export function publicRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.callbackLink, async (req) => callbackLinkView(p.db, req.params.token, p.clock()));
  contractRoute(app, routes.answerCallback, async (req) => answerCallback(p.db, req.params.token, req.body, p.services));
}
