import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { FileId } from '@liandong/contracts';
import { invalidField, notFound } from '@liandong/core/shared/errors.ts';
import { orderScopeSql } from '@liandong/core/orders/index.ts';
import { hasRole } from '@liandong/core/org/actor.ts';
import { requireActor } from '../http/auth.ts';
import type { Platform } from '../platform.ts';
import { errorResponses } from './schemas.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ALLOWED = /^(image\/(jpeg|png|webp|gif|heic)|application\/pdf|video\/mp4|audio\/(mpeg|mp4|amr|wav))$/;
const FILE = { zh: '附件', en: 'File' };

/** Attachments (photos of a report or a result): uploaded first, then named by id in an order or action. */
export function fileRoutes(app: FastifyInstance, p: Platform): void {
  app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
    scope.post<{ Querystring: { name?: string } }>(
      '/api/v1/files',
      {
        bodyLimit: MAX_FILE_BYTES,
        schema: {
          tags: ['files'],
          summary: '上传附件 Upload a photo or document as the raw request body (Content-Type names its type)',
          querystring: Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 201: Type.Object({ id: FileId, name: Type.String(), contentType: Type.String(), size: Type.Integer(), sha256: Type.String() }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!ALLOWED.test(contentType)) throw invalidField('Content-Type', '仅支持图片、PDF、音视频', 'only images, PDF, audio and video are accepted');
        const data = req.body as Buffer;
        if (!Buffer.isBuffer(data) || data.length === 0) throw invalidField('body', '文件为空', 'the file is empty');
        const sha256 = createHash('sha256').update(data).digest('hex');
        const name = req.query.name || `upload-${sha256.slice(0, 8)}`;
        const r = await p.db.query<{ id: string }>(
          'insert into files (name, content_type, size, sha256, data, uploaded_by, created_at) values ($1, $2, $3, $4, $5, $6, $7) returning public_id as id',
          [name, contentType, data.length, sha256, data, actor.userId, p.clock()],
        );
        return reply.status(201).send({ id: r.rows[0]!.id, name, contentType, size: data.length, sha256 });
      },
    );
  });

  app.get<{ Params: { id: string } }>(
    '/api/v1/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: '下载附件 A file you uploaded, or one attached to an order you can see',
        params: Type.Object({ id: FileId }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const params: unknown[] = [req.params.id, actor.userId];
      const scope = hasRole(actor, 'admin') ? 'true' : orderScopeSql(actor, params);
      // A file is readable through the one order it is bound to, never through an order that merely names it.
      const r = await p.db.query<{ name: string; content_type: string; data: Uint8Array }>(
        `select f.name, f.content_type, f.data from files f where f.public_id = $1 and (f.uploaded_by = $2 or exists (
           select 1 from orders o where o.id = f.order_id and ${scope}))`,
        params,
      );
      const file = r.rows[0];
      if (!file) throw notFound(FILE);
      // Served inline for viewing, but sandboxed: an HTML file (the special report) runs no script and loads nothing.
      return reply
        .type(file.content_type)
        .header('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('Cache-Control', 'private, no-store')
        .send(Buffer.from(file.data));
    },
  );
}
