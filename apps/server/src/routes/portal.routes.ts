import type { FastifyInstance } from 'fastify';
import { MAX_FILE_BYTES, portalRoutes as routes } from '@liandong/contracts';
import { meToo } from '@liandong/core/portal/me-too.ts';
import { nearbyReports } from '@liandong/core/portal/nearby-reports.ts';
import { submitPublicReport, uploadPublicPhoto } from '@liandong/core/portal/report.ts';
import { reportPhoto, trackReport } from '@liandong/core/portal/track-report.ts';
import { publicCategories } from '@liandong/core/portal/public-categories.ts';
import { citizenOf } from '../http/citizen-session.ts';
import { contractRoute } from '../http/contract-route.ts';
import { requestLang } from '../http/lang.ts';
import { headerOf } from '../http/request-headers.ts';
import type { Platform } from '../platform.ts';

/**
 * The citizen portal (群众随手拍): no account, the tracking code is the key; every route is counted per address
 * (http/rate-limit.ts; uploads and reports more tightly). A citizen signed in by SMS code (portal-sign-in.routes.ts)
 * reports and says 我也遇到 with the number he proved.
 */
export function portalRoutes(app: FastifyInstance, p: Platform): void {
  app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
    contractRoute(
      scope,
      routes.uploadPhoto,
      async (req, reply) => {
        const photo = await uploadPublicPhoto(p.db, p.files, { contentType: String(req.headers['content-type'] ?? ''), data: req.body as unknown as Buffer }, p.clock());
        reply.status(201);
        return photo;
      },
      { bodyLimit: MAX_FILE_BYTES },
    );
  });

  contractRoute(app, routes.report, async (req, reply) => {
    const r = await submitPublicReport(p.db, req.body, headerOf(req, 'idempotency-key'), p.services, await citizenOf(req, p));
    if (r.replayed) reply.header('Idempotent-Replayed', 'true');
    else reply.status(201);
    return r.receipt;
  });

  contractRoute(app, routes.categories, async (req) => publicCategories(p.db, requestLang(req), p.clock()));
  contractRoute(app, routes.nearby, async (req) => nearbyReports(p.db, req.query, requestLang(req), p.clock()));

  contractRoute(app, routes.track, async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    return trackReport(p.db, req.params.code, requestLang(req));
  });

  contractRoute(app, routes.meToo, async (req, reply) => {
    const r = await meToo(p.db, req.params.code, req.body, headerOf(req, 'idempotency-key'), p.services, await citizenOf(req, p));
    if (r.replayed) reply.header('Idempotent-Replayed', 'true');
    return r.receipt;
  });

  contractRoute(app, routes.reportPhoto, async (req, reply) => {
    const file = await reportPhoto(p.db, p.files, req.params.code, req.params.fileId);
    return reply
      .type(file.contentType)
      .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('Cache-Control', 'private, max-age=3600')
      .header('Liandong-File-Variant', file.variant)
      .send(Buffer.from(file.data));
  });
}
