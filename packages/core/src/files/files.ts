/**
 * Uploaded files (附件): photos of a report or a result, documents, the special reports. A file is stored
 * first, named by a random UUID, then attached to an order by its uploader (orders/attachments.ts). Who may
 * read one is decided here, once: its uploader, or whoever may see the one order it is bound to.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '@liandong/db';
import { ALLOWED_FILE_TYPES, type UploadedFile } from '@liandong/contracts';
import { invalidField, notFound } from '../shared/errors.ts';
import type { Actor } from '../org/actor.ts';
import { hasRole } from '../org/actor.ts';
import { orderScopeSql } from '../orders/order-scope.ts';
import type { FileStore } from './file-store.ts';

const FILE = { zh: '附件', en: 'File' };

export interface StoredFile {
  name: string;
  contentType: string;
  data: Uint8Array;
}

/** Stores an upload of the actor; refuses a type that is not accepted or an empty body (400 naming the field). */
export async function storeUpload(q: Queryable, store: FileStore, actor: Actor, upload: { name?: string; contentType: string; data: Buffer }, now: Date): Promise<UploadedFile> {
  const contentType = upload.contentType.split(';')[0]!.trim().toLowerCase();
  if (!ALLOWED_FILE_TYPES.test(contentType)) throw invalidField('Content-Type', '仅支持图片、PDF、音视频', 'only images, PDF, audio and video are accepted');
  if (!Buffer.isBuffer(upload.data) || upload.data.length === 0) throw invalidField('body', '文件为空', 'the file is empty');
  const sha256 = createHash('sha256').update(upload.data).digest('hex');
  const name = upload.name || `upload-${sha256.slice(0, 8)}`;
  const key = await store.put(upload.data);
  const r = await q
    .query<{ id: string }>(
      `insert into files (name, content_type, size, sha256, data, storage, storage_key, uploaded_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning public_id as id`,
      [name, contentType, upload.data.length, sha256, key === null ? upload.data : null, store.kind, key, actor.userId, now],
    )
    .catch(async (err: unknown) => {
      if (key) await store.delete(key);
      throw err;
    });
  return { id: r.rows[0]!.id, name, contentType, size: upload.data.length, sha256 };
}

/**
 * A file the actor may read: one he uploaded, or one bound to an order he may see (administrators: any bound
 * file). Never through an order that merely names it. 404 otherwise, so nobody learns that it exists.
 */
export async function readFileFor(q: Queryable, store: FileStore, actor: Actor, publicId: string): Promise<StoredFile> {
  const params: unknown[] = [publicId, actor.userId];
  const scope = hasRole(actor, 'admin') ? 'true' : orderScopeSql(actor, params);
  const r = await q.query<{ name: string; content_type: string; data: Uint8Array | null; storage_key: string | null }>(
    `select f.name, f.content_type, f.data, f.storage_key from files f where f.public_id = $1 and (f.uploaded_by = $2 or exists (
       select 1 from orders o where o.id = f.order_id and ${scope}))`,
    params,
  );
  const file = r.rows[0];
  if (!file) throw notFound(FILE);
  const data = file.data ?? (await store.get(file.storage_key!));
  return { name: file.name, contentType: file.content_type, data };
}
