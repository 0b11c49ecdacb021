/**
 * A photo shrunk on the phone (canvas) loses its EXIF: when and where it was taken, which staff rely on (the
 * server keeps it for them and strips it from anything citizens see). The original's Exif segment (APP1) is
 * carried into the shrunk JPEG, its orientation set to "upright": the canvas already turned the pixels.
 * Pure bytes in and out.
 */
const SOI = 0xd8;
const SOS = 0xda;
const APP1 = 0xe1;
const ORIENTATION = 0x0112;

/** The original's Exif APP1 segment (marker and length included), or null. */
export function exifSegment(jpeg: Uint8Array): Uint8Array | null {
  if (jpeg[0] !== 0xff || jpeg[1] !== SOI) return null;
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1]!;
    if (marker === SOS) return null;
    const length = (jpeg[i + 2]! << 8) | jpeg[i + 3]!;
    if (marker === APP1 && String.fromCharCode(...jpeg.subarray(i + 4, i + 8)) === 'Exif') return jpeg.slice(i, i + 2 + length);
    i += 2 + length;
  }
  return null;
}

/** Sets IFD0's Orientation to 1 (upright) in an Exif APP1 segment, in place. */
function uprightIn(segment: Uint8Array): void {
  const tiff = 10; // FF E1, length (2), "Exif\0\0"
  const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
  if (tiff + 8 > segment.length) return;
  const little = view.getUint16(tiff) === 0x4949;
  const ifd0 = tiff + view.getUint32(tiff + 4, little);
  if (ifd0 + 2 > segment.length) return;
  const entries = view.getUint16(ifd0, little);
  for (let k = 0; k < entries; k++) {
    const at = ifd0 + 2 + k * 12;
    if (at + 12 > segment.length) return;
    if (view.getUint16(at, little) === ORIENTATION) view.setUint16(at + 8, 1, little);
  }
}

/** The shrunk JPEG with the original's EXIF (upright); the shrunk one as it is when the original had none. */
export function carryExif(original: Uint8Array, shrunk: Uint8Array): Uint8Array {
  const segment = exifSegment(original);
  if (!segment || shrunk[0] !== 0xff || shrunk[1] !== SOI || exifSegment(shrunk)) return shrunk;
  uprightIn(segment);
  const out = new Uint8Array(shrunk.length + segment.length);
  out.set(shrunk.subarray(0, 2));
  out.set(segment, 2);
  out.set(shrunk.subarray(2), 2 + segment.length);
  return out;
}
