import type { FastifyInstance } from 'fastify';
import { ACTION_NAMES, intakeRoutes, orderActionRoutes, orderMapRoutes, orderRoutes as routes, type ActionName } from '@liandong/contracts';
import { addCaller, createOrder, findSimilarCases, findVisibleOrder, newOrderView, orderIdOf, orderView, performAction, revealReporterPhone, searchOrders } from '@liandong/core/orders/index.ts';
import { orderClusters } from '@liandong/core/orders/map/order-clusters.ts';
import { readStockPhrases, setStockPhrases } from '@liandong/core/orders/intake/stock-phrases.ts';
import { callerHistory } from '@liandong/core/orders/callers/caller-history.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { requestLang } from '../http/lang.ts';
import { changeRequestOf, headerOf } from '../http/request-headers.ts';
import { readClock, type Platform } from '../platform.ts';

export function orderRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.createOrder, async (req, reply) => {
    const actor = requireActor(req);
    const lang = requestLang(req);
    const r = await createOrder(p.db, actor, req.body, headerOf(req, 'idempotency-key'), p.services, { madeAt: headerOf(req, 'made-at') });
    if (!r.prepared) {
      reply.header('Idempotent-Replayed', 'true');
      return orderView(p.db, actor, r.order.id, lang, await readClock(p));
    }
    reply.status(201);
    return newOrderView(r.order, r.prepared, r.reference, actor, lang, await readClock(p));
  });

  contractRoute(app, routes.listOrders, async (req) =>
    searchOrders(p.db, requireActor(req), req.query, requestLang(req), await readClock(p), { ip: req.ip }),
  );

  contractRoute(app, routes.getOrder, async (req) => {
    const actor = requireActor(req);
    const id = await orderIdOf(p.db, req.params.id);
    await findVisibleOrder(p.db, actor, id);
    return orderView(p.db, actor, id, requestLang(req), await readClock(p), { timeline: true });
  });

  contractRoute(app, routes.revealPhone, async (req) =>
    revealReporterPhone(p.db, requireActor(req), await orderIdOf(p.db, req.params.id), req.params.reporterId, req.body.reason, p.clock(), req.ip),
  );

  contractRoute(app, orderMapRoutes.orderClusters, async (req) => orderClusters(p.db, requireActor(req), req.query, p.clock()));

  contractRoute(app, intakeRoutes.callerHistory, async (req) =>
    callerHistory(p.db, requireActor(req), req.query, requestLang(req), await readClock(p), { ip: req.ip }),
  );
  contractRoute(app, intakeRoutes.stockPhrases, async (req) => readStockPhrases(p.db, requireActor(req)));
  contractRoute(app, intakeRoutes.setStockPhrases, async (req) => setStockPhrases(p.db, requireActor(req), req.body.phrases));

  contractRoute(app, intakeRoutes.similarCases, async (req) =>
    findSimilarCases(p.db, requireActor(req), req.query, requestLang(req), await readClock(p)),
  );

  contractRoute(app, intakeRoutes.addCaller, async (req, reply) => {
    const actor = requireActor(req);
    const id = await orderIdOf(p.db, req.params.id);
    const r = await addCaller(p.db, actor, id, req.body, headerOf(req, 'idempotency-key'), p.services);
    if (r.replayed) reply.header('Idempotent-Replayed', 'true');
    return orderView(p.db, actor, id, requestLang(req), await readClock(p), { timeline: true });
  });

  for (const action of ACTION_NAMES) registerAction(app, p, action);
}

function registerAction(app: FastifyInstance, p: Platform, action: ActionName): void {
  // Every action route has the same parameters and answer; its body (validated by its own schema) goes to the action.
  const contract = orderActionRoutes[action] as (typeof orderActionRoutes)['sign'];
  contractRoute(app, contract, async (req, reply) => {
    const actor = requireActor(req);
    const id = await orderIdOf(p.db, req.params.id);
    const r = await performAction(p.db, actor, id, action, (req.body ?? {}) as never, p.services, changeRequestOf(req));
    if (r.replayed) reply.header('Idempotent-Replayed', 'true');
    return orderView(p.db, actor, id, requestLang(req), await readClock(p), { timeline: true });
  });
}
