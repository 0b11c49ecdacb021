import type { FastifyInstance } from 'fastify';
import { fileRoutes as routes, MAX_FILE_BYTES } from '@liandong/contracts';
import { readFileFor, storeUpload } from '@liandong/core/files/files.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

/** Attachments (photos of a report or a result): uploaded first, then named by id in an order or action. */
export function fileRoutes(app: FastifyInstance, p: Platform): void {
  app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
    contractRoute(
      scope,
      routes.uploadFile,
      async (req, reply) => {
        const actor = requireActor(req);
        const file = await storeUpload(p.db, p.files, actor, { name: req.query.name, contentType: String(req.headers['content-type'] ?? ''), data: req.body as unknown as Buffer }, p.clock());
        reply.status(201);
        return file;
      },
      { bodyLimit: MAX_FILE_BYTES },
    );
  });

  contractRoute(app, routes.downloadFile, async (req, reply) => {
    const file = await readFileFor(p.db, p.files, requireActor(req), req.params.id, req.query.variant);
    // Served inline for viewing, but sandboxed: an HTML file (the special report) runs no script and loads nothing.
    return reply
      .type(file.contentType)
      .header('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('Cache-Control', 'private, no-store')
      .header('Liandong-File-Variant', file.variant)
      .send(Buffer.from(file.data));
  });
}
