import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { literals } from './vocabulary.ts';

/** A file's public id: a UUID, never guessable from another. */
export const FileId = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description: 'file id (UUID)' });

/** The largest upload accepted (photos, documents, short videos). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The content types an upload may have (declared, and as its first bytes show: core files/file-type.rules.ts). */
export const ALLOWED_FILE_TYPES = /^(image\/(jpeg|png|webp|gif|heic|heif)|application\/pdf|video\/mp4|audio\/(mpeg|mp4|amr|wav))$/;

/**
 * The forms a file is kept in (附件版本): the original as sent; for a photo also `display` (long side ≤ 1600 px)
 * and `thumb` (≤ 320 px), upright and without any metadata. A citizen never receives a photo's original.
 */
export const FILE_VARIANTS = ['original', 'display', 'thumb'] as const;
export const PHOTO_VARIANTS = ['display', 'thumb'] as const;

/** A point as a photo's EXIF gives it (WGS-84). */
export const ExifLocationSchema = Obj({ lng: Type.Number(), lat: Type.Number() }, 'where the photo was taken, WGS-84 as its EXIF says');

export const UploadedFileSchema = Obj({
  id: FileId,
  name: Type.String(),
  contentType: Type.String({ description: 'the type its first bytes show, whatever was declared' }),
  size: Type.Integer(),
  sha256: Type.String(),
  takenAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: '拍摄时间: when the photo was taken (EXIF); never told to citizens' }))),
  exifLocation: Type.Optional(Nullable(ExifLocationSchema)),
  width: Type.Optional(Nullable(Type.Integer({ description: 'upright width of a photo, px' }))),
  height: Type.Optional(Nullable(Type.Integer({ description: 'upright height of a photo, px' }))),
  variants: Type.Optional(Type.Array(literals(PHOTO_VARIANTS), { description: 'the derived forms kept beside the original' })),
});
export type UploadedFile = Static<typeof UploadedFileSchema>;

/**
 * Resumable uploads (断点续传) speak the tus protocol 1.0.0 (creation, creation-with-upload, termination) at
 * `/api/v1/uploads` and `/api/v1/uploads/{uploadId}`: POST creates (Upload-Length ≤ MAX_FILE_BYTES,
 * Upload-Metadata `filename` and `filetype`), HEAD tells the offset, PATCH (application/offset+octet-stream)
 * appends, DELETE drops. Signed-in users only, each upload its creator's alone. The PATCH that completes an upload
 * stores it like POST /api/v1/files and names the file in the header below; a refusal answers it with the usual
 * error body. Not routes of this registry (the protocol is not JSON): only the lookup of the file is.
 */
export const UPLOAD_FILE_ID_HEADER = 'Liandong-File-Id';
/** A resumable upload's id, as its URL's last segment. */
export const UploadId = Type.String({ pattern: '^[0-9a-f]{32}$', description: 'resumable upload id' });

export const fileRoutes = {
  uploadFile: route({
    method: 'POST',
    path: '/api/v1/files',
    tags: ['files'],
    summary: '上传附件 Upload a photo or document as the raw request body (its first bytes must show an accepted type agreeing with Content-Type)',
    querystring: Obj({ name: Type.Optional(Type.String({ maxLength: 200 })) }),
    response: { 201: UploadedFileSchema },
  }),
  downloadFile: route({
    method: 'GET',
    path: '/api/v1/files/:id',
    tags: ['files'],
    summary: '下载附件 A file you uploaded, or one attached to an order you can see; a photo as original (staff), display or thumb',
    params: Type.Object({ id: FileId }),
    querystring: Obj({
      variant: Type.Optional(literals(FILE_VARIANTS, { description: 'original (default; citizens get display instead for a photo), display or thumb' })),
    }),
    response: { 200: Type.String({ format: 'binary', description: 'the file, in its own content type' }) },
    binary: true,
  }),
  uploadedFile: route({
    method: 'GET',
    path: '/api/v1/uploads/:uploadId/file',
    tags: ['files'],
    summary: '续传结果 The file a completed resumable upload became (for a client whose last answer was lost)',
    params: Type.Object({ uploadId: UploadId }),
    response: { 200: UploadedFileSchema },
  }),
};
