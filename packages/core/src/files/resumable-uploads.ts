/**
 * Resumable uploads (断点续传): a grid worker's phone on a weak signal sends a photo in pieces over the tus
 * protocol (the HTTP side: apps/server/src/routes/uploads.routes.ts) and resumes where a lost connection left it.
 * Each upload is its creator's alone (anyone else: 404). Once complete, its bytes are stored like any upload
 * (files.ts: first bytes, variants, EXIF) exactly once: the row remembers the file, so a client whose last answer
 * was lost asks again and learns the same file. The partial bytes live in a folder (partial-uploads.ts); rows and
 * bytes older than a day are swept with the unattached files.
 */
import type { Db, Queryable } from '@liandong/db';
import type { UploadedFile } from '@liandong/contracts';
import { notFound } from '../shared/errors.ts';
import type { Actor } from '../org/actor.ts';
import type { FileStore } from './file-store.ts';
import { discardUpload, insertUpload, prepareUpload, uploadedFileByRow, type Upload } from './files.ts';

const UPLOAD = { zh: '续传上传', en: 'Upload' };

/** Records a new upload of the actor (before its first byte is written). */
export async function recordResumableUpload(q: Queryable, actor: Actor, uploadId: string, size: number, now: Date): Promise<void> {
  await q.query('insert into resumable_uploads (id, user_id, size, created_at) values ($1, $2, $3, $4)', [uploadId, actor.userId, size, now]);
}

/** The actor's upload and the file it became (row id and public id, once complete); 404 when it is not his. */
export async function ownResumableUpload(q: Queryable, actor: Actor, uploadId: string): Promise<{ fileRowId: number | null; fileId: string | null }> {
  const r = await q.query<{ file_id: number | null; public_id: string | null }>(
    'select u.file_id, f.public_id from resumable_uploads u left join files f on f.id = u.file_id where u.id = $1 and u.user_id = $2',
    [uploadId, actor.userId],
  );
  const row = r.rows[0];
  if (!row) throw notFound(UPLOAD);
  return { fileRowId: row.file_id === null ? null : Number(row.file_id), fileId: row.public_id };
}

/**
 * Stores a completed upload's bytes as the actor's file, once: a second completion (a retry, another process)
 * answers the file the first made. A refusal (not an accepted type…) is the DomainError of prepareUpload.
 */
export async function completeResumableUpload(db: Db, store: FileStore, actor: Actor, uploadId: string, upload: Upload, now: Date): Promise<UploadedFile> {
  const done = await ownResumableUpload(db, actor, uploadId);
  if (done.fileRowId !== null) return uploadedFileByRow(db, actor, done.fileRowId);
  // The photo's variants are made outside the transaction: it holds the upload's row only for the inserts.
  const prepared = await prepareUpload(store, upload);
  try {
    const rowId = await db.transaction(async (tx) => {
      const locked = await tx.query<{ file_id: number | null }>('select file_id from resumable_uploads where id = $1 and user_id = $2 for update', [uploadId, actor.userId]);
      if (!locked.rows[0]) throw notFound(UPLOAD);
      if (locked.rows[0].file_id !== null) return { first: Number(locked.rows[0].file_id), mine: false };
      const { rowId } = await insertUpload(tx, actor, prepared, now);
      await tx.query('update resumable_uploads set file_id = $2 where id = $1', [uploadId, rowId]);
      return { first: rowId, mine: true };
    });
    if (!rowId.mine) await discardUpload(store, prepared);
    return uploadedFileByRow(db, actor, rowId.first);
  } catch (err) {
    await discardUpload(store, prepared);
    throw err;
  }
}

/** The file a completed upload of the actor became; 404 when the upload is not his, or not complete. */
export async function fileOfResumableUpload(q: Queryable, actor: Actor, uploadId: string): Promise<UploadedFile> {
  const { fileRowId } = await ownResumableUpload(q, actor, uploadId);
  if (fileRowId === null) throw notFound({ zh: '续传上传的文件', en: "The upload's file" });
  return uploadedFileByRow(q, actor, fileRowId);
}

/** Forgets an upload (refused, or ended by its owner); its file, if it made one, stays. */
export async function forgetResumableUpload(q: Queryable, uploadId: string): Promise<void> {
  await q.query('delete from resumable_uploads where id = $1', [uploadId]);
}

/** Forgets uploads begun before `before`; answers their ids, whose partial bytes the caller removes. */
export async function forgetStaleUploads(q: Queryable, before: Date): Promise<string[]> {
  const r = await q.query<{ id: string }>('delete from resumable_uploads where created_at < $1 returning id', [before]);
  return r.rows.map((x) => x.id);
}
