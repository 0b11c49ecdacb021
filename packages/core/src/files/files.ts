/**
 * Uploaded files (附件): photos of a report or a result, documents, the special reports. A file is stored
 * first, named by a random UUID, then attached to an order by its uploader (orders/attachments.ts). Who may
 * read one is decided here, once: its uploader, or whoever may see the one order it is bound to.
 *
 * What a file is comes from its first bytes (file-type.rules.ts), never from its name or declared type. A photo
 * is kept as sent (with its EXIF, for staff) and as `display` and `thumb` without metadata (photo-variants.ts);
 * its EXIF time and place taken are kept on the row. A citizen is served a photo's display, never its original.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '@liandong/db';
import { ALLOWED_FILE_TYPES, type UploadedFile } from '@liandong/contracts';
import { DomainError, invalidField, notFound } from '../shared/errors.ts';
import type { Actor } from '../org/actor.ts';
import { hasRole } from '../org/actor.ts';
import { orderScopeSql } from '../orders/order-scope.ts';
import { snapshotReadableSql } from '../devices/detection-scope.ts';
import { articleFileReadableSql } from '../knowledge/article-scope.ts';
import type { FileStore } from './file-store.ts';
import { declaredTypeAgrees, isImageType, sniffFileType } from './file-type.rules.ts';
import { variantToServe, type FileVariant, type PhotoVariant } from './file-variants.rules.ts';
import { preparePhoto, type PreparedPhoto } from './photo-variants.ts';

const FILE = { zh: '附件', en: 'File' };

export interface StoredFile {
  name: string;
  contentType: string;
  data: Uint8Array;
  /** The form served (a citizen asking for a photo's original gets `display`). */
  variant: FileVariant;
}

export interface Upload {
  name?: string;
  /** The declared Content-Type; null when the client declared none (a resumable upload without `filetype`). */
  contentType: string | null;
  data: Buffer;
  /** Where the client declared the type, named in a refusal (default `Content-Type`; tus: `filetype`). */
  typeField?: string;
}

/** An upload checked, its photo variants made and its bytes in the store: what remains is its row. */
export interface PreparedUpload {
  name: string;
  contentType: string;
  data: Buffer;
  sha256: string;
  photo: PreparedPhoto | null;
  storage: FileStore['kind'];
  /** Where the original and each variant's bytes were put (null: in the row). */
  key: string | null;
  variantKeys: (string | null)[];
}

/** Whether the actor reads as the public does (群众): no photo original, no EXIF. */
export const readsAsPublic = (actor: Actor) => hasRole(actor, 'citizen');

/**
 * Checks an upload and puts its bytes (and a photo's variants) into the store. Refuses, naming the field (400):
 * a declared type that is not accepted (`Content-Type`), an empty body, bytes that are none of the accepted
 * types or not of the declared family (`body`: a page or an archive named photo.jpg).
 */
export async function prepareUpload(store: FileStore, upload: Upload): Promise<PreparedUpload> {
  const declared = upload.contentType === null ? null : upload.contentType.split(';')[0]!.trim().toLowerCase();
  if (declared !== null && !ALLOWED_FILE_TYPES.test(declared)) throw invalidField(upload.typeField ?? 'Content-Type', '仅支持图片、PDF、音视频', 'only images, PDF, audio and video are accepted');
  if (!Buffer.isBuffer(upload.data) || upload.data.length === 0) throw invalidField('body', '文件为空', 'the file is empty');
  const sniffed = sniffFileType(upload.data);
  if (!sniffed || !ALLOWED_FILE_TYPES.test(sniffed)) {
    throw invalidField('body', '文件内容不是图片、PDF或音视频（按文件内容判断，与文件名无关）', 'the content is not an image, PDF, audio or video (judged by the bytes, not the name)');
  }
  if (declared !== null && !declaredTypeAgrees(declared, sniffed)) {
    throw invalidField('body', `文件内容是 ${sniffed}，与声明的类型 ${declared} 不符`, `the content is ${sniffed}, not of the declared type ${declared}`);
  }
  const sha256 = createHash('sha256').update(upload.data).digest('hex');
  const photo = isImageType(sniffed) ? await preparePhoto(upload.data, sniffed) : null;
  const put: string[] = [];
  const keep = async (data: Buffer) => {
    const key = await store.put(data);
    if (key) put.push(key);
    return key;
  };
  try {
    const key = await keep(upload.data);
    const variantKeys: (string | null)[] = [];
    for (const v of photo?.variants ?? []) variantKeys.push(await keep(v.data));
    return { name: upload.name || `upload-${sha256.slice(0, 8)}`, contentType: sniffed, data: upload.data, sha256, photo, storage: store.kind, key, variantKeys };
  } catch (err) {
    await Promise.all(put.map((k) => store.delete(k).catch(() => undefined)));
    throw err;
  }
}

/** Removes what prepareUpload put in the store (its row was never written). */
export async function discardUpload(store: FileStore, prepared: PreparedUpload): Promise<void> {
  for (const key of [prepared.key, ...prepared.variantKeys]) if (key) await store.delete(key).catch(() => undefined);
}

/** Writes the row of a prepared upload and its variants' rows, in one statement. Returns the row's id and the answer. */
export async function insertUpload(
  q: Queryable,
  actor: Actor,
  p: PreparedUpload,
  now: Date,
  opts: { publicUpload?: boolean; deviceId?: number } = {},
): Promise<{ rowId: number; file: UploadedFile }> {
  const photo = p.photo;
  // A portal photo has no uploader; a device's snapshot has its device instead (devices/upload-snapshot.ts).
  const uploader = opts.publicUpload || opts.deviceId !== undefined ? null : actor.userId;
  const params: unknown[] = [
    p.name, p.contentType, p.data.length, p.sha256, p.key === null ? p.data : null, p.storage, p.key, uploader, now,
    photo?.takenAt ?? null, photo?.exifLocation?.lng ?? null, photo?.exifLocation?.lat ?? null, photo?.width ?? null, photo?.height ?? null,
    opts.publicUpload ?? false, opts.deviceId ?? null,
  ];
  const rows = (photo?.variants ?? []).map((v, i) => {
    const key = p.variantKeys[i] ?? null;
    params.push(v.variant, v.contentType, v.data.length, key === null ? v.data : null, p.storage, key);
    const n = params.length;
    return `($${n - 5}::text, $${n - 4}::text, $${n - 3}::int, $${n - 2}::bytea, $${n - 1}::text, $${n}::text)`;
  });
  const variants = rows.length
    ? `, v as (insert into file_variants (file_id, variant, content_type, size, data, storage, storage_key)
         select f.id, x.variant, x.content_type, x.size, x.data, x.storage, x.storage_key
         from f, (values ${rows.join(', ')}) as x (variant, content_type, size, data, storage, storage_key))`
    : '';
  const r = await q.query<{ id: number; public_id: string }>(
    `with f as (insert into files (name, content_type, size, sha256, data, storage, storage_key, uploaded_by, created_at, taken_at, exif_lng, exif_lat, width, height, public_upload, device_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning id, public_id)${variants}
     select id, public_id from f`,
    params,
  );
  const row = r.rows[0]!;
  return {
    rowId: Number(row.id),
    file: uploadedFile(actor, {
      id: row.public_id, name: p.name, contentType: p.contentType, size: p.data.length, sha256: p.sha256,
      takenAt: photo?.takenAt?.toISOString() ?? null, exifLocation: photo?.exifLocation ?? null, width: photo?.width ?? null, height: photo?.height ?? null,
      variants: (photo?.variants ?? []).map((v) => v.variant),
    }),
  };
}

/** The upload answer as the actor may read it: a citizen is not told what the EXIF says. */
function uploadedFile(actor: Actor, f: Required<UploadedFile>): UploadedFile {
  return readsAsPublic(actor) ? { ...f, takenAt: null, exifLocation: null } : f;
}

/** Stores an upload of the actor (prepareUpload's checks, then its row); nothing stays in the store if the row fails. */
export async function storeUpload(q: Queryable, store: FileStore, actor: Actor, upload: Upload, now: Date): Promise<UploadedFile> {
  const prepared = await prepareUpload(store, upload);
  try {
    return (await insertUpload(q, actor, prepared, now)).file;
  } catch (err) {
    await discardUpload(store, prepared);
    throw err;
  }
}

/**
 * A photo the server can show (it made its display form: JPEG, PNG, WebP or another decodable image), stored with
 * `opts` as insertUpload's; anything else is refused naming `body` and nothing stays in the store. The bytes alone
 * decide (a browser or a camera may declare application/octet-stream, or nothing).
 */
export async function storeShowablePhoto(
  q: Queryable,
  store: FileStore,
  actor: Actor,
  upload: Upload,
  now: Date,
  opts: Parameters<typeof insertUpload>[4],
): Promise<UploadedFile> {
  const prepared = await prepareUpload(store, { ...upload, contentType: null });
  if (!prepared.photo?.variants.some((v) => v.variant === 'display')) {
    await discardUpload(store, prepared);
    throw invalidField('body', '只能上传照片（JPEG、PNG、WebP 等可显示的图片）', 'only photos are accepted (JPEG, PNG, WebP or another image that can be shown)');
  }
  try {
    return (await insertUpload(q, actor, prepared, now, opts)).file;
  } catch (err) {
    await discardUpload(store, prepared);
    throw err;
  }
}

/**
 * 随手拍 photos: a photo uploaded through the citizen portal, with no uploader (its random id is what lets a report
 * attach it: orders/attachments.ts). Images only (storeShowablePhoto: the public never receives an original).
 * Answers its id and size.
 */
export async function storePublicPhoto(q: Queryable, store: FileStore, actor: Actor, upload: Upload, now: Date): Promise<{ id: string; width: number | null; height: number | null }> {
  const file = await storeShowablePhoto(q, store, actor, upload, now, { publicUpload: true });
  return { id: file.id, width: file.width ?? null, height: file.height ?? null };
}

/**
 * The display form (no EXIF, ≤ 1600 px, JPEG) of a photo bound to order `orderId` among `allowed` (row ids the
 * caller decided the public may see), or 404: a file of another order, not a photo, or without a display form.
 */
export async function readPublicPhoto(q: Queryable, store: FileStore, orderId: number, allowed: readonly number[], publicId: string): Promise<StoredFile> {
  const r = await q.query<{ name: string; content_type: string; data: Uint8Array | null; storage_key: string | null }>(
    `select f.name, v.content_type, v.data, v.storage_key from files f join file_variants v on v.file_id = f.id and v.variant = 'display'
      where f.public_id = $1 and f.order_id = $2 and f.id = any($3::bigint[]) and f.content_type like 'image/%'`,
    [publicId, orderId, allowed],
  );
  const row = r.rows[0];
  if (!row) throw notFound({ zh: '照片', en: 'Photo' });
  const data = row.data ?? (await store.get(row.storage_key!));
  return { name: variantName(row.name, 'display'), contentType: row.content_type, data, variant: 'display' };
}

interface FileRow {
  id: number;
  public_id: string;
  uploaded_by: number | null;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  taken_at: Date | null;
  exif_lng: number | null;
  exif_lat: number | null;
  width: number | null;
  height: number | null;
  variants: PhotoVariant[];
}

const FILE_COLUMNS = `f.id, f.public_id, f.name, f.content_type, f.size, f.sha256, f.uploaded_by, f.taken_at, f.exif_lng, f.exif_lat, f.width, f.height,
  array(select v.variant from file_variants v where v.file_id = f.id order by v.variant) as variants`;

/** The upload answer of the file with row id `rowId`, as the actor may read it. */
export async function uploadedFileByRow(q: Queryable, actor: Actor, rowId: number): Promise<UploadedFile> {
  const f = (await q.query<FileRow>(`select ${FILE_COLUMNS} from files f where f.id = $1`, [rowId])).rows[0];
  if (!f) throw notFound(FILE);
  return uploadedFile(actor, {
    id: f.public_id, name: f.name, contentType: f.content_type, size: Number(f.size), sha256: f.sha256,
    takenAt: f.taken_at ? new Date(f.taken_at).toISOString() : null,
    exifLocation: f.exif_lng === null || f.exif_lat === null ? null : { lng: Number(f.exif_lng), lat: Number(f.exif_lat) },
    width: f.width, height: f.height, variants: f.variants,
  });
}

/** A variant's file name: the original's, its extension that of the variant's type. */
const variantName = (name: string, variant: FileVariant) => (variant === 'original' ? name : `${name.replace(/\.[A-Za-z0-9]{1,5}$/, '')}-${variant}.jpg`);

/**
 * A file the actor may read: one he uploaded, or one bound to an order he may see (administrators: any bound
 * file), or a device's snapshot named by that device's detections in a fold he sees (devices/detection-scope.ts:
 * its order's readers, its area's reviewers), or a file of a knowledge-base article offered today to one who reads
 * the knowledge base, or of an article's working copy to those who keep it (knowledge/article-scope.ts). Never through an order that merely names it. 404 otherwise, so
 * nobody learns that it exists. A photo is
 * served in the form asked for (`original` by default); a citizen asking for a photo's original gets `display`,
 * and a form the file does not have is a 404 naming `variant`.
 */
export async function readFileFor(q: Queryable, store: FileStore, actor: Actor, publicId: string, requested: FileVariant = 'original'): Promise<StoredFile> {
  const params: unknown[] = [publicId, actor.userId];
  const scope = hasRole(actor, 'admin') ? 'true' : orderScopeSql(actor, params);
  const snapshot = snapshotReadableSql(actor, params);
  const article = articleFileReadableSql(actor, new Date(), params);
  const r = await q.query<FileRow>(
    `select ${FILE_COLUMNS} from files f where f.public_id = $1 and (f.uploaded_by = $2 or exists (
       select 1 from orders o where o.id = f.order_id and ${scope}) or ${snapshot} or ${article})`,
    params,
  );
  const file = r.rows[0];
  if (!file) throw notFound(FILE);
  const variant = variantToServe(
    requested,
    { isImage: isImageType(file.content_type), variants: file.variants, contentType: file.content_type },
    { isPublic: readsAsPublic(actor), isUploader: file.uploaded_by === actor.userId },
  );
  if (!variant) {
    throw new DomainError(404, 'not_found', { zh: `该附件没有 ${requested} 版本可供查看`, en: `This file has no ${requested} form you may view` }, 'variant');
  }
  const bytes =
    variant === 'original'
      ? (await q.query<{ content_type: string; data: Uint8Array | null; storage_key: string | null }>('select content_type, data, storage_key from files where id = $1', [file.id])).rows[0]!
      : (await q.query<{ content_type: string; data: Uint8Array | null; storage_key: string | null }>('select content_type, data, storage_key from file_variants where file_id = $1 and variant = $2', [file.id, variant])).rows[0]!;
  const data = bytes.data ?? (await store.get(bytes.storage_key!));
  return { name: variantName(file.name, variant), contentType: bytes.content_type, data, variant };
}
