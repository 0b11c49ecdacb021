import { Type, type Static } from '@sinclair/typebox';
import { Obj } from './common.ts';
import { route } from './route.ts';

/** A file's public id: a UUID, never guessable from another. */
export const FileId = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description: 'file id (UUID)' });

/** The largest upload accepted (photos, documents, short videos). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The content types an upload may have. */
export const ALLOWED_FILE_TYPES = /^(image\/(jpeg|png|webp|gif|heic)|application\/pdf|video\/mp4|audio\/(mpeg|mp4|amr|wav))$/;

export const UploadedFileSchema = Obj({ id: FileId, name: Type.String(), contentType: Type.String(), size: Type.Integer(), sha256: Type.String() });
export type UploadedFile = Static<typeof UploadedFileSchema>;

export const fileRoutes = {
  uploadFile: route({
    method: 'POST',
    path: '/api/v1/files',
    tags: ['files'],
    summary: '上传附件 Upload a photo or document as the raw request body (Content-Type names its type)',
    querystring: Obj({ name: Type.Optional(Type.String({ maxLength: 200 })) }),
    response: { 201: UploadedFileSchema },
  }),
  downloadFile: route({
    method: 'GET',
    path: '/api/v1/files/:id',
    tags: ['files'],
    summary: '下载附件 A file you uploaded, or one attached to an order you can see',
    params: Type.Object({ id: FileId }),
    response: { 200: Type.String({ format: 'binary', description: 'the file, in its own content type' }) },
    binary: true,
  }),
};
