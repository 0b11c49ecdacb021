/**
 * Uploaded bytes outside the database: in a folder (LIANDONG_FILE_STORE=folder:/path) or in an S3-compatible
 * object store (LIANDONG_FILE_STORE=s3:URL; here s3rver, an S3 server in Node, on a loopback port). The row keeps
 * the file's name, type, hash and owner, the bytes are in the store; reading, the access rule and the sweep of
 * unattached uploads work the same.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStoreFrom, folderStore, type FileStore } from '@liandong/core/files/file-store.ts';
import { UnattachedFileSweeper } from '@liandong/core/files/purge-unattached-files.ts';
import { loadConfig, ConfigError } from '../src/config.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { orderIn } from './order-fixtures.ts';

const PHOTO = Buffer.from('\xff\xd8\xff\xe0 a small jpeg 现场照片', 'binary');

interface StoreUnderTest {
  store: FileStore;
  close(): Promise<void>;
}

const stores: Record<'folder' | 's3', () => Promise<StoreUnderTest>> = {
  folder: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liandong-files-'));
    return { store: folderStore(dir), close: async () => rmSync(dir, { recursive: true, force: true }) };
  },
  s3: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liandong-s3-'));
    const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'liandong-files' }] });
    const { port } = await server.run();
    // The setting exactly as an operator writes it; s3rver's built-in account is S3RVER/S3RVER.
    const store = fileStoreFrom(`s3:http://S3RVER:S3RVER@127.0.0.1:${port}/liandong-files?region=cn-east-1`, dir);
    return {
      store,
      close: async () => {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

describe.each(['folder', 's3'] as const)('a %s file store', (kind) => {
  let s: TestServer;
  let under: StoreUnderTest;
  let now = new Date('2026-03-04T02:00:00Z');
  beforeAll(async () => {
    under = await stores[kind]();
    s = await startTestServer({ clock: () => now, files: under.store });
  });
  afterAll(async () => {
    await s?.close();
    await under?.close();
  });

  async function uploadAs(username: string, name: string) {
    const c = await s.as(username);
    const r = await fetch(`${s.base}/api/v1/files?name=${name}`, { method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'image/jpeg' }, body: PHOTO });
    expect(r.status).toBe(201);
    return ((await r.json()) as { id: string }).id;
  }
  const download = async (username: string, id: string) =>
    fetch(`${s.base}/api/v1/files/${id}`, { headers: { authorization: `Bearer ${(await s.as(username)).token}` } });
  const rowOf = async (id: string) =>
    (await s.platform.db.query<{ data: Uint8Array | null; storage: string; storage_key: string }>('select data, storage, storage_key from files where public_id = $1', [id])).rows[0]!;

  it('keeps the bytes in the store and the row without them; reads, the access rule and the sweep work the same', async () => {
    const f = await orderIn(s, 'handling');
    const photo = await uploadAs('cgj_handler', 'result.jpg');
    const lonely = await uploadAs('cgj_handler', 'never-attached.jpg');
    const row = await rowOf(photo);
    expect(row).toMatchObject({ data: null, storage: kind });
    expect(await under.store.get(row.storage_key)).toEqual(PHOTO);
    const lonelyKey = (await rowOf(lonely)).storage_key;
    expect(await under.store.get(lonelyKey)).toEqual(PHOTO);

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
    await expect(under.store.get(lonelyKey)).rejects.toThrow();
    expect((await download('cgj_handler', photo)).status).toBe(200);
  });
});

describe('LIANDONG_FILE_STORE', () => {
  it('chooses the store; a wrong setting is refused before anything starts', () => {
    expect(fileStoreFrom(undefined, '/data').kind).toBe('database');
    expect(fileStoreFrom('folder:files', '/data').kind).toBe('folder');
    expect(loadConfig({ LIANDONG_FILE_STORE: 'folder:/srv/liandong/files' }).fileStore.kind).toBe('folder');
    expect(loadConfig({ LIANDONG_FILE_STORE: 's3:https://key:secret@oss.example.cn/liandong' }).fileStore.kind).toBe('s3');
    expect(() => loadConfig({ LIANDONG_FILE_STORE: 's3://bucket' })).toThrow(ConfigError);
    expect(() => loadConfig({ LIANDONG_FILE_STORE: 's3://bucket' })).toThrow(/LIANDONG_FILE_STORE/);
  });
});
