/**
 * Uploaded bytes in a folder (LIANDONG_FILE_STORE=folder:/path) instead of the database: the row keeps the
 * file's name, type, hash and owner, the bytes are on disk; reading, the access rule and the sweep of
 * unattached uploads work the same.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStoreFrom, folderStore } from '@liandong/core/files/file-store.ts';
import { UnattachedFileSweeper } from '@liandong/core/files/purge-unattached-files.ts';
import { loadConfig, ConfigError } from '../src/config.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { orderIn } from './order-fixtures.ts';

let s: TestServer;
let dir: string;
let now = new Date('2026-03-04T02:00:00Z');
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'liandong-files-'));
  s = await startTestServer({ clock: () => now, files: folderStore(dir) });
});
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const PHOTO = Buffer.from('\xff\xd8\xff\xe0 a small jpeg 现场照片', 'binary');
const stored = () => readdirSync(dir, { recursive: true }).filter((f) => String(f).includes('-') && !String(f).endsWith('.part'));

async function uploadAs(username: string, name: string) {
  const c = await s.as(username);
  const r = await fetch(`${s.base}/api/v1/files?name=${name}`, { method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'image/jpeg' }, body: PHOTO });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: string }).id;
}

const download = async (username: string, id: string) =>
  fetch(`${s.base}/api/v1/files/${id}`, { headers: { authorization: `Bearer ${(await s.as(username)).token}` } });

describe('a folder file store', () => {
  it('keeps the bytes on disk and the row without them; reads, the access rule and the sweep work the same', async () => {
    const f = await orderIn(s, 'handling');
    const before = stored().length;
    const photo = await uploadAs('cgj_handler', 'result.jpg');
    const lonely = await uploadAs('cgj_handler', 'never-attached.jpg');
    expect(stored().length).toBe(before + 2);
    const row = (await s.platform.db.query<{ data: Uint8Array | null; storage: string; storage_key: string }>('select data, storage, storage_key from files where public_id = $1', [photo])).rows[0]!;
    expect(row).toMatchObject({ data: null, storage: 'folder' });
    expect(existsSync(join(dir, row.storage_key))).toBe(true);

    expect((await (await s.as('cgj_handler')).act(f.id, 'feedback', { result: '已清理', attachments: [photo] })).status).toBe(200);
    const r = await download('zx_dispatcher', photo);
    expect(r.status).toBe(200);
    expect(Buffer.from(await r.arrayBuffer())).toEqual(PHOTO);
    expect((await download('citizen', photo)).status).toBe(404);

    now = new Date(now.getTime() + 25 * 3600_000);
    s.forgetSessions();
    const swept = await new UnattachedFileSweeper(s.platform.db, { clock: () => now, store: s.platform.files }).runOnce();
    expect(swept).toBeGreaterThanOrEqual(1);
    expect((await download('cgj_handler', lonely)).status).toBe(404);
    expect(stored().length).toBe(before + 1);
    expect((await download('cgj_handler', photo)).status).toBe(200);
  });

  it('is chosen by LIANDONG_FILE_STORE; a wrong setting is refused before anything starts', () => {
    expect(fileStoreFrom(undefined, '/data').kind).toBe('database');
    expect(fileStoreFrom('folder:files', '/data').kind).toBe('folder');
    expect(loadConfig({ LIANDONG_FILE_STORE: 'folder:/srv/liandong/files' }).fileStore.kind).toBe('folder');
    expect(() => loadConfig({ LIANDONG_FILE_STORE: 's3://bucket' })).toThrow(ConfigError);
    expect(() => loadConfig({ LIANDONG_FILE_STORE: 's3://bucket' })).toThrow(/LIANDONG_FILE_STORE/);
  });
});
