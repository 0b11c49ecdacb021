/**
 * A photo's (照片) derived forms and what its EXIF says, made once at upload. `display` and `thumb` are JPEG,
 * turned upright by the EXIF orientation and written without any metadata (sharp keeps none unless asked), so
 * neither carries the place or time taken; the original is kept untouched for staff (file-variants.rules.ts).
 *
 * sharp's prebuilt libvips reads JPEG, PNG, WebP, GIF and AVIF but has no HEVC decoder: a HEIC/HEIF from a phone
 * keeps its original only (its EXIF is still read, exifr parses HEIC), and a citizen is served no form of it.
 * Bytes that claim to be a photo but do not decode (a damaged file) are kept the same way.
 */
import exifr from 'exifr';
import sharp from 'sharp';
import { exifLocationFrom, takenAtFrom, type ExifLocation } from './photo-exif.rules.ts';
import { VARIANT_LONG_SIDE, type PhotoVariant } from './file-variants.rules.ts';

// Photos arrive one at a time: no cache of decoded images held between them.
sharp.cache(false);

/** The types sharp decodes here (HEIC/HEIF are not: see above). */
const DECODABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export interface PhotoVariantBytes {
  variant: PhotoVariant;
  contentType: 'image/jpeg';
  data: Buffer;
}

export interface PreparedPhoto {
  /** Upright size of the original, when it decodes. */
  width: number | null;
  height: number | null;
  takenAt: Date | null;
  exifLocation: ExifLocation | null;
  variants: PhotoVariantBytes[];
}

const EXIF_TAGS = ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal', 'OffsetTime'];

/** The time and place the EXIF records; nothing when there is no EXIF or it cannot be read. */
async function readExif(data: Buffer): Promise<Pick<PreparedPhoto, 'takenAt' | 'exifLocation'>> {
  const tags = (await exifr.parse(data, { pick: EXIF_TAGS, reviveValues: false }).catch(() => null)) as Record<string, unknown> | null;
  const gps = await exifr.gps(data).catch(() => null);
  return {
    takenAt: tags ? takenAtFrom(tags.DateTimeOriginal ?? tags.CreateDate, tags.OffsetTimeOriginal ?? tags.OffsetTime) : null,
    exifLocation: gps ? exifLocationFrom(gps.latitude, gps.longitude) : null,
  };
}

async function variantOf(data: Buffer, variant: PhotoVariant): Promise<PhotoVariantBytes> {
  const side = VARIANT_LONG_SIDE[variant];
  const out = await sharp(data, { failOn: 'error' })
    .autoOrient()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    // A transparent PNG shown as JPEG: on white, not black.
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: variant === 'thumb' ? 70 : 82, mozjpeg: true })
    .toBuffer();
  return { variant, contentType: 'image/jpeg', data: out };
}

/** The variants, size and EXIF of a photo of sniffed type `type` (image/*). */
export async function preparePhoto(data: Buffer, type: string): Promise<PreparedPhoto> {
  const exif = await readExif(data);
  if (!DECODABLE.has(type)) return { width: null, height: null, ...exif, variants: [] };
  try {
    const meta = await sharp(data, { failOn: 'error' }).metadata();
    const variants = [await variantOf(data, 'display'), await variantOf(data, 'thumb')];
    return { width: meta.autoOrient.width, height: meta.autoOrient.height, ...exif, variants };
  } catch {
    // Claims to be a photo (its first bytes say so) but does not decode: kept as sent, without variants.
    return { width: null, height: null, ...exif, variants: [] };
  }
}
