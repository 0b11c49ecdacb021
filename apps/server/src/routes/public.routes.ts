import type { FastifyInstance } from 'fastify';
import { publicRoutes as routes } from '@liandong/contracts';
import { answerCallback, callbackLinkView } from '@liandong/core/orders/answer-callback.ts';
import { publicPlace } from '@liandong/core/portal/public-place.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';
import { mapLayerAnswer } from './territory.routes.ts';

/**
 * Routes a citizen reaches without signing in: the token in the SMS link is the credential; the portal's map
 * (administrative outlines only, counted per address like every /api/v1/public/ route: http/rate-limit.ts).
 */
export function publicRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.callbackLink, async (req) => callbackLinkView(p.db, req.params.token, p.clock()));
  contractRoute(app, routes.answerCallback, async (req) => answerCallback(p.db, req.params.token, req.body, p.services));

  contractRoute(app, routes.mapConfig, async () => ({ basemap: p.map.basemap, bounds: await p.map.layers.extent(p.db) }));
  contractRoute(app, routes.mapLayer, async (req) => mapLayerAnswer(p, req.params.layer, req.query));
  contractRoute(app, routes.place, async (req) => publicPlace(p.db, p.territory, req.query));
}
