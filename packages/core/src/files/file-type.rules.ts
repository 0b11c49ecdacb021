/**
 * What a file is (附件类型), read from its first bytes (magic numbers), never from its name or the Content-Type a
 * client declares: a page, an archive or a program named photo.jpg is still a page, an archive or a program.
 * Pure: the sniffed type decides what is stored (files.content_type) and whether the declared type agrees.
 */

/** The types an upload may be, as sniffed. */
export type SniffedType =
  | 'image/jpeg'
  | 'image/png'
  | 'image/webp'
  | 'image/gif'
  | 'image/heic'
  | 'image/heif'
  | 'application/pdf'
  | 'video/mp4'
  | 'audio/mp4'
  | 'audio/mpeg'
  | 'audio/wav'
  | 'audio/amr';

/** How many leading bytes the sniffer needs. */
export const SNIFF_BYTES = 32;

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));
const starts = (b: Uint8Array, at: number, ...bytes: number[]) => bytes.every((x, i) => b[at + i] === x);

/** ISO base media file brands (the `ftyp` box) of a HEIC/HEIF still image (苹果/安卓手机照片). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);
/** Brands of MP4 video (and of phone recordings in an MP4 container) and of M4A audio. */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'mmp4', 'MSNV', '3gp4', '3gp5', '3gp6', '3g2a', 'M4V ', 'M4VH', 'M4VP', 'f4v ']);
const M4A_BRANDS = new Set(['M4A ', 'M4B ']);

/** The ISO-BMFF type from the `ftyp` box at the start: its major brand, or a compatible brand if that says more. */
function isoType(b: Uint8Array): SniffedType | null {
  if (ascii(b, 4, 4) !== 'ftyp') return null;
  const size = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const major = ascii(b, 8, 4);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(size, b.length); at += 4) compatible.push(ascii(b, at, 4));
  const brands = [major, ...compatible];
  if (HEIC_BRANDS.has(major)) return 'image/heic';
  if (HEIF_BRANDS.has(major)) return brands.some((x) => HEIC_BRANDS.has(x)) ? 'image/heic' : 'image/heif';
  if (M4A_BRANDS.has(major)) return 'audio/mp4';
  if (MP4_BRANDS.has(major) || brands.some((x) => MP4_BRANDS.has(x))) return 'video/mp4';
  return null;
}

/** An MPEG audio frame header: 11 sync bits, a known version and layer, a usable bit rate and sample rate. */
function mpegFrame(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1]! & 0xe0) !== 0xe0) return false;
  const version = (b[1]! >> 3) & 0x03;
  const layer = (b[1]! >> 1) & 0x03;
  const bitrate = b[2]! >> 4;
  const sampleRate = (b[2]! >> 2) & 0x03;
  return version !== 1 && layer !== 0 && bitrate !== 0 && bitrate !== 15 && sampleRate !== 3;
}

/** The type of `bytes` by their first bytes, or null when they are none of the accepted kinds. */
export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  const b = bytes.subarray(0, SNIFF_BYTES);
  if (starts(b, 0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(b, 0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return 'audio/wav';
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(b, 0, 6) === '#!AMR\n' || ascii(b, 0, 9) === '#!AMR-WB\n') return 'audio/amr';
  if (ascii(b, 0, 3) === 'ID3') return 'audio/mpeg';
  // MPEG audio without a tag, but not a JPEG (whose FF D8 FF also has the sync bits' first byte).
  if (mpegFrame(b)) return 'audio/mpeg';
  return isoType(b);
}

/** Sniffed types that are photos (照片): the ones that may carry EXIF and get a display and a thumbnail. */
export const isImageType = (type: string) => type.startsWith('image/');

/**
 * Whether a declared Content-Type agrees with the sniffed type: the same family (an image is an image, a PDF a
 * PDF); an MP4 container may be declared as video or audio (a phone's voice memo is often audio/mp4 in isom).
 */
export function declaredTypeAgrees(declared: string, sniffed: SniffedType): boolean {
  const family = (t: string) => (t === 'application/pdf' ? 'pdf' : t === 'video/mp4' || t === 'audio/mp4' ? 'mp4' : t.split('/')[0]!);
  if (family(declared) === family(sniffed)) return true;
  // A sniffed MP4 is video or audio; an audio type declared for a video container (and the reverse) still agrees.
  return (family(sniffed) === 'mp4' && /^(audio|video)\//.test(declared)) || (family(declared) === 'mp4' && /^(audio|video)\//.test(sniffed));
}
