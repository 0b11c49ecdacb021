import type { FastifyInstance } from 'fastify';
import { dispatchSuggestionRoutes as routes } from '@liandong/contracts';
import { autoDispatchSetting, dispatchModels, setAutoDispatch, startTraining, suggestDispatch } from '@liandong/core/smart-dispatch/index.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

/** 智能分拨: suggestions for an order's words, and the model's training runs (docs/smart-dispatch.md). */
export function dispatchSuggestionRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.suggestions, async (req) => suggestDispatch(p.db, requireActor(req), req.body, p.clock(), p.services));
  contractRoute(app, routes.models, async (req) => dispatchModels(p.db, requireActor(req)));
  contractRoute(app, routes.train, async (req, reply) => {
    const view = await startTraining(p.db, requireActor(req), p.clock(), (err) => req.log.error(err, 'dispatch model training'));
    reply.code(202);
    return view;
  });
  contractRoute(app, routes.autoSetting, async (req) => autoDispatchSetting(p.db, requireActor(req)));
  contractRoute(app, routes.setAuto, async (req) => setAutoDispatch(p.db, requireActor(req), req.body));
}
