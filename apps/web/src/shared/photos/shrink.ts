/**
 * Photos are shrunk on the phone before they wait in the outbox: a 12-megapixel camera photo of 4–6 MB becomes a
 * JPEG of at most 1600 px on its long side (a few hundred kB), enough to see a broken manhole cover, and quick to
 * send over a weak signal. A photo already small enough is kept as it is; a shrunk one keeps the original's EXIF
 * (when and where it was taken: exif-carry.ts).
 */
import { carryExif } from './exif-carry.ts';

const LONG_SIDE = 1600;
const SMALL_BYTES = 600 * 1024;
const QUALITY = 0.82;

export async function shrinkPhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file; // not decodable here (e.g. HEIC on some browsers): the server checks and keeps it as sent
  }
  const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.size <= SMALL_BYTES) {
    bitmap.close();
    return file;
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  if (!out || out.size >= file.size) return file;
  const carried = carryExif(new Uint8Array(await file.arrayBuffer()), new Uint8Array(await out.arrayBuffer()));
  return new Blob([carried as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });
}
