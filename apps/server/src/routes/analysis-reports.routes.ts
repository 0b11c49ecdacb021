import type { FastifyInstance } from 'fastify';
import { analysisReportRoutes as routes } from '@liandong/contracts';
import { generateReport, getReport, listReports, reportFile } from '@liandong/core/analysis-reports/index.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

/** 研判报告: generated on demand, listed and opened within the reader's scope (docs/analysis-reports.md). */
export function analysisReportRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.list, async (req) => listReports(p.db, requireActor(req), req.query));
  contractRoute(app, routes.generate, async (req, reply) => {
    const report = await generateReport(p.db, p.files, requireActor(req), req.body, p.clock());
    reply.status(201);
    return report;
  });
  contractRoute(app, routes.get, async (req) => getReport(p.db, requireActor(req), req.params.id));
  for (const form of ['docx', 'html'] as const) {
    contractRoute(app, routes[form], async (req, reply) => {
      const file = await reportFile(p.db, p.files, requireActor(req), req.params.id, form);
      // The page is served sandboxed: it runs no script and loads nothing (its charts are inline SVG).
      return reply
        .type(file.contentType)
        .header('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .header('Content-Disposition', `${form === 'docx' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('Cache-Control', 'private, no-store')
        .send(Buffer.from(file.data));
    });
  }
}
