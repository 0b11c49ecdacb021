import { describe, expect, it } from 'vitest';
import { exifLocationFrom, takenAtFrom } from './photo-exif.rules.ts';
import { variantToServe } from './file-variants.rules.ts';

describe("a photo's EXIF time and place", () => {
  it('reads the camera time in its own offset, else China Standard Time', () => {
    expect(takenAtFrom('2026:03:04 10:20:30', '+08:00')?.toISOString()).toBe('2026-03-04T02:20:30.000Z');
    expect(takenAtFrom('2026:03:04 10:20:30')?.toISOString()).toBe('2026-03-04T02:20:30.000Z');
    expect(takenAtFrom('2026:03:04 10:20:30', '+09:00')?.toISOString()).toBe('2026-03-04T01:20:30.000Z');
    expect(takenAtFrom('2026:03:04 10:20:30', 'garbage')?.toISOString()).toBe('2026-03-04T02:20:30.000Z');
  });

  it('refuses a clock never set or a time that is not one', () => {
    for (const raw of ['0000:00:00 00:00:00', '1970:01:01 08:00:00', '2000:01:01 00:00:00', '2026:13:40 99:00:00', 'yesterday', '', 20260304, null, undefined]) {
      expect(takenAtFrom(raw), String(raw)).toBeNull();
    }
  });

  it('keeps a GPS position as given (WGS-84), dropping the 0,0 of no fix and values out of range', () => {
    expect(exifLocationFrom(31.16, 120.64)).toEqual({ lng: 120.64, lat: 31.16 });
    expect(exifLocationFrom(31.123456789, 120.987654321)).toEqual({ lng: 120.9876543, lat: 31.1234568 });
    expect(exifLocationFrom(0, 0)).toBeNull();
    expect(exifLocationFrom(91, 120)).toBeNull();
    expect(exifLocationFrom(31, 181)).toBeNull();
    expect(exifLocationFrom(Number.NaN, 120)).toBeNull();
    expect(exifLocationFrom('31', 120)).toBeNull();
    expect(exifLocationFrom(undefined, undefined)).toBeNull();
  });
});

describe('which form of a file a reader gets', () => {
  const photo = { isImage: true, variants: ['display', 'thumb'] as const };
  const heic = { isImage: true, variants: [] as const };
  const pdf = { isImage: false, variants: [] as const };
  const staff = { isPublic: false };
  const citizen = { isPublic: true };

  it('staff get what they ask for; a form the file lacks is none', () => {
    expect(variantToServe('original', photo, staff)).toBe('original');
    expect(variantToServe('display', photo, staff)).toBe('display');
    expect(variantToServe('thumb', photo, staff)).toBe('thumb');
    expect(variantToServe('original', heic, staff)).toBe('original');
    expect(variantToServe('thumb', heic, staff)).toBeNull();
    expect(variantToServe('thumb', pdf, staff)).toBeNull();
  });

  it("a citizen never gets a photo's original: display instead, and nothing when there is none", () => {
    expect(variantToServe('original', photo, citizen)).toBe('display');
    expect(variantToServe('thumb', photo, citizen)).toBe('thumb');
    expect(variantToServe('original', heic, citizen)).toBeNull();
    expect(variantToServe('original', pdf, citizen)).toBe('original');
  });

  it('a citizen gets no one else’s video or recording (its metadata may tell where), but his own back', () => {
    const video = { isImage: false, variants: [] as const, contentType: 'video/mp4' };
    expect(variantToServe('original', video, citizen)).toBeNull();
    expect(variantToServe('original', { ...video, contentType: 'audio/amr' }, citizen)).toBeNull();
    expect(variantToServe('original', video, { isPublic: true, isUploader: true })).toBe('original');
    expect(variantToServe('original', video, staff)).toBe('original');
  });
});
