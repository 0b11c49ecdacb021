import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import exifr from 'exifr';
import { carryExif, exifSegment } from './exif-carry.ts';

/** A camera photo: 1200×800, taken lying on its side (Orientation 6), with the time and a GPS position. */
async function cameraPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: '#4080c0' } })
    .jpeg()
    .withExif({
      IFD0: { Orientation: '6', Make: 'Huawei' },
      IFD2: { DateTimeOriginal: '2026:12:06 09:30:15' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 9/1 36/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 38/1 24/1' },
    })
    .toBuffer();
}

describe('EXIF carried into a photo shrunk on the phone', () => {
  it('keeps when and where it was taken, and says it is upright (the canvas turned it)', async () => {
    const original = await cameraPhoto();
    const before = await exifr.parse(original, { gps: true });
    expect(before?.Orientation).toBeDefined();
    // What the canvas gives: smaller, no metadata at all.
    const shrunk = await sharp(original).resize(600).jpeg({ quality: 80 }).toBuffer();
    expect(exifSegment(shrunk)).toBeNull();
    const carried = Buffer.from(carryExif(original, shrunk));
    const after = await exifr.parse(carried, { gps: true, translateValues: false });
    expect(after.latitude).toBeCloseTo(31.16, 2);
    expect(after.longitude).toBeCloseTo(120.64, 2);
    expect(after.DateTimeOriginal).toBeDefined();
    expect(after.Orientation).toBe(1);
    // Still a JPEG the server's tools read, of the shrunk size.
    expect((await sharp(carried).metadata()).width).toBe(600);
  });

  it('leaves a photo without EXIF, or one that already has it, as it is', async () => {
    const plain = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    const shrunk = await sharp(plain).resize(5).jpeg().toBuffer();
    expect(carryExif(plain, shrunk)).toBe(shrunk);
    const original = await cameraPhoto();
    expect(carryExif(original, original)).toBe(original);
    expect(carryExif(new Uint8Array([1, 2, 3]), shrunk)).toBe(shrunk);
  });
});
