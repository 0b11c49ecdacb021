/**
 * What a photo's EXIF says about where and when it was taken (拍摄时间, 拍摄位置), made fit to keep. Pure: the
 * raw tags come from exifr (photo-variants.ts). Staff compare them with the report (a photo taken a month ago or
 * ten kilometres away); they are never shown to the public.
 */

/**
 * The zone a camera's local time is read in when the photo does not say (EXIF 2.31 OffsetTimeOriginal): the
 * platform serves Chinese cities, whose phones keep China Standard Time.
 */
export const DEFAULT_CAMERA_OFFSET = '+08:00';

const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/** The moment of an EXIF time (`2026:03:04 10:20:30`, local to the camera) with its offset, or null if unusable. */
export function takenAtFrom(raw: unknown, offset?: unknown): Date | null {
  if (typeof raw !== 'string') return null;
  const m = EXIF_TIME.exec(raw.trim());
  if (!m) return null;
  const zone = typeof offset === 'string' && OFFSET.test(offset.trim()) ? offset.trim() : DEFAULT_CAMERA_OFFSET;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  // Cameras whose clock was never set write 0000:00:00 or the year 1970 or 2000.
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 2001) return null;
  return at;
}

export interface ExifLocation {
  lng: number;
  lat: number;
}

/**
 * The GPS position as the file gives it (WGS-84, what GPS receivers report), or null when it is missing, out of
 * range, or the 0,0 a phone writes without a fix. Rounded to 7 decimals (about a centimetre).
 */
export function exifLocationFrom(lat: unknown, lng: unknown): ExifLocation | null {
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180 || (lat === 0 && lng === 0)) return null;
  const round = (x: number) => Math.round(x * 1e7) / 1e7;
  return { lng: round(lng), lat: round(lat) };
}
