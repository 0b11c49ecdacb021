/**
 * Putting what the worker made into the outbox, and reading it back. Every item gets its Idempotency-Key and the
 * moment it was made here, on the phone; the photos go into the store with it, in one transaction, so an item
 * never names photos that are not there.
 */
import { fieldDb, type ActionRequest, type OutboxItem, type PhotoRef, type ReportRequest, type TrackRequest } from './outbox.db.ts';

export interface NewPhoto {
  blob: Blob;
  name: string;
  takenAt: string;
  role: PhotoRef['role'];
}

export async function enqueue(userId: number, title: string, request: ReportRequest | ActionRequest | TrackRequest, photos: NewPhoto[] = [], madeAt = new Date()): Promise<number> {
  return fieldDb.transaction('rw', fieldDb.outbox, fieldDb.photos, async () => {
    const refs: PhotoRef[] = [];
    for (const p of photos) refs.push({ photoId: (await fieldDb.photos.add({ blob: p.blob, name: p.name, takenAt: p.takenAt })) as number, role: p.role });
    const item: OutboxItem = { userId, key: crypto.randomUUID(), madeAt: madeAt.toISOString(), state: 'waiting', title, request, photos: refs, attempts: 0 };
    return (await fieldDb.outbox.add(item)) as number;
  });
}

/** Sends a refused item again after the worker changed nothing (e.g. the server refused while a rule was wrong). */
export async function retry(id: number): Promise<void> {
  await fieldDb.outbox.update(id, { state: 'waiting', refusal: undefined });
}

/** Removes an item the server refused (the worker gives it up) or one sent long enough ago, with its photos. */
export async function discard(id: number): Promise<void> {
  await fieldDb.transaction('rw', fieldDb.outbox, fieldDb.photos, async () => {
    const item = await fieldDb.outbox.get(id);
    if (!item || item.state === 'waiting' || item.state === 'sending') return;
    await fieldDb.photos.bulkDelete(item.photos.map((p) => p.photoId));
    await fieldDb.outbox.delete(id);
  });
}

/** Sent items older than this are cleared from the phone (the server has them; their photos take room). */
const KEEP_SENT_MS = 3 * 86_400_000;

export async function clearOldSent(now = Date.now()): Promise<void> {
  const old = await fieldDb.outbox.where('state').equals('sent').filter((i) => !!i.sentAt && now - Date.parse(i.sentAt) > KEEP_SENT_MS).toArray();
  for (const i of old) await discard(i.id!);
}
