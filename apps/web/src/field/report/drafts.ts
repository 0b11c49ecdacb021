/** 草稿: a report kept to finish later (also without a GPS fix), with its photos in the phone's store. */
import { fieldDb, type Draft } from '../outbox/outbox.db.ts';
import type { PickedPhoto } from '../photos/PhotoPicker.tsx';

export async function saveDraft(userId: number, id: number | undefined, values: Draft['values'], photos: PickedPhoto[], after: PickedPhoto[]): Promise<number> {
  return fieldDb.transaction('rw', fieldDb.drafts, fieldDb.photos, async () => {
    const old = id ? await fieldDb.drafts.get(id) : undefined;
    if (old) await fieldDb.photos.bulkDelete([...old.photoIds, ...old.afterPhotoIds]);
    const keep = async (list: PickedPhoto[]) => Promise.all(list.map(async (p) => (await fieldDb.photos.add({ blob: p.blob, name: p.name, takenAt: p.takenAt })) as number));
    const draft: Draft = { userId, updatedAt: new Date().toISOString(), values, photoIds: await keep(photos), afterPhotoIds: await keep(after) };
    if (old) {
      await fieldDb.drafts.put({ ...draft, id: old.id });
      return old.id!;
    }
    return (await fieldDb.drafts.add(draft)) as number;
  });
}

export async function loadDraft(id: number): Promise<{ draft: Draft; photos: PickedPhoto[]; after: PickedPhoto[] } | null> {
  const draft = await fieldDb.drafts.get(id);
  if (!draft) return null;
  const load = async (ids: number[]) => (await fieldDb.photos.bulkGet(ids)).filter((p) => !!p).map((p) => ({ blob: p!.blob, name: p!.name, takenAt: p!.takenAt }));
  return { draft, photos: await load(draft.photoIds), after: await load(draft.afterPhotoIds) };
}

export async function deleteDraft(id: number): Promise<void> {
  await fieldDb.transaction('rw', fieldDb.drafts, fieldDb.photos, async () => {
    const d = await fieldDb.drafts.get(id);
    if (!d) return;
    await fieldDb.photos.bulkDelete([...d.photoIds, ...d.afterPhotoIds]);
    await fieldDb.drafts.delete(id);
  });
}
