/**
 * Field photos (现场照片): what a file is comes from its bytes, a photo is kept as sent for staff and as display and
 * thumb without any metadata, its EXIF time and place are kept on the row, and a citizen never receives an original.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderStore } from '@liandong/core/files/file-store.ts';
import { UnattachedFileSweeper } from '@liandong/core/files/purge-unattached-files.ts';
import { newKey, startTestServer, type TestServer } from './harness.ts';
import { orderBody } from './order-fixtures.ts';

/** A 2400×1800 photo turned on its side (EXIF orientation 6), taken in Songling at 10:20:30 China time. */
async function photoWithGps(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#4a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Liandong', Model: 'Field phone' },
      IFD2: { DateTimeOriginal: '2026:03:04 10:20:30', OffsetTimeOriginal: '+08:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 9/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '120/1 38/1 2400/100' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
  expect(await exifr.gps(jpeg)).toEqual({ latitude: 31.16, longitude: 120.64 });
  return jpeg;
}

let now = new Date('2026-03-04T06:00:00Z');
let s: TestServer;
let dir: string;
let photo: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'liandong-photos-'));
  s = await startTestServer({ clock: () => now, files: folderStore(dir) });
  photo = await photoWithGps();
});
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function send(username: string, body: Buffer, contentType = 'image/jpeg', name = 'photo.jpg') {
  const c = await s.as(username);
  const r = await fetch(`${s.base}/api/v1/files?name=${name}`, { method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': contentType }, body });
  return { status: r.status, body: (await r.json()) as any };
}
async function download(username: string, id: string, variant?: string) {
  const c = await s.as(username);
  const r = await fetch(`${s.base}/api/v1/files/${id}${variant ? `?variant=${variant}` : ''}`, { headers: { authorization: `Bearer ${c.token}` } });
  return { status: r.status, variant: r.headers.get('liandong-file-variant'), type: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) };
}
const fileCount = async () => (await s.platform.db.query<{ n: number }>('select (select count(*) from files) + (select count(*) from file_variants) as n')).rows[0]!.n;

describe('what a file is', () => {
  it('is read from its bytes: a page, text, an archive or a program named photo.jpg and sent as image/jpeg is refused, nothing stored', async () => {
    const before = await fileCount();
    for (const body of [
      Buffer.from('<!DOCTYPE html><html><script>document.cookie</script></html>'),
      Buffer.from('现场照片 (not really)'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 8, 0, 0, 0]),
      Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]),
    ]) {
      const r = await send('songling_gridworker', body);
      expect(r.status).toBe(400);
      expect(r.body.error.field).toBe('body');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await fileCount()).toBe(before);
  });

  it('must agree with the declared type, and is stored as what the bytes are', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n');
    const asPhoto = await send('songling_gridworker', pdf, 'image/jpeg');
    expect(asPhoto.status).toBe(400);
    expect(asPhoto.body.error.field).toBe('body');
    const asPdf = await send('songling_gridworker', pdf, 'application/pdf', 'report.pdf');
    expect(asPdf.status).toBe(201);
    expect(asPdf.body).toMatchObject({ contentType: 'application/pdf', variants: [], exifLocation: null });
    const png = await sharp({ create: { width: 4, height: 4, channels: 4, background: '#0000' } }).png().toBuffer();
    const r = await send('songling_gridworker', png, 'image/jpeg');
    expect(r.body).toMatchObject({ contentType: 'image/png', variants: ['display', 'thumb'], width: 4, height: 4 });
  });
});

describe('a photo with its EXIF', () => {
  it('is kept as sent for staff, with its time and place taken; display and thumb are upright and carry no metadata', async () => {
    const r = await send('songling_gridworker', photo);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      contentType: 'image/jpeg',
      takenAt: '2026-03-04T02:20:30.000Z',
      exifLocation: { lng: 120.64, lat: 31.16 },
      width: 1800,
      height: 2400,
      variants: ['display', 'thumb'],
    });
    const original = await download('songling_gridworker', r.body.id);
    expect(original).toMatchObject({ status: 200, variant: 'original', type: 'image/jpeg' });
    expect(original.bytes.equals(photo)).toBe(true);
    expect(await exifr.gps(original.bytes)).toEqual({ latitude: 31.16, longitude: 120.64 });

    for (const [variant, longSide] of [['display', 1600], ['thumb', 320]] as const) {
      const v = await download('songling_gridworker', r.body.id, variant);
      expect(v).toMatchObject({ status: 200, variant, type: 'image/jpeg' });
      const meta = await sharp(v.bytes).metadata();
      expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(longSide);
      expect(meta.height).toBeGreaterThan(meta.width); // turned upright
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(await exifr.gps(v.bytes).catch(() => undefined)).toBeUndefined();
      expect(await exifr.parse(v.bytes).catch(() => undefined)).toBeUndefined();
    }
  });

  it('reaches a citizen only without its EXIF: asking for the original he gets the display, and is not told the place', async () => {
    const r = await send('citizen', photo);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ takenAt: null, exifLocation: null, variants: ['display', 'thumb'] });
    const got = await download('citizen', r.body.id, 'original');
    expect(got).toMatchObject({ status: 200, variant: 'display' });
    expect(got.bytes.equals(photo)).toBe(false);
    expect(await exifr.gps(got.bytes).catch(() => undefined)).toBeUndefined();
    expect((await download('citizen', r.body.id)).variant).toBe('display');
    const row = await s.platform.db.query<{ exif_lat: number }>('select exif_lat from files where public_id = $1', [r.body.id]);
    expect(row.rows[0]!.exif_lat).toBe(31.16); // kept for staff all the same
  });

  it('that does not decode is kept as sent, without variants; a citizen gets no form of it', async () => {
    const damaged = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);
    const r = await send('citizen', damaged);
    expect(r.body).toMatchObject({ contentType: 'image/jpeg', variants: [], width: null });
    const got = await download('citizen', r.body.id);
    expect(got.status).toBe(404);
    expect(JSON.parse(got.bytes.toString()).error.field).toBe('variant');
    expect((await download('songling_gridworker', (await send('songling_gridworker', damaged)).body.id, 'thumb')).status).toBe(404);
  });

  it('in HEIC is kept as sent only (no HEVC decoder in the prebuilt sharp): staff get it, a citizen gets no form of it', async () => {
    // The start of an iPhone HEIC (ftyp heic, compatible mif1 heic), then bytes no decoder here reads.
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(200, 3)]);
    const staff = await send('songling_gridworker', heic, 'image/heic', 'IMG_0001.HEIC');
    expect(staff.body).toMatchObject({ contentType: 'image/heic', variants: [], width: null, height: null });
    expect((await download('songling_gridworker', staff.body.id)).bytes.equals(heic)).toBe(true);
    const mine = await send('citizen', heic, 'image/heic', 'IMG_0002.HEIC');
    expect((await download('citizen', mine.body.id)).status).toBe(404);
  });

  it('goes with its variants and all their stored bytes when never attached', async () => {
    const r = await send('songling_gridworker', photo);
    const keys = (await s.platform.db.query<{ key: string }>(
      `select storage_key as key from files where public_id = $1 union all
       select v.storage_key from file_variants v join files f on f.id = v.file_id where f.public_id = $1`,
      [r.body.id],
    )).rows.map((x) => x.key);
    expect(keys).toHaveLength(3);
    for (const k of keys) await expect(s.platform.files.get(k)).resolves.toBeInstanceOf(Buffer);
    now = new Date(now.getTime() + 25 * 3600_000);
    s.forgetSessions();
    expect(await new UnattachedFileSweeper(s.platform.db, { clock: () => now, store: s.platform.files }).runOnce()).toBeGreaterThanOrEqual(1);
    for (const k of keys) await expect(s.platform.files.get(k)).rejects.toThrow();
    expect((await s.platform.db.query('select 1 from file_variants v join files f on f.id = v.file_id where f.public_id = $1', [r.body.id])).rows).toHaveLength(0);
  });
});

describe("an order's photos", () => {
  it('show staff when and where each was taken and that it has a thumbnail; the reporting citizen sees neither time nor place', async () => {
    s.forgetSessions();
    const citizen = await s.as('citizen');
    const r = await send('citizen', photo);
    const created = await citizen.post('/api/v1/orders', { ...(await orderBody(s, { phone: null })), channel: 'app', nature: 'report', attachments: [r.body.id] }, { 'idempotency-key': newKey('photo') });
    expect(created.status).toBe(201);
    const seen = async (username: string) => (await (await s.as(username)).get(`/api/v1/orders/${created.body.id}`)).body.timeline[0].attachments[0];
    expect(await seen('citizen')).toEqual({ id: r.body.id, name: 'photo.jpg', contentType: 'image/jpeg', hasThumb: true });
    expect(await seen('leader')).toEqual({
      id: r.body.id, name: 'photo.jpg', contentType: 'image/jpeg', hasThumb: true, takenAt: '2026-03-04T02:20:30.000Z', exifLocation: { lng: 120.64, lat: 31.16 },
    });
    const staffCopy = await download('leader', r.body.id);
    expect(await exifr.gps(staffCopy.bytes)).toEqual({ latitude: 31.16, longitude: 120.64 });
  });
});
