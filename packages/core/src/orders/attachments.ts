/**
 * Attachments (附件) of orders and actions. From outside a file is named by its unguessable public id
 * (a UUID); inside, events keep the files' row ids. A user may attach only files he uploaded himself, and
 * a file belongs to at most one order: attaching binds it, atomically, through `liandong_attach_files`
 * (migration 0006), whose failure (SQLSTATE LD422) the HTTP layer answers 422 naming `attachments`.
 */
import type { Queryable } from '@liandong/db';
import type { Actor } from '../org/actor.ts';
import { unprocessable } from '../shared/errors.ts';

export const ATTACHMENT_UNAVAILABLE = 'LD422';

/** How long a photo uploaded through the portal (no uploader) may wait to be attached to a public report. */
export const PUBLIC_PHOTO_TTL_MS = 60 * 60 * 1000;

/** The refusal of an attachment, named by its public id when known (also how the HTTP layer answers LD422). */
export const unavailable = (id?: string) =>
  unprocessable(
    'attachments',
    `附件${id ? ` ${id} ` : ''}不存在、不是您上传的或已用于其他工单`,
    `Attachment${id ? ` ${id}` : ''} does not exist, was not uploaded by you or belongs to another order`,
  );

/**
 * The row ids of the files named by `publicIds`, in their order, after checking that each exists and was
 * uploaded by the actor. Whether a file is still free is decided when it is bound (a retry of an order
 * that already holds it must find its first order, not an error).
 */
export async function resolveAttachments(q: Queryable, actor: Actor, publicIds: readonly string[], now?: Date): Promise<number[]> {
  if (publicIds.length === 0) return [];
  // Nobody signed in (the portal's anonymous citizen): photos uploaded publicly, within the hour unless already bound
  // (a retry of the report that holds them). Binding decides whether one is still free.
  const r =
    actor.userId === 0 && actor.roles.has('citizen')
      ? await q.query<{ id: number; public_id: string }>(
          `select id, public_id from files where public_id = any($1::uuid[]) and uploaded_by is null and public_upload
             and content_type like 'image/%' and (order_id is not null or created_at >= $2)`,
          [publicIds, new Date((now ?? new Date()).getTime() - PUBLIC_PHOTO_TTL_MS)],
        )
      : await q.query<{ id: number; public_id: string }>('select id, public_id from files where public_id = any($1::uuid[]) and uploaded_by = $2', [publicIds, actor.userId]);
  const byPublic = new Map(r.rows.map((f) => [f.public_id, Number(f.id)]));
  return publicIds.map((p) => {
    const id = byPublic.get(p.toLowerCase());
    if (id === undefined) throw unavailable(p);
    return id;
  });
}

/** Binds the files to the order in the caller's transaction; refuses (and so rolls back) if any is taken. */
export async function attachFiles(tx: Queryable, orderId: number, actor: Actor, fileIds: readonly number[]): Promise<void> {
  if (fileIds.length === 0) return;
  try {
    await tx.query('select liandong_attach_files($1, $2, $3::bigint[])', [orderId, actor.userId, fileIds]);
  } catch (err) {
    if ((err as { code?: string }).code === ATTACHMENT_UNAVAILABLE) throw unavailable();
    throw err;
  }
}

/** The public ids of files by row id, for views (in the given order; unknown ids are dropped). */
export async function publicFileIds(q: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await q.query<{ id: number; public_id: string }>('select id, public_id from files where id = any($1::bigint[])', [ids]);
  return new Map(r.rows.map((f) => [Number(f.id), f.public_id]));
}
