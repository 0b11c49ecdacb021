/**
 * Which stored form of a file (附件版本) a reader receives. A photo is kept three ways: the original as the phone
 * sent it (with its EXIF: time and place taken), for staff; `display` (long side ≤ 1600 px, turned upright, every
 * metadata tag removed) and `thumb` (long side ≤ 320 px, removed likewise). Pure.
 */
import type { FILE_VARIANTS, PHOTO_VARIANTS } from '@liandong/contracts';

export type FileVariant = (typeof FILE_VARIANTS)[number];
/** The variants made from a photo (the original is the file itself). */
export type PhotoVariant = (typeof PHOTO_VARIANTS)[number];

/** The long side, in pixels, each variant is brought within. */
export const VARIANT_LONG_SIDE: Record<PhotoVariant, number> = { display: 1600, thumb: 320 };

/**
 * The variant to serve, or null when the file has no such form. A citizen (群众) — like anything shown to the
 * public — never receives the original of a photo, whose EXIF may tell where he or someone else lives: he gets
 * `display` instead, and nothing when the photo has none (a HEIC the server could not decode).
 */
export function variantToServe(requested: FileVariant, file: { isImage: boolean; variants: readonly PhotoVariant[] }, reader: { isPublic: boolean }): FileVariant | null {
  if (requested === 'original') {
    if (!file.isImage || !reader.isPublic) return 'original';
    return file.variants.includes('display') ? 'display' : null;
  }
  return file.variants.includes(requested) ? requested : null;
}
