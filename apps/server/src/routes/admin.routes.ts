import type { FastifyInstance } from 'fastify';
import { adminRoutes as routes } from '@liandong/contracts';
import { checkGridFile, importGridFile } from '@liandong/core/territory/index.ts';
import { updateCondition } from '@liandong/core/catalogue/update-condition.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { requestLang } from '../http/lang.ts';
import type { Platform } from '../platform.ts';

/** A district's grid file: tens of thousands of polygons. */
const GRID_FILE_LIMIT = 50 * 1024 * 1024;

export function adminRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.checkGrids, async (req) => checkGridFile(p.db, requireActor(req), req.body, req.query.crs ?? 'wgs84', requestLang(req)), { bodyLimit: GRID_FILE_LIMIT });
  contractRoute(app, routes.importGrids, async (req) => importGridFile(p.db, requireActor(req), req.body, req.query.crs ?? 'wgs84'), { bodyLimit: GRID_FILE_LIMIT });
  contractRoute(app, routes.updateCondition, async (req) => updateCondition(p.db, requireActor(req), req.params.id, req.body));
}
