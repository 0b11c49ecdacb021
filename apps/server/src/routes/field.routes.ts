/** The field app's read models (联动巡查): the catalogue as a phone keeps it, the grid's common classes first. */
import type { FastifyInstance } from 'fastify';
import { fieldRoutes as routes } from '@liandong/contracts';
import { fieldCategories } from '@liandong/core/field/field-categories.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

export function fieldRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.fieldCategories, async (req) => fieldCategories(p.db, requireActor(req), req.query, p.clock()));
}
