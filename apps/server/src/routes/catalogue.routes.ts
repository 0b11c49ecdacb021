import type { FastifyInstance } from 'fastify';
import { catalogueRoutes as routes } from '@liandong/contracts';
import { listCategories, listChannels, listConditionsWithUnits, listNatures, listOrderStates } from '@liandong/core/catalogue/catalogue.repository.ts';
import { listUnitViews } from '@liandong/core/org/org.repository.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

export function catalogueRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.listCategories, async (req) => {
    requireActor(req);
    return listCategories(p.db, req.query);
  });
  contractRoute(app, routes.listConditions, async (req) => {
    requireActor(req);
    return listConditionsWithUnits(p.db, req.params.code);
  });
  contractRoute(app, routes.listNatures, async (req) => {
    requireActor(req);
    return listNatures(p.db);
  });
  contractRoute(app, routes.listChannels, async (req) => {
    requireActor(req);
    return listChannels(p.db);
  });
  contractRoute(app, routes.listOrderStates, async (req) => {
    requireActor(req);
    return listOrderStates(p.db);
  });
  contractRoute(app, routes.listUnits, async (req) => {
    requireActor(req);
    return listUnitViews(p.db);
  });
}
