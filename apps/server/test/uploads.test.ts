/**
 * Resumable uploads (断点续传) over tus, as a grid worker's phone on a weak signal sends a photo: in pieces, the
 * connection lost half-way, resumed by a new client at the same URL, ending with exactly one file; nobody else
 * may resume or read it, and a body that is not an accepted type completes with a 4xx and leaves no file.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import exifr from 'exifr';
import sharp from 'sharp';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '@liandong/contracts';
import { UnattachedFileSweeper } from '@liandong/core/files/purge-unattached-files.ts';
import { startTestServer, type TestServer } from './harness.ts';

const CHUNK = 64 * 1024;
const WORKER = 'songling_gridworker';
let now = new Date('2026-03-04T06:00:00Z');
let s: TestServer;
let photo: Buffer;

beforeAll(async () => {
  s = await startTestServer({ clock: () => now });
  // Noise compresses badly: a photo of several chunks. EXIF with the place taken, as a phone writes it.
  photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 90 })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 9/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '120/1 38/1 2400/100' } })
    .toBuffer();
  expect(photo.length).toBeGreaterThan(4 * CHUNK);
});
afterAll(() => s?.close());

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const filesWithHash = async (hash: string) => (await s.platform.db.query<{ n: number }>('select count(*)::int as n from files where sha256 = $1', [hash])).rows[0]!.n;

interface Run {
  upload: tus.Upload;
  done: Promise<{ fileId: string | undefined; chunks: number }>;
}

/** Starts an upload as `username`; `stopAfter` chunks, it is aborted (the connection lost) and `done` resolves. */
async function start(username: string, data: Buffer, opts: { uploadUrl?: string; stopAfter?: number; filetype?: string } = {}): Promise<Run> {
  const token = (await s.as(username)).token;
  let chunks = 0;
  let upload!: tus.Upload;
  const done = new Promise<{ fileId: string | undefined; chunks: number }>((resolve, reject) => {
    upload = new tus.Upload(data, {
      endpoint: `${s.base}/api/v1/uploads`,
      uploadUrl: opts.uploadUrl ?? null,
      chunkSize: CHUNK,
      retryDelays: null,
      headers: { authorization: `Bearer ${token}` },
      metadata: { filename: 'scene.jpg', filetype: opts.filetype ?? 'image/jpeg' },
      onChunkComplete() {
        chunks++;
        if (opts.stopAfter !== undefined && chunks >= opts.stopAfter) void upload.abort().then(() => resolve({ fileId: undefined, chunks }));
      },
      onSuccess: ({ lastResponse }) => resolve({ fileId: lastResponse.getHeader('Liandong-File-Id'), chunks }),
      onError: reject,
    });
    upload.start();
  });
  return { upload, done };
}

const asUser = async (username: string | null, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer) => {
  const auth: Record<string, string> = username ? { authorization: `Bearer ${(await s.as(username)).token}` } : {};
  return fetch(new URL(path, s.base), { method, headers: { 'tus-resumable': '1.0.0', ...auth, ...headers }, body });
};

describe('a resumable upload', () => {
  it('lost half-way and resumed by a new client at the same URL ends as exactly one file, the bytes sent', async () => {
    const first = await start(WORKER, photo, { stopAfter: 2 });
    expect((await first.done).chunks).toBe(2);
    const url = first.upload.url!;
    expect(url).toMatch(/\/api\/v1\/uploads\/[0-9a-f]{32}$/);
    const head = await asUser(WORKER, 'HEAD', url);
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('upload-offset'))).toBe(2 * CHUNK);

    // Nobody else may learn of it, resume it or read it.
    expect((await asUser('cgj_handler', 'HEAD', url)).status).toBe(404);
    const foreign = await asUser('cgj_handler', 'PATCH', url, { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(2 * CHUNK) }, photo.subarray(2 * CHUNK, 3 * CHUNK));
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as any).error.code).toBe('not_found');
    expect((await asUser(null, 'HEAD', url)).status).toBe(401);

    const resumed = await start(WORKER, photo, { uploadUrl: url });
    const { fileId, chunks } = await resumed.done;
    expect(chunks).toBe(Math.ceil(photo.length / CHUNK) - 2); // only what was missing
    expect(fileId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await filesWithHash(sha256(photo))).toBe(1);

    const c = await s.as(WORKER);
    const original = await fetch(`${s.base}/api/v1/files/${fileId}`, { headers: { authorization: `Bearer ${c.token}` } });
    const bytes = Buffer.from(await original.arrayBuffer());
    expect(sha256(bytes)).toBe(sha256(photo));
    expect(await exifr.gps(bytes)).toEqual({ latitude: 31.16, longitude: 120.64 });

    // A client whose last answer was lost learns the same file: from the upload's file, or a HEAD.
    const answer = await c.get(`/api/v1/uploads/${url.split('/').pop()}/file` as '/api/v1/uploads/x/file');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: fileId, contentType: 'image/jpeg', exifLocation: { lng: 120.64, lat: 31.16 }, variants: ['display', 'thumb'] });
    expect((await asUser(WORKER, 'HEAD', url)).headers.get('liandong-file-id')).toBe(fileId);
    const again = await start(WORKER, photo, { uploadUrl: url });
    expect((await again.done).fileId).toBe(fileId);
    expect(await filesWithHash(sha256(photo))).toBe(1);
    expect((await (await s.as('cgj_handler')).get(`/api/v1/uploads/${url.split('/').pop()}/file` as '/api/v1/uploads/x/file')).status).toBe(404);
    expect((await fetch(`${s.base}/api/v1/files/${fileId}`, { headers: { authorization: `Bearer ${(await s.as('cgj_handler')).token}` } })).status).toBe(404);
  });

  it('of bytes that are not an accepted type completes with a 4xx naming the body, and leaves no file', async () => {
    const page = Buffer.from(`<!DOCTYPE html><html><body>${'不是照片 '.repeat(20_000)}</body></html>`);
    const run = await start(WORKER, page);
    const err = (await run.done.then(() => null, (e: unknown) => e)) as tus.DetailedError;
    expect(err).toBeInstanceOf(Error);
    const res = err.originalResponse!;
    expect(res.getStatus()).toBe(400);
    const body = JSON.parse(res.getBody());
    expect(body.error).toMatchObject({ code: 'invalid_field', field: 'body' });
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await filesWithHash(sha256(page))).toBe(0);
    expect((await asUser(WORKER, 'HEAD', run.upload.url!)).status).toBe(404);
  });

  it('needs a signed-in user, and a size within the limit', async () => {
    const anonymous = await asUser(null, 'POST', '/api/v1/uploads', { 'upload-length': '100' });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).error.code).toBe('unauthenticated');
    expect((await asUser(WORKER, 'POST', '/api/v1/uploads', { 'upload-length': String(MAX_FILE_BYTES + 1) })).status).toBe(413);
  });

  it('left unfinished for a day is swept with its partial bytes', async () => {
    const run = await start(WORKER, photo, { stopAfter: 1 });
    await run.done;
    const id = run.upload.url!.split('/').pop()!;
    expect(readdirSync(s.platform.partialUploads.dir)).toContain(id);
    now = new Date(now.getTime() + 25 * 3600_000);
    s.forgetSessions();
    await new UnattachedFileSweeper(s.platform.db, { clock: () => now, store: s.platform.files, partialUploads: s.platform.partialUploads }).runOnce();
    expect(readdirSync(s.platform.partialUploads.dir)).not.toContain(id);
    expect((await s.platform.db.query('select 1 from resumable_uploads where id = $1', [id])).rows).toHaveLength(0);
  });
});
