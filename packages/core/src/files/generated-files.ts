/**
 * Files the platform makes itself (a report's .docx and HTML page): put into the deployment's file store like an
 * upload (database, folder or S3), with no uploader and no order. Whoever owns such a file decides who reads it
 * (analysis-reports/ checks the report's scope) and keeps it from the sweep of unattached uploads
 * (purge-unattached-files.ts); its bytes are read back with `generatedFileBytes`.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '@liandong/db';
import type { FileStore } from './file-store.ts';

export async function storeGeneratedFile(q: Queryable, store: FileStore, f: { name: string; contentType: string; data: Buffer }, now: Date): Promise<number> {
  const key = await store.put(f.data);
  try {
    const r = await q.query<{ id: string }>(
      `insert into files (name, content_type, size, sha256, data, storage, storage_key, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [f.name, f.contentType, f.data.length, createHash('sha256').update(f.data).digest('hex'), key === null ? f.data : null, store.kind, key, now],
    );
    return Number(r.rows[0]!.id);
  } catch (err) {
    if (key) await store.delete(key).catch(() => undefined);
    throw err;
  }
}

export async function generatedFileBytes(q: Queryable, store: FileStore, id: number): Promise<{ name: string; contentType: string; data: Uint8Array }> {
  const f = (await q.query<{ name: string; content_type: string; data: Uint8Array | null; storage_key: string | null }>('select name, content_type, data, storage_key from files where id = $1', [id])).rows[0]!;
  return { name: f.name, contentType: f.content_type, data: f.data ?? (await store.get(f.storage_key!)) };
}
