import type { FastifyInstance } from 'fastify';
import { supervisionRoutes as routes } from '@liandong/contracts';
import { findVisibleOrder, orderIdOf } from '@liandong/core/orders/index.ts';
import { instructOnSupervision, listLevels, listPolicies, listSupervisions, replyToSupervision, reviewSupervision, superviseOrder, supervisionBoard, updatePolicy } from '@liandong/core/supervision/index.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { readClock, type Platform } from '../platform.ts';

export function supervisionRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.supervise, async (req, reply) => {
    const supervision = await superviseOrder(p.db, requireActor(req), await orderIdOf(p.db, req.params.id), req.body as never, p.services);
    reply.status(201);
    return supervision;
  });
  contractRoute(app, routes.listSupervisions, async (req) => {
    const actor = requireActor(req);
    const id = await orderIdOf(p.db, req.params.id);
    await findVisibleOrder(p.db, actor, id);
    return listSupervisions(p.db, id);
  });
  contractRoute(app, routes.reply, async (req) => replyToSupervision(p.db, requireActor(req), req.params.id, req.body.reply, p.clock()));
  contractRoute(app, routes.review, async (req) => reviewSupervision(p.db, requireActor(req), req.params.id, req.body, p.services));
  contractRoute(app, routes.instruct, async (req) => instructOnSupervision(p.db, requireActor(req), req.params.id, req.body.instruction, p.clock()));
  contractRoute(app, routes.board, async (req) => supervisionBoard(p.db, requireActor(req), await readClock(p), { days: req.query.days }));
  contractRoute(app, routes.listLevels, async (req) => {
    requireActor(req);
    return listLevels(p.db);
  });
  contractRoute(app, routes.listPolicies, async (req) => {
    requireActor(req);
    return listPolicies(p.db);
  });
  contractRoute(app, routes.updatePolicy, async (req) => updatePolicy(p.db, requireActor(req), req.params.id, req.body));
}
