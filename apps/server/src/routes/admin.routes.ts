import type { FastifyInstance } from 'fastify';
import { adminRoutes as routes } from '@liandong/contracts';
import { checkGridFile, importGridFile } from '@liandong/core/territory/index.ts';
import { updateGrid } from '@liandong/core/territory/update-grid.ts';
import { updateCondition } from '@liandong/core/catalogue/update-condition.ts';
import { exportCatalogueAs, importCatalogueAs } from '@liandong/core/catalogue/catalogue-file.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { requestLang } from '../http/lang.ts';
import type { Platform } from '../platform.ts';

/** A district's grid file: tens of thousands of polygons. */
const GRID_FILE_LIMIT = 50 * 1024 * 1024;
/** A catalogue file: a few thousand conditions. */
const CATALOGUE_FILE_LIMIT = 10 * 1024 * 1024;

export function adminRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.checkGrids, async (req) => checkGridFile(p.db, requireActor(req), req.body, req.query.crs ?? 'wgs84', requestLang(req)), { bodyLimit: GRID_FILE_LIMIT });
  contractRoute(app, routes.importGrids, async (req) => importGridFile(p.db, requireActor(req), req.body, req.query.crs ?? 'wgs84'), { bodyLimit: GRID_FILE_LIMIT });
  contractRoute(app, routes.updateGrid, async (req) => updateGrid(p.db, requireActor(req), req.params.code, req.body));
  contractRoute(app, routes.updateCondition, async (req) => updateCondition(p.db, requireActor(req), req.params.id, req.body));

  contractRoute(app, routes.exportCatalogue, async (req, reply) => {
    const csv = await exportCatalogueAs(p.db, requireActor(req));
    const day = p.clock().toISOString().slice(0, 10).replace(/-/g, '');
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="catalogue-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`事件部件清单-${day}.csv`)}`)
      .header('Cache-Control', 'private, no-store')
      .send(csv);
  });
  app.register(async (scope) => {
    scope.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: CATALOGUE_FILE_LIMIT }, (_req, body, done) => done(null, body));
    contractRoute(scope, routes.importCatalogue, async (req) => importCatalogueAs(p.db, requireActor(req), req.body, { check: req.query.check }), { bodyLimit: CATALOGUE_FILE_LIMIT });
  });
}
