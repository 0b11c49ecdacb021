import type { FastifyInstance } from 'fastify';
import { adminRoutes as territoryAdminRoutes, catalogueAdminRoutes } from '@liandong/contracts';
import { checkGridFile, importGridFile } from '@liandong/core/territory/index.ts';
import { updateGrid } from '@liandong/core/territory/update-grid.ts';
import { exportCatalogueAs, importCatalogueAs } from '@liandong/core/catalogue/admin/catalogue-file.ts';
import { createCategory, listCategoriesForAdmin, updateCategory } from '@liandong/core/catalogue/admin/manage-categories.ts';
import { createCondition, setConditionUnits, updateCondition } from '@liandong/core/catalogue/admin/manage-conditions.ts';
import { requireActor } from '../http/auth.ts';
import { adminContext } from '../http/admin-context.ts';
import { contractRoute } from '../http/contract-route.ts';
import { requestLang } from '../http/lang.ts';
import type { Platform } from '../platform.ts';

/** A district's grid file: tens of thousands of polygons. */
const GRID_FILE_LIMIT = 50 * 1024 * 1024;
/** A catalogue file: a few thousand conditions. */
const CATALOGUE_FILE_LIMIT = 10 * 1024 * 1024;

const routes = { ...territoryAdminRoutes, ...catalogueAdminRoutes };

export function adminRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.checkGrids, async (req) => checkGridFile(p.db, requireActor(req), req.body, req.query.crs ?? 'wgs84', requestLang(req)), { bodyLimit: GRID_FILE_LIMIT });
  contractRoute(app, routes.importGrids, async (req) => importGridFile(p.db, requireActor(req), req.body, req.query.crs ?? 'wgs84'), { bodyLimit: GRID_FILE_LIMIT });
  contractRoute(app, routes.updateGrid, async (req) => updateGrid(p.db, requireActor(req), req.params.code, req.body));

  contractRoute(app, routes.listCategories, async (req) => listCategoriesForAdmin(p.db, requireActor(req)));
  contractRoute(app, routes.createCategory, async (req, reply) => {
    const category = await createCategory(p.db, requireActor(req), req.body, adminContext(p, req));
    reply.status(201);
    return category;
  });
  contractRoute(app, routes.updateCategory, async (req) => updateCategory(p.db, requireActor(req), req.params.code, req.body, adminContext(p, req)));
  contractRoute(app, routes.createCondition, async (req, reply) => {
    const condition = await createCondition(p.db, requireActor(req), req.params.code, req.body, adminContext(p, req));
    reply.status(201);
    return condition;
  });
  contractRoute(app, routes.updateCondition, async (req) => updateCondition(p.db, requireActor(req), req.params.id, req.body, adminContext(p, req)));
  contractRoute(app, routes.setConditionUnits, async (req) => setConditionUnits(p.db, requireActor(req), req.params.id, req.body.units, adminContext(p, req)));

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
    contractRoute(scope, routes.importCatalogue, async (req) => importCatalogueAs(p.db, requireActor(req), req.body, { ...adminContext(p, req), check: req.query.check }), { bodyLimit: CATALOGUE_FILE_LIMIT });
  });
}
