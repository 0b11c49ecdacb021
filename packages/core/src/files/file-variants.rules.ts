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
 * `display` instead, and nothing when the photo has none (a HEIC the server could not decode); nor another's
 * video or recording.
 */
export function variantToServe(
  requested: FileVariant,
  file: { isImage: boolean; variants: readonly PhotoVariant[]; contentType?: string },
  reader: { isPublic: boolean; isUploader?: boolean },
): FileVariant | null {
  if (requested === 'original') {
    if (!reader.isPublic) return 'original';
    if (file.isImage) return file.variants.includes('display') ? 'display' : null;
    // A video's or a recording's metadata may hold where it was made, and no stripped form is made of it: the
    // public gets none of another's (his own he may have back).
    if (/^(video|audio)\//.test(file.contentType ?? '') && !reader.isUploader) return null;
    return 'original';
  }
  return file.variants.includes(requested) ? requested : null;
}
