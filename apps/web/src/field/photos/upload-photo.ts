/**
 * Sends one photo of an outbox item resumably (断点续传, the tus protocol: POST /api/v1/uploads, then PATCHes of
 * 256 kB): on a weak signal a photo goes in pieces, and a connection broken half-way resumes from the last piece
 * the server has — the upload's address is kept on the outbox item the moment it exists, so even after the app
 * was closed. The server names the stored file in Liandong-File-Id on the last piece (or, when that answer was
 * lost, GET /api/v1/uploads/{id}/file); the file id is kept on the item and the photo is never sent again.
 */
import * as tus from 'tus-js-client';
import { UPLOAD_FILE_ID_HEADER } from '@liandong/contracts';
import { ApiFailure, call } from '../../shared/api.ts';
import i18n from '../../i18n.ts';
import type { PhotoRef, StoredPhoto } from '../outbox/outbox.db.ts';

const ENDPOINT = '/api/v1/uploads';
const CHUNK = 256 * 1024;

/** A tus error as the outbox reads it: the server's refusal (4xx with its message) or a network failure (status 0). */
function failureOf(err: unknown): ApiFailure {
  const res = (err as tus.DetailedError).originalResponse;
  if (!res) return new ApiFailure(0, 'network', i18n.t('error.network'));
  const status = res.getStatus();
  type ErrorBody = { error?: { code?: string; message?: string; field?: string } };
  const body = ((): ErrorBody | null => {
    try {
      return JSON.parse(res.getBody()) as ErrorBody;
    } catch {
      return null; // tus's own plain-text answers
    }
  })();
  return new ApiFailure(status, body?.error?.code ?? 'upload', body?.error?.message ?? res.getBody() ?? i18n.t('error.unknown'), body?.error?.field);
}

export async function uploadPhoto(photo: StoredPhoto, ref: PhotoRef, onUrl: (url: string) => Promise<void>): Promise<string> {
  const id = (url: string) => url.split('/').pop()!;
  let fileId: string | null = null;
  let upload: tus.Upload | null = null;
  const sent = await new Promise<void>((resolve, reject) => {
    upload = new tus.Upload(photo.blob, {
      endpoint: ENDPOINT,
      uploadUrl: ref.uploadUrl || null,
      chunkSize: CHUNK,
      retryDelays: [0, 1_000, 3_000],
      storeFingerprintForResuming: false,
      metadata: { filename: photo.name, filetype: photo.blob.type || 'image/jpeg' },
      headers: { 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' },
      onUploadUrlAvailable: () => void onUrl(upload!.url!),
      onAfterResponse: (_req, res) => {
        const named = res.getHeader(UPLOAD_FILE_ID_HEADER);
        if (named) fileId = named;
      },
      onSuccess: () => resolve(),
      onError: (err) => reject(err),
    });
    upload.start();
  }).then(
    () => true,
    (err: unknown) => {
      // An address the server no longer knows (an upload unfinished for a day is swept): start afresh.
      if ((err as tus.DetailedError).originalResponse?.getStatus() === 404 && ref.uploadUrl) return false;
      throw failureOf(err);
    },
  );
  if (!sent) {
    await onUrl('');
    return uploadPhoto(photo, { ...ref, uploadUrl: undefined }, onUrl);
  }
  if (fileId) return fileId;
  // Complete before (the last answer was lost, or the upload was already whole): ask which file it became.
  return (await call('files.uploadedFile', { params: { uploadId: id((upload as tus.Upload | null)?.url ?? ref.uploadUrl!) } })).id;
}
