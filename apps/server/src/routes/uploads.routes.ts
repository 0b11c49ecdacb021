/**
 * Resumable uploads (断点续传) over the tus protocol 1.0.0 (@tus/server, partial bytes by @tus/file-store in the
 * platform's uploads folder): POST /api/v1/uploads creates (creation, creation-with-upload), HEAD and PATCH
 * /api/v1/uploads/{uploadId} resume and append, DELETE drops (termination). An adapter only: ownership, the
 * single file an upload becomes and the sweep are core's (files/resumable-uploads.ts).
 *
 * Authentication is the other routes': the session cookie or a bearer token resolved by the app's preHandler
 * (http/auth.ts), checked here before tus sees the request (401); an upload another user created is a 404. The
 * PATCH that completes an upload stores it like POST /api/v1/files and names the file in `Liandong-File-Id`; a HEAD
 * of a completed upload carries the same header, and GET /api/v1/uploads/{uploadId}/file answers the file.
 *
 * Not contract routes (the protocol is headers and raw bytes, not JSON): registered hidden from OpenAPI and
 * described in contracts/files.ts beside UPLOAD_FILE_ID_HEADER.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FileStore as TusFileStore } from '@tus/file-store';
import { EVENTS, Server as TusServer, type Upload } from '@tus/server';
import { fileRoutes as routes, MAX_FILE_BYTES, UPLOAD_FILE_ID_HEADER } from '@liandong/contracts';
import { completeResumableUpload, fileOfResumableUpload, forgetResumableUpload, ownResumableUpload, recordResumableUpload } from '@liandong/core/files/resumable-uploads.ts';
import type { Actor } from '@liandong/core/org/actor.ts';
import { DomainError, invalidField } from '@liandong/core/shared/errors.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { errorBody } from '../http/errors.ts';
import type { Platform } from '../platform.ts';

const PATH = '/api/v1/uploads';

/** The signed-in caller of the request tus is handling (its hooks see only a Web Request). */
const caller = new AsyncLocalStorage<{ actor: Actor; req: FastifyRequest }>();

/** A refusal as tus answers it: the status and the usual error body. */
function refusal(err: unknown): { status_code: number; body: string } {
  const c = caller.getStore()!;
  if (err instanceof DomainError) return { status_code: err.status, body: JSON.stringify(errorBody(c.req, err)) };
  c.req.log.error({ err }, 'resumable upload');
  return { status_code: 500, body: JSON.stringify({ error: { code: 'internal', message: 'Internal error' } }) };
}

/** A tus metadata value (`filename`, `filetype`), or null. */
const meta = (upload: Upload, key: string) => upload.metadata?.[key] || null;

export function uploadRoutes(app: FastifyInstance, p: Platform): void {
  const folder = p.partialUploads.dir;
  const tus = new TusServer({
    path: PATH,
    datastore: new TusFileStore({ directory: folder }),
    maxSize: MAX_FILE_BYTES,
    relativeLocation: true,
    // A completed upload is a file: it is not dropped by DELETE (the file is attached or swept like any other).
    disableTerminationForFinishedUploads: true,
    exposedHeaders: [UPLOAD_FILE_ID_HEADER],
    namingFunction: () => randomBytes(16).toString('hex'),
    async onUploadCreate(_req, upload) {
      const { actor } = caller.getStore()!;
      try {
        if (upload.size === undefined) throw invalidField('Upload-Length', '须在创建时给出文件大小', 'must be given when the upload is created');
        await recordResumableUpload(p.db, actor, upload.id, upload.size, p.clock());
      } catch (err) {
        throw refusal(err);
      }
      return {};
    },
    async onUploadFinish(_req, upload) {
      const { actor } = caller.getStore()!;
      try {
        const data = await readFile(join(folder, upload.id));
        const file = await completeResumableUpload(p.db, p.files, actor, upload.id, { name: meta(upload, 'filename') ?? undefined, contentType: meta(upload, 'filetype'), data, typeField: 'filetype' }, p.clock());
        return { headers: { [UPLOAD_FILE_ID_HEADER]: file.id } };
      } catch (err) {
        // A refused upload leaves nothing: neither a file nor its partial bytes (a retry finds no upload).
        if (err instanceof DomainError) {
          await forgetResumableUpload(p.db, upload.id);
          await p.partialUploads.remove(upload.id);
        }
        throw refusal(err);
      }
    },
  });

  tus.on(EVENTS.POST_TERMINATE, (_req: unknown, _res: unknown, id: string) => void forgetResumableUpload(p.db, id).catch((err) => app.log.error({ err }, 'resumable upload')));

  app.register(async (scope) => {
    // tus reads the request body itself: the parser leaves the stream unread.
    scope.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
    const handle = async (req: FastifyRequest, reply: FastifyReply) => {
      const actor = requireActor(req);
      const uploadId = (req.params as { uploadId?: string }).uploadId;
      if (uploadId !== undefined) {
        const own = await ownResumableUpload(p.db, actor, uploadId);
        if (own.fileId) reply.raw.setHeader(UPLOAD_FILE_ID_HEADER, own.fileId);
      }
      // The answer is tus's own, written past Fastify's hooks: the headers every answer carries are set here.
      reply.raw.setHeader('X-Content-Type-Options', 'nosniff');
      reply.raw.setHeader('Cache-Control', 'no-store');
      reply.hijack();
      await caller.run({ actor, req }, () => tus.handle(req.raw, reply.raw));
    };
    scope.route({ method: 'POST', url: PATH, schema: { hide: true }, handler: handle });
    scope.route({ method: ['HEAD', 'PATCH', 'DELETE'], url: `${PATH}/:uploadId`, schema: { hide: true }, handler: handle });
  });

  contractRoute(app, routes.uploadedFile, async (req) => fileOfResumableUpload(p.db, requireActor(req), req.params.uploadId));
}
