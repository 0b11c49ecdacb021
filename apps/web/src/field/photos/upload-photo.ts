/**
 * Sends one photo of an outbox item to the server and answers its file id. The bytes are read from the phone's
 * store each time, so an upload broken off is simply sent again by the next drain.
 */
import { ApiFailure } from '../../shared/api.ts';
import { uploadFile } from '../../shared/upload.ts';
import type { PhotoRef, StoredPhoto } from '../outbox/outbox.db.ts';

export async function uploadPhoto(photo: StoredPhoto, _ref: PhotoRef, _onUrl: (url: string) => Promise<void>): Promise<string> {
  const file = new File([photo.blob], photo.name, { type: photo.blob.type || 'image/jpeg' });
  try {
    return (await uploadFile(file)).id;
  } catch (err) {
    if (err instanceof ApiFailure) throw err;
    throw new ApiFailure(0, 'network', String(err));
  }
}
